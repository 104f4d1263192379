/** The kitchen metaphor: kitchen name, Kubernetes role and what it does, per scene element kind. */
export const metaphorEn = {
  'metaphor.cluster.kitchen': 'The restaurant',
  'metaphor.cluster.role': 'Cluster',
  'metaphor.cluster.does':
    'Every machine and component together: the front office and its kitchens.',
  'metaphor.apiserver.kitchen': 'The front desk',
  'metaphor.apiserver.role': 'kube-apiserver (control plane)',
  'metaphor.apiserver.does':
    'Every order passes here: it checks who you are, whether you may, fills in defaults, runs admission and validation, then writes to the ledger. It is the only one that writes etcd.',
  'metaphor.etcd.kitchen': 'The order ledger',
  'metaphor.etcd.role': 'etcd',
  'metaphor.etcd.does':
    'The key-value store holding every object, each with a resourceVersion. Components watch it through the desk.',
  'metaphor.etcd.bends':
    'Nobody reads the ledger directly: every component asks the desk (kube-apiserver), which reads and writes etcd.',
  'metaphor.scheduler.kitchen': 'The expediter',
  'metaphor.scheduler.role': 'kube-scheduler',
  'metaphor.scheduler.does':
    'Notices pods with no node, filters out kitchens that cannot take them (taints, resources, affinity), scores the rest and binds the pod to one.',
  'metaphor.controllerManager.kitchen': 'The floor manager',
  'metaphor.controllerManager.role': 'kube-controller-manager',
  'metaphor.controllerManager.does':
    'Keeps head-counts right: Deployments, ReplicaSets, DaemonSets, StatefulSets, Jobs, EndpointSlices, and node lifecycle (NotReady, taints, eviction).',
  'metaphor.kubectl.kitchen': 'The order slip',
  'metaphor.kubectl.role': 'kubectl (you)',
  'metaphor.kubectl.does': 'Sends your requests to the front desk as REST calls.',
  'metaphor.kubectl.bends':
    'The order slip is drawn in the front office only because it goes to the desk. kubectl runs on your own machine, outside the cluster, and reaches kube-apiserver over HTTPS with the credentials in your kubeconfig.',
  'metaphor.client.kitchen': 'Customers',
  'metaphor.client.role': 'Clients sending requests to a Service',
  'metaphor.client.does':
    'Each request enters at a node and is routed by its kube-proxy rules to a pod.',
  'metaphor.node.kitchen': 'A kitchen',
  'metaphor.node.role': 'Worker node',
  'metaphor.node.does':
    'A machine that runs pods. It has its own head chef (kubelet), stoves (container runtime) and waiter (kube-proxy).',
  'metaphor.controlPlaneNode.kitchen': 'The front office',
  'metaphor.controlPlaneNode.role': 'Control-plane node',
  'metaphor.controlPlaneNode.does':
    'Runs the control plane as static pods in kube-system. Its NoSchedule taint is the "no cooking here" sign: ordinary pods go to the kitchens.',
  'metaphor.kubelet.kitchen': 'Head chef',
  'metaphor.kubelet.role': 'kubelet',
  'metaphor.kubelet.does':
    'Watches the pods bound to its node, drives the runtime through CRI (RunPodSandbox, PullImage, CreateContainer, StartContainer), restarts crashed containers, reports status and renews the node Lease.',
  'metaphor.kubelet.bends':
    'In the article the head chef takes orders from the waiter. In Kubernetes orders reach the kubelet from the API server (a watch); kube-proxy never hands it pod specs.',
  'metaphor.runtime.kitchen': 'Stoves and equipment',
  'metaphor.runtime.role': 'Container runtime (containerd, via CRI)',
  'metaphor.runtime.does':
    'Pulls images, sets up pod sandboxes (the pause container) and runs containers. Running containers keep going even if it breaks.',
  'metaphor.runtime.bends':
    'The article names Docker Engine as the most common runtime. Since Kubernetes v1.24 (dockershim removed) the kubelet speaks only CRI: clusters run containerd or CRI-O, and Docker Engine needs the cri-dockerd adapter. The stoves here are containerd; the images are the same OCI images.',
  'metaphor.proxy.kitchen': 'Waiter',
  'metaphor.proxy.role': 'kube-proxy',
  'metaphor.proxy.does':
    'Watches Services and EndpointSlices and writes the seating chart: iptables or IPVS rules that send each request to a ready pod.',
  'metaphor.proxy.bends':
    'The waiter does not carry the customer: the kernel follows the rules kube-proxy wrote. If kube-proxy stops, the chart on the wall still works; it just is not updated. The article says kube-proxy watches Services and Pods: it watches Services and EndpointSlices, which the controller manager fills with the ready Pods.',
  'metaphor.pod.kitchen': 'A station and its cooks',
  'metaphor.pod.role': 'Pod',
  'metaphor.pod.does':
    'One or more containers sharing a network namespace (the station counter, the pause container) and volumes, scheduled together onto one node.',
  'metaphor.pod.bends':
    'A crashed cook is restarted in place by the head chef; a pod is never moved: a replacement pod is a new station, made by a controller. The cooks show what the node’s runtime is doing now; the status under the station is what the API server knows, which lags behind (and stops while the API server is down).',
  'metaphor.staticPod.kitchen': 'Office staff who are cooks themselves',
  'metaphor.staticPod.role': 'Static pod (kube-system) and its mirror pod',
  'metaphor.staticPod.does':
    'The kubelet runs it from a file on its own disk; the API server only shows a read-only mirror pod.',
  'metaphor.staticPod.bends':
    'Deleting a mirror pod does not stop a static pod: the kubelet recreates the mirror from its file.',
  'metaphor.container.kitchen': 'A cook',
  'metaphor.container.role': 'Container',
  'metaphor.container.does':
    'One process from one image, started by the runtime at the kubelet\u2019s request.',
  'metaphor.sandbox.kitchen': 'The station counter',
  'metaphor.sandbox.role': 'Pod sandbox (pause container)',
  'metaphor.sandbox.does':
    'Holds the pod\u2019s network namespace and IP, so every container of the pod shares it.',
  'metaphor.service.kitchen': 'A dish on the menu',
  'metaphor.service.role': 'Service',
  'metaphor.service.does':
    'A stable virtual IP (ClusterIP) in front of the pods its selector matches.',
  'metaphor.endpointSlice.kitchen': 'The list of open seats',
  'metaphor.endpointSlice.role': 'EndpointSlice',
  'metaphor.endpointSlice.does':
    'The addresses of a Service\u2019s pods and whether each is ready; kept by the EndpointSlice controller.',
  'metaphor.rules.kitchen': 'The seating chart',
  'metaphor.rules.role': 'iptables / IPVS rules',
  'metaphor.rules.does':
    'The kernel rules kube-proxy programmed; they route requests even while kube-proxy is down.',
  'metaphor.taint.kitchen': '"No cooking here" sign',
  'metaphor.taint.role': 'Taint node-role.kubernetes.io/control-plane:NoSchedule',
  'metaphor.taint.does':
    'Keeps ordinary pods off the control-plane node; only pods that tolerate it may go there.',
  'metaphor.object.kitchen': 'An entry in the ledger',
  'metaphor.object.role': 'Kubernetes object',
  'metaphor.object.does': 'An object stored in etcd through the API server.',
} as const;

export type MetaphorKey = keyof typeof metaphorEn;
