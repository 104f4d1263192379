/**
 * 導覽旁白，繁體中文（台灣）。用詞跟著文章走：主廚 kubelet、侍者 kube-proxy、爐灶 container
 * runtime、廚師 container/Pod、前台 kube-apiserver；Kubernetes 的名詞（Pod、kubelet、etcd…）保留英文。
 * 型別由英文版決定：少一個翻譯就是型別錯誤。
 */
import type { WalkthroughMessageKey } from './walkthroughs.en';

export const walkthroughsZhTW: Record<WalkthroughMessageKey, string> = {
  // ---- 1. 建立 Pod ----------------------------------------------------------------------------------
  'podCreation.title': '建立一個 Pod',
  'podCreation.summary': '跟著一張訂單，從 kubectl 一路走到爐灶前的廚師，再接待第一位顧客。',
  'podCreation.apply':
    '你把訂單交給 kubectl：一份 Pod 清單（食譜），要一位叫 nginx 的廚師。kubectl 把它送到前台（kube-apiserver）。前台先確認你是誰（身分驗證：kubernetes-admin）、你能不能建立 Pod（授權），還有幾項檢查（接下來幾步）。全部通過後，才把訂單寫進帳本（etcd），回覆：pod/nginx created。',
  'podCreation.admission':
    '看看存下來的訂單：多了幾行你沒寫的東西。這是前台用預設值和准入控制（admission）外掛補上的：對 not-ready 和 unreachable 兩種污點（taint）的容忍（toleration），各 300 秒，還有服務帳號 default 和排程器 default-scheduler。',
  'podCreation.invalidOrder':
    '前台也會驗證每張訂單。名為 Nginx_1 的 Pod 被退回：名稱只能用小寫。回覆是 Invalid，帳本裡什麼都沒寫。',
  'podCreation.ledger':
    '帳本（etcd）裡現在有 nginx 了。它還沒有廚房：spec.nodeName 是空的，階段（phase）是 Pending。',
  'podCreation.expediterNotices':
    '出菜調度員（kube-scheduler）一直盯著前台，找還沒分到廚房的 Pod。幾毫秒後，它得知了 nginx。',
  'podCreation.filter':
    '它先篩選廚房（節點）。前台辦公室（控制平面節點）掛著一個污點：node-role.kubernetes.io/control-plane:NoSchedule。nginx 沒有對應的容忍，所以辦公室出局。worker-1 和 worker-2 沒有污點，留下來。',
  'podCreation.filter.bends':
    '真的餐廳辦公室不會開伙。在 Kubernetes 裡，控制平面也只是一個節點，只靠污點擋住。「辦公室不開伙」這個導覽會把它拿掉試試看。',
  'podCreation.bind':
    '接著它替剩下的廚房打分數，選了 {node}。它不會親自把單子送過去：它向前台送出一個 Binding，由前台在帳本裡填上 spec.nodeName。事件：Scheduled。',
  'podCreation.bind.q': '出菜調度員會把 nginx 派到哪裡？',
  'podCreation.bind.q.office': '辦公室（control-plane）：那裡最閒。',
  'podCreation.bind.q.worker': '其中一間工作廚房：worker-1 或 worker-2。',
  'podCreation.bind.q.all': '每間廚房都派一份。',
  'podCreation.headChef':
    '{node} 的主廚（kubelet）盯著前台，只看分到自己廚房的 Pod。nginx 的單子從前台送到了。',
  'podCreation.headChef.bends':
    '文章裡是侍者把訂單帶給主廚。在 Kubernetes 裡，侍者（kube-proxy）從不把 Pod 規格交給 kubelet：訂單只會從 API server 來到 kubelet。侍者負責帶顧客（轉送流量）到廚師那裡。',
  'podCreation.sandbox':
    '主廚透過 CRI 請爐灶（容器執行環境，這裡是 containerd）執行 RunPodSandbox。爐灶用一個 pause 容器把膳台準備好，膳台有了自己的網路位址。',
  'podCreation.sandbox.bends':
    'pause 容器是膳台的檯面，不是廚師：它什麼都不煮，只負責在真正的容器來來去去時，守住膳台的網路。',
  'podCreation.pull':
    '主廚向前台回報膳台就緒（PodReadyToStartContainers 變成 True，IP 是 {ip}），階段仍是 Pending。接著請爐灶拉取映像檔 nginx:1.14.2（PullImage），也就是備料。事件：Pulling。',
  'podCreation.start':
    '然後是 CreateContainer 和 StartContainer：廚師（容器）nginx 開始烹飪。事件：Pulled、Created。',
  'podCreation.report':
    '主廚向前台回報：階段變成 Running，ContainersReady 和 Ready 兩個條件都翻成 True。事件：Started。',
  'podCreation.service':
    '顧客需要一個入口。kubectl expose 把 nginx 放上菜單：一個名為 nginx 的服務（Service）。樓面經理（kube-controller-manager）寫下一份 EndpointSlice：就緒廚師的名單，目前只有 {ip}。',
  'podCreation.waiter':
    '每個節點都有一位侍者（kube-proxy）。每位侍者都看到了變化，重寫自己的座位表：也就是服務的 iptables 規則。',
  'podCreation.serve': '第一批顧客上門。侍者的規則把兩位顧客都帶到 {node} 上的 nginx。上菜了。',
  'podCreation.serve.bends':
    '真的侍者會親自帶位。kube-proxy 只負責設定核心（kernel）的規則；真正把每條連線轉給廚師 IP 的是核心。',

  // ---- 2. API server 掛了 ---------------------------------------------------------------------------
  'apiserverDown.title': 'API server 掛了',
  'apiserverDown.summary': '把前台弄壞。各廚房照樣自己煮，但在前台恢復之前，沒有人能下新訂單。',
  'apiserverDown.calm':
    '兩位廚師（Deployment web 的 Pod）正在烹飪，每間廚房（工作節點）各一位。服務 web 把顧客帶到他們那裡。',
  'apiserverDown.break':
    '現在前台（kube-apiserver）掛了。每個找它的請求都被拒絕，連你的也一樣：kubectl get pods 失敗。',
  'apiserverDown.break.q': '前台掛了。已經在烹飪的廚師會怎樣？',
  'apiserverDown.break.q.stop': '停下來：沒有前台，什麼都不能跑。',
  'apiserverDown.break.q.keep': '繼續烹飪。',
  'apiserverDown.break.q.move': '換到別的廚房。',
  'apiserverDown.seating': '顧客照樣有人招呼。侍者（kube-proxy）保留著已經寫進核心的座位表。',
  'apiserverDown.seating.bends':
    '座位表是凍結了，不是不見了：前台掛著的時候，侍者沒辦法得知新的服務或新的廚師。',
  'apiserverDown.newOrder':
    '新訂單被拒絕。只有前台能寫帳本（etcd），所以 Deployment late 並不存在。',
  'apiserverDown.crash':
    '廚師 {cook} 倒下了：它的容器以代碼 1 結束。worker-1 的主廚（kubelet）發現了，自己把容器重新啟動。帳本裡什麼都沒寫。',
  'apiserverDown.backoff':
    '它又倒下了。這次主廚等了 10 秒才重新啟動。這段等待就是 CrashLoopBackOff 的退避（back-off）。',
  'apiserverDown.reportsFail':
    '同時，主廚一直試著回報：Pod 的狀態，還有廚房的 Lease。每次都被拒絕，稍後再試。帳本上 {cook} 的重啟次數仍然是 0。',
  'apiserverDown.repair': '前台回來了。主廚下一次回報成功，帳本跟上了：{cook} 已經重啟 2 次。',
  'apiserverDown.noEviction':
    '一分鐘後，兩間廚房都是 Ready。還是原來那兩位廚師。沒有任何 Pod 被驅逐。',
  'apiserverDown.why':
    '為什麼沒有驅逐？廚房從來沒有失聯，只是前台聽不到。樓面經理（kube-controller-manager）也失去了前台，因此重新啟動，手上沒有過時的畫面可以拿來判斷。前台一回來，每位主廚都及時更新了自己的 Lease。',
  'apiserverDown.why.bends':
    '真的餐廳裡，廚師會停下來問。主廚不需要前台也能讓手上的 Pod 繼續跑：它照著自己那份訂單副本重啟容器。',

  // ---- 3. 一間廚房斷電 -------------------------------------------------------------------------------
  'nodeLost.title': '一間廚房斷電了',
  'nodeLost.summary':
    '把整個工作節點關掉。過了寬限期它變成 NotReady；容忍時間一到，它的廚師會在別處補上。',
  'nodeLost.spread': '四位廚師（Deployment web 的 Pod）：廚房 worker-1 兩位，廚房 worker-2 兩位。',
  'nodeLost.dark':
    '廚房 worker-1 斷電：機器關了。它的主廚（kubelet）、爐灶（容器執行環境）、侍者（kube-proxy）和廚師全都停了。前台仍然顯示 worker-1 是 Ready：沒有人通知它。',
  'nodeLost.dark.q': '前台什麼時候會把 worker-1 標成 NotReady？',
  'nodeLost.dark.q.now': '馬上。',
  'nodeLost.dark.q.grace': '等主廚沒消息超過一段寬限期之後。',
  'nodeLost.dark.q.never': '永遠不會：只有人能標記節點。',
  'nodeLost.silence':
    'worker-1 的主廚不再更新它的 Lease；worker-2 的主廚還在更新。樓面經理（kube-controller-manager）在等：節點最多可以沉默 50 秒（寬限期）。',
  'nodeLost.notReady':
    '寬限期過了。樓面經理把 worker-1 標成 NotReady：Ready 條件變成 Unknown，「Kubelet stopped posting node status.」',
  'nodeLost.taint':
    '它也在廚房門口掛上牌子：污點 node.kubernetes.io/unreachable，有 NoSchedule（不再派新廚師）和 NoExecute（裡面的廚師得離開）兩種。worker-1 的廚師被標成未就緒。',
  'nodeLost.tolerate':
    '不過每位廚師都能容忍這個污點 300 秒：這是前台的准入控制替每個 Pod 加上的。四分鐘後，四位都還在名冊上。',
  'nodeLost.evict':
    '300 秒一到，容忍時間用完。taint-eviction 控制器刪除 worker-1 的兩位廚師（事件 TaintManagerEviction）。',
  'nodeLost.replace':
    'ReplicaSet 要 4 位廚師，只數到 2 位。它建立 2 個新 Pod，出菜調度員（kube-scheduler）把它們綁到 worker-2，唯一還在的廚房。',
  'nodeLost.terminating':
    '舊的廚師仍顯示 Terminating。只有 worker-1 的主廚能確認他們真的停了，而它已經不在了。',
  'nodeLost.terminating.bends':
    '沒有廚房會把不在的廚師留在名冊上。Kubernetes 是故意的：沒有 kubelet，就沒人知道容器是不是真的停了，所以 Pod 物件先留著。',
  'nodeLost.contrast':
    '和前台掛掉比一比。那時每間廚房都好好的，只是少了前台，所以沒有驅逐。這次前台和樓面經理都正常，卻有一間廚房沉默了：它的廚師被換掉了。',

  // ---- 4. 侍者的座位表 -------------------------------------------------------------------------------
  'seatingChart.title': '侍者的座位表',
  'seatingChart.summary':
    '服務怎麼找到它的廚師：EndpointSlice，以及 kube-proxy 在 iptables 和 IPVS 模式下的規則。',
  'seatingChart.service':
    '服務（Service，菜單上的一道菜）給廚師們一個固定的地址：ClusterIP {clusterIP}。它用標籤 app=web 找到自己的廚師。',
  'seatingChart.slice':
    '樓面經理（kube-controller-manager）替這個服務維護一份 EndpointSlice：它的廚師 IP 名單。三位廚師都就緒：三個端點。',
  'seatingChart.iptables':
    'worker-1 上的侍者（kube-proxy）把這份名單寫成 iptables 規則。送往 {clusterIP} 的流量跳進一條 KUBE-SVC 鏈。第一條規則以 1/3 的機率選中，下一條是 1/2，最後一條接住剩下的。每條都通往一條 KUBE-SEP 鏈，把目的地址改成某位廚師的 IP（DNAT）。',
  'seatingChart.random':
    '九位顧客上門。每條連線都隨機走過這些規則：平均下來每位廚師分到三分之一，但次數少時會不平均。',
  'seatingChart.notReady':
    '廚師 {cook} 連續倒下兩次，正在 CrashLoopBackOff 裡等待：它未就緒。樓面經理把它的端點標成 ready: false。',
  'seatingChart.offTheChart':
    '侍者重寫了座位表，{cook} 不在上面了：沒有任何規則再指向 {cookIP}，也沒有顧客被帶過去。',
  'seatingChart.back':
    '退避時間過後，主廚（kubelet）重新啟動 {cook}。它再次就緒，端點也回到座位表上。',
  'seatingChart.ipvs':
    '換一家餐廳，菜單一樣，但侍者改用 IPVS。座位表現在是 {clusterIP}:80 的一個虛擬伺服器，每位廚師一個真實伺服器，排程方式是 rr：輪流（round-robin）。',
  'seatingChart.roundRobin':
    '又來了九位顧客。每位侍者輪流把顧客帶給自己名單上的廚師。顧客從不同的侍者進來，所以你看到的順序是他們的輪次交錯在一起。',
  'seatingChart.roundRobin.bends':
    '真的侍者會親自帶位。kube-proxy 自己從不碰流量：它設定核心（iptables 或 IPVS），由核心轉送每條連線。',

  // ---- 5. 新廚房加入 ---------------------------------------------------------------------------------
  'newKitchen.title': '新廚房加入',
  'newKitchen.summary':
    '主廚怎麼替自己的廚房報到、證明自己還活著，以及為什麼只能改自己廚房的看板。',
  'newKitchen.signedIn':
    '廚房 worker-2 是自己報到的。--register-node=true（預設值）時，主廚（kubelet）一啟動就會自己到前台建立它的 Node 物件。worker-2 在名單上，Ready。',
  'newKitchen.lease':
    '主廚每 10 秒更新一次 kube-node-lease 命名空間裡名為 worker-2 的 Lease：一張給樓面經理的「我還在」小紙條。',
  'newKitchen.chefStops': '讓 worker-2 的主廚停下來（kubelet 程序停止）。機器本身還在運作。',
  'newKitchen.offTheBooks':
    '現在把 worker-2 從名冊上除名：刪除它的 Node 物件。前台不再認得這間廚房。',
  'newKitchen.register':
    '讓主廚重新開始。它自己報到：以使用者 system:node:worker-2 的身分，在前台建立 Node worker-2，狀態一起帶上：Ready。前台的准入控制（TaintNodesByCondition）先加上污點 not-ready:NoSchedule，等樓面經理確認。',
  'newKitchen.register.q': '主廚啟動了，但它的廚房已經不在名冊上。會發生什麼事？',
  'newKitchen.register.q.admin': '什麼都不會發生，要等管理員建立 Node。',
  'newKitchen.register.q.self': '主廚自己替廚房報到。',
  'newKitchen.register.q.never': '這間廚房再也不能加入。',
  'newKitchen.ready':
    '樓面經理（kube-controller-manager）看到 Ready = True，拿掉污點。出菜調度員又可以把廚師派到這裡了。',
  'newKitchen.ownBoard':
    '主廚以使用者 system:node:名稱、群組 system:nodes 的身分和前台溝通。用 worker-1 主廚的身分替自己的廚房加標籤：允許。',
  'newKitchen.otherBoard':
    '現在 worker-1 的主廚想替 worker-2 加標籤。被禁止（Forbidden）：主廚連別間廚房的 Node 都不能讀。',
  'newKitchen.otherBoard.q': 'worker-1 的主廚能替廚房 worker-2 加標籤嗎？',
  'newKitchen.otherBoard.q.yes': '可以：每個 kubelet 都能改每個 Node。',
  'newKitchen.otherBoard.q.no': '不行：只能改自己的 Node。',
  'newKitchen.taints':
    '就算是自己的看板也有限制。NodeRestriction 不讓 kubelet 改自己 Node 的污點。',
  'newKitchen.why':
    '文章為什麼建議這樣做：主廚的憑證就放在自己的機器上。萬一有人闖進一間廚房，Node 授權器和 NodeRestriction 會擋住他，不讓他改寫其他廚房的看板。',
  'newKitchen.why.bends':
    '文章說 kubelet 註冊後可以建立和修改 Node，預設是「所有」Node。用 kubeadm 建立的叢集會開啟 Node 授權器和 NodeRestriction，所以每個 kubelet 本來就只能動自己的 Node，就像你剛才看到的。',

  // ---- 6. 辦公室不開伙 -------------------------------------------------------------------------------
  'controlPlaneTaint.title': '辦公室不開伙',
  'controlPlaneTaint.summary':
    '控制平面的污點把顧客的訂單擋在辦公室外，而辦公室自己的員工以靜態 Pod 的形式在那裡運作。',
  'controlPlaneTaint.office':
    '這家餐廳沒有廚房，只有前台辦公室：節點 control-plane，帶著角色標籤 node-role.kubernetes.io/control-plane。',
  'controlPlaneTaint.sign':
    '它的門上掛著一塊牌子：污點 node-role.kubernetes.io/control-plane，效果是 NoSchedule。這是 kubeadm 掛上去的。',
  'controlPlaneTaint.officeStaff':
    '可是辦公室也有自己的廚師。etcd、kube-apiserver、kube-controller-manager 和 kube-scheduler 都以 Pod 的形式，在 kube-system 命名空間裡運作。',
  'controlPlaneTaint.static':
    '它們是靜態 Pod：辦公室的主廚（kubelet）直接依照自己磁碟上的檔案啟動它們（kubeadm 寫在 /etc/kubernetes/manifests），完全不經過出菜調度員。前台上看到的是每個靜態 Pod 的鏡像 Pod（mirror Pod），擁有者是這個 Node。',
  'controlPlaneTaint.static.bends':
    '所以辦公室其實有開伙，只是煮給自己。污點只影響出菜調度員（kube-scheduler），而靜態 Pod 從不經過出菜調度員。',
  'controlPlaneTaint.mirror':
    '試著從前台把一位辦公室廚師請走：刪除鏡像 Pod kube-scheduler-control-plane。辦公室的主廚馬上把鏡像補回來，kube-scheduler 容器從頭到尾都沒停過。前台開除不了辦公室的員工。',
  'controlPlaneTaint.order':
    '現在來了一張顧客訂單：名為 nginx 的 Pod。出菜調度員只有一個節點可選，而 nginx 不容忍那塊牌子。FailedScheduling：Pod 停在 Pending。',
  'controlPlaneTaint.remove':
    '把牌子拿下來。出菜調度員再試一次，把 nginx 派到辦公室，它在那裡開始烹飪。',
  'controlPlaneTaint.remove.q': '拿掉污點後，nginx 會怎樣？',
  'controlPlaneTaint.remove.q.pending': '還是停在 Pending。',
  'controlPlaneTaint.remove.q.office': '被派到辦公室，並在那裡執行。',
  'controlPlaneTaint.remove.q.staff': '辦公室自己的 Pod 搬出去騰位子。',
  'controlPlaneTaint.risk':
    '這樣行得通，而這正是風險所在：nginx 現在和 etcd、kube-apiserver 共用辦公室的 CPU 和記憶體。一位失控的廚師，可能拖慢整家餐廳的大腦。文章的建議：別這麼做。',
  'controlPlaneTaint.signBack': '把牌子掛回去。NoSchedule 只擋新的派單：nginx 繼續在辦公室裡運作。',

  // ---- 7. 我的廚師為什麼不開工？ -------------------------------------------------------------------
  'cookDebug.title': '我的廚師為什麼不開工？',
  'cookDebug.summary':
    '三張出問題的訂單：映像檔名稱打錯、廚師沒事可做、訂單超出限額。用 get pods、describe 和 logs 找出每個問題，再一一修好。',
  'cookDebug.orders':
    '一分鐘前來了三張訂單，沒有一張在煮。每次調查都從同一個地方開始：kubectl get pods。web 顯示 ImagePullBackOff：廚房拿不到它的映像檔。prep 和 hungry 顯示 CrashLoopBackOff：它們的廚師開工、停下，主廚（kubelet）又讓他們重新開工。RESTARTS 記錄重來的次數。',
  'cookDebug.describeWeb':
    '執行 kubectl describe pod web，看最下面的 Events。主廚要了 nginx:1.277，映像檔倉庫回答「not found」：沒有這個標籤，其實是 1.27 打錯了。廚房裡看到一個空箱子。每失敗一次，主廚就等更久才再要一次：10 秒、20 秒、40 秒，最多 5 分鐘。',
  'cookDebug.describeWeb.bends':
    'STATUS 會在 ErrImagePull（剛拉取失敗）和 ImagePullBackOff（等下一次嘗試）之間切換。兩者意思相同：去看 Events。',
  'cookDebug.fixWeb':
    'Pod 的映像檔是少數可以直接修改的欄位之一。把它改成 nginx:1.27：主廚拉取這個映像檔，廚師開工。它還是同一個 Pod，名稱和 IP 都沒變。',
  'cookDebug.logsPrep':
    'prep 不一樣：它的廚師其實開工了。kubectl logs prep 印出他說的話：「nothing to cook」。kubectl describe pod prep 說明他怎麼結束的：Last State Terminated，Reason Completed，Exit Code 0。他做完唯一的工作就下班了。可是他的 Pod 寫著 restartPolicy Always，所以主廚把他叫回來，而且每次都等更久（退避，back-off）。沒事可做的廚師會永遠這樣循環下去。',
  'cookDebug.fixPrep':
    '給廚師一份持續的工作。容器的命令不能直接修改，所以要換掉這個 Pod：刪除它，再用 sleep 3600 重新執行。真正的應用程式會是一直執行的伺服器。現在 prep 保持 Running。',
  'cookDebug.describeHungry':
    'hungry 的廚師昏倒了。kubectl describe pod hungry 顯示 Last State Terminated，Reason OOMKilled，Exit Code 137（128 + 9：被 SIGKILL 終止）。它的記憶體上限是 100Mi，stress 程式卻要 250 MB，一超過上限，核心的 OOM killer 就把它停掉。',
  'cookDebug.fixHungry':
    '給它更高的上限。刪除這個 Pod，再用 limits.memory 300Mi 重新套用：程式拿到它要的 250 MB，持續執行。',
  'cookDebug.fixHungry.bends':
    '從 Kubernetes 1.33 起，執行中 Pod 的 CPU 和記憶體也可以直接調整（resize 子資源）。本模擬沒有模擬這個功能，所以改用替換 Pod 的做法，這在每個版本都行得通。',
  'cookDebug.allCooking':
    'kubectl get pods：三位廚師都在煮了。每張訂單的方法都一樣：get pods 看症狀，describe 看 Events 和上一次的狀態，logs 看程式說了什麼。',
};
