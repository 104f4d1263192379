import type { MetaphorKey } from './metaphor.en';

/** 用詞依照原文：主廚 kubelet、侍者 kube-proxy、廚師 container & pod、爐灶和設備 container runtime、膳台。 */
export const metaphorZhTW: Record<MetaphorKey, string> = {
  'metaphor.cluster.kitchen': '餐廳',
  'metaphor.cluster.role': '叢集 Cluster',
  'metaphor.cluster.does': '所有機器與元件的總和：前台辦公室加上各個廚房。',
  'metaphor.apiserver.kitchen': '前台',
  'metaphor.apiserver.role': 'kube-apiserver（控制平面）',
  'metaphor.apiserver.does':
    '每張訂單都要經過這裡：確認你是誰、有沒有權限、補上預設值、執行准入控制與驗證，再寫進帳本。它是唯一會寫入 etcd 的元件。',
  'metaphor.etcd.kitchen': '訂單帳本',
  'metaphor.etcd.role': 'etcd',
  'metaphor.etcd.does':
    '存放所有物件的鍵值資料庫，每個物件都有 resourceVersion。其他元件透過前台監看它。',
  'metaphor.etcd.bends': '沒有人直接翻帳本：所有元件都是問前台（kube-apiserver），由它讀寫 etcd。',
  'metaphor.scheduler.kitchen': '出菜調度員',
  'metaphor.scheduler.role': 'kube-scheduler',
  'metaphor.scheduler.does':
    '發現還沒有節點的 Pod，先過濾掉接不了的廚房（污點、資源、親和性），再替其餘的評分，把 Pod 綁定到其中一間。',
  'metaphor.controllerManager.kitchen': '樓面經理',
  'metaphor.controllerManager.role': 'kube-controller-manager',
  'metaphor.controllerManager.does':
    '確保人數正確：Deployment、ReplicaSet、DaemonSet、StatefulSet、Job、EndpointSlice，以及節點生命週期（NotReady、污點、驅逐）。',
  'metaphor.kubectl.kitchen': '點菜單',
  'metaphor.kubectl.role': 'kubectl（你）',
  'metaphor.kubectl.does': '把你的請求以 REST 呼叫送到前台。',
  'metaphor.kubectl.bends':
    '點菜單畫在前台辦公室裡，只是因為它要送到前台。kubectl 其實在你自己的電腦上執行，不在叢集裡，它用 kubeconfig 裡的憑證，透過 HTTPS 連到 kube-apiserver。',
  'metaphor.client.kitchen': '顧客',
  'metaphor.client.role': '送請求到 Service 的用戶端',
  'metaphor.client.does': '每個請求從某個節點進來，依照該節點 kube-proxy 的規則被導向一個 Pod。',
  'metaphor.node.kitchen': '一間廚房',
  'metaphor.node.role': '工作節點 Worker Node',
  'metaphor.node.does':
    '執行 Pod 的機器，有自己的主廚（kubelet）、爐灶（container runtime）和侍者（kube-proxy）。',
  'metaphor.controlPlaneNode.kitchen': '前台辦公室',
  'metaphor.controlPlaneNode.role': '控制平面節點',
  'metaphor.controlPlaneNode.does':
    '以 kube-system 裡的靜態 Pod 執行控制平面。它的 NoSchedule 污點就是「辦公室不開伙」的告示：一般的 Pod 都送去廚房。',
  'metaphor.kubelet.kitchen': '主廚',
  'metaphor.kubelet.role': 'kubelet',
  'metaphor.kubelet.does':
    '監看綁定到自己節點的 Pod，透過 CRI 指揮執行環境（RunPodSandbox、PullImage、CreateContainer、StartContainer），重新啟動當掉的容器，回報狀態並續約節點 Lease。',
  'metaphor.kubelet.bends':
    '原文裡主廚從侍者手上接訂單；在 Kubernetes 裡，訂單是 kubelet 從 API server 監看（watch）得來的，kube-proxy 從不傳遞 Pod 規格。',
  'metaphor.runtime.kitchen': '爐灶和設備',
  'metaphor.runtime.role': '容器執行環境（containerd，經由 CRI）',
  'metaphor.runtime.does':
    '拉取映像檔、建立 Pod 沙箱（pause 容器）並執行容器。就算它壞了，執行中的容器也會繼續跑。',
  'metaphor.runtime.bends':
    '文章說最常見的是 Docker Engine。從 Kubernetes v1.24 起（移除了 dockershim），kubelet 只透過 CRI 溝通：叢集用的是 containerd 或 CRI-O，Docker Engine 要透過 cri-dockerd 轉接。這裡的爐灶是 containerd；映像檔還是同樣的 OCI 映像檔。',
  'metaphor.proxy.kitchen': '侍者',
  'metaphor.proxy.role': 'kube-proxy',
  'metaphor.proxy.does':
    '監看 Service 和 EndpointSlice，寫出座位表：iptables 或 IPVS 規則，把每個請求送到一個就緒的 Pod。',
  'metaphor.proxy.bends':
    '侍者並不親自帶客人：是核心依照 kube-proxy 寫好的規則轉送。kube-proxy 停了，牆上的座位表照樣有效，只是不會更新。文章說 kube-proxy 監聽 Service 和 Pod；其實它監聽的是 Service 和 EndpointSlice，由 controller manager 把就緒的 Pod 填進 EndpointSlice。',
  'metaphor.pod.kitchen': '膳台和廚師',
  'metaphor.pod.role': 'Pod',
  'metaphor.pod.does':
    '一個或多個容器，共用同一個網路命名空間（膳台檯面，也就是 pause 容器）和儲存卷，一起被排到同一個節點。',
  'metaphor.pod.bends':
    '當掉的廚師由主廚就地重新啟動；Pod 從不搬家：替代的 Pod 是控制器建立的新膳台。廚師的樣子是節點上容器執行環境此刻的實況；膳台下的狀態則是 API Server 所知道的，會慢一步（API Server 停擺時就停住不動）。',
  'metaphor.staticPod.kitchen': '兼任廚師的辦公室人員',
  'metaphor.staticPod.role': '靜態 Pod（kube-system）與它的鏡像 Pod',
  'metaphor.staticPod.does':
    'kubelet 依照自己磁碟上的檔案執行它；API server 上只看得到唯讀的鏡像 Pod。',
  'metaphor.staticPod.bends': '刪除鏡像 Pod 不會停掉靜態 Pod：kubelet 會依檔案重建鏡像。',
  'metaphor.container.kitchen': '一位廚師',
  'metaphor.container.role': '容器 Container',
  'metaphor.container.does': '由一個映像檔啟動的一個行程，由執行環境依 kubelet 的要求啟動。',
  'metaphor.sandbox.kitchen': '膳台檯面',
  'metaphor.sandbox.role': 'Pod 沙箱（pause 容器）',
  'metaphor.sandbox.does': '持有 Pod 的網路命名空間和 IP，讓 Pod 裡的每個容器共用。',
  'metaphor.service.kitchen': '菜單上的一道菜',
  'metaphor.service.role': 'Service',
  'metaphor.service.does': '一個穩定的虛擬 IP（ClusterIP），代表選擇器選到的那些 Pod。',
  'metaphor.endpointSlice.kitchen': '空位清單',
  'metaphor.endpointSlice.role': 'EndpointSlice',
  'metaphor.endpointSlice.does':
    'Service 後面各個 Pod 的位址與是否就緒；由 EndpointSlice 控制器維護。',
  'metaphor.rules.kitchen': '座位表',
  'metaphor.rules.role': 'iptables / IPVS 規則',
  'metaphor.rules.does': 'kube-proxy 寫進核心的規則；即使 kube-proxy 停了，仍會繼續轉送請求。',
  'metaphor.taint.kitchen': '「辦公室不開伙」告示',
  'metaphor.taint.role': '污點 node-role.kubernetes.io/control-plane:NoSchedule',
  'metaphor.taint.does': '讓一般 Pod 不會排到控制平面節點；只有容忍（toleration）它的 Pod 才能去。',
  'metaphor.object.kitchen': '帳本上的一筆紀錄',
  'metaphor.object.role': 'Kubernetes 物件',
  'metaphor.object.does': '透過 API server 存進 etcd 的物件。',
};
