/**
 * Walkthrough narration, English. Flat key → text; `{name}` is a walkthrough variable (a value
 * read from the running cluster, see src/scenarios/schema.ts VarRef). Every sentence is checked by
 * its step's `expect` matchers: change the text and the checks together.
 */
export const walkthroughsEn = {
  // ---- 1. Pod creation ----------------------------------------------------------------------------
  'podCreation.title': 'Pod creation',
  'podCreation.summary':
    'Follow one order from kubectl to a cook at a stove, then serve the first customer.',
  'podCreation.apply':
    'You hand an order to kubectl: a Pod manifest (the recipe) for one cook named nginx. kubectl takes it to the front desk (kube-apiserver). The desk checks who you are (authentication: kubernetes-admin), whether you may create Pods (authorization), and more (the next steps). Only then does it write the order into the ledger (etcd) and answer: pod/nginx created.',
  'podCreation.admission':
    'Look at the stored order: it has lines you never wrote. The desk filled them in with its defaults and its admission plugins: tolerations for the not-ready and unreachable taints, 300 seconds each, the service account default and the scheduler default-scheduler.',
  'podCreation.invalidOrder':
    'The desk also validates every order. A Pod named Nginx_1 is refused: names must be lower case. The answer is Invalid, and nothing reaches the ledger.',
  'podCreation.ledger':
    'The ledger (etcd) now holds nginx. It has no kitchen yet: spec.nodeName is empty, and its phase is Pending.',
  'podCreation.expediterNotices':
    'The expediter (kube-scheduler) watches the desk for Pods without a kitchen. A few milliseconds later it hears about nginx.',
  'podCreation.filter':
    'First it filters the kitchens (nodes). The front office (the control-plane node) carries a taint: node-role.kubernetes.io/control-plane:NoSchedule. nginx has no toleration for it, so the office is out. worker-1 and worker-2 have no taints and stay in.',
  'podCreation.filter.bends':
    'A real office never cooks. In Kubernetes the control plane is a node like the others, kept free only by its taint. The walkthrough "No cooking in the office" removes it.',
  'podCreation.bind':
    'Then it scores the kitchens that are left and picks {node}. It does not carry the ticket there: it posts a Binding to the desk, and the desk sets spec.nodeName in the ledger. Event: Scheduled.',
  'podCreation.bind.q': 'Where will the expediter send nginx?',
  'podCreation.bind.q.office': 'To the office (control-plane): it is the least busy.',
  'podCreation.bind.q.worker': 'To a worker kitchen: worker-1 or worker-2.',
  'podCreation.bind.q.all': 'To every kitchen at once.',
  'podCreation.headChef':
    'The head chef (kubelet) of {node} watches the desk for Pods bound to its own kitchen. The ticket for nginx arrives, from the desk.',
  'podCreation.headChef.bends':
    'The article has the waiter carry orders to the head chef. In Kubernetes the waiter (kube-proxy) never hands Pod specs to the kubelet: orders reach the kubelet only from the API server. The waiter seats customers (routes traffic) to cooks.',
  'podCreation.sandbox':
    'The head chef asks the stove (container runtime, here containerd) through CRI: RunPodSandbox. The stove sets up the station with a pause container, and the station gets its own network address.',
  'podCreation.sandbox.bends':
    'The pause container is the station’s counter, not a cook: it cooks nothing. It only holds the station’s network while the real containers come and go.',
  'podCreation.pull':
    'The head chef tells the desk the station is ready (PodReadyToStartContainers = True, IP {ip}); the phase is still Pending. Then it has the stove pull the image nginx:1.14.2 (PullImage): the ingredients. Event: Pulling.',
  'podCreation.start':
    'Then CreateContainer and StartContainer: the cook (container) nginx is cooking. Events: Pulled, Created.',
  'podCreation.report':
    'The head chef reports back to the desk: the phase is Running, and the conditions ContainersReady and Ready flip to True. Event: Started.',
  'podCreation.service':
    'Customers need a way in. kubectl expose puts nginx on the menu: a Service named nginx. The floor manager (kube-controller-manager) writes an EndpointSlice: the list of ready cooks, here just {ip}.',
  'podCreation.waiter':
    'Every node has a waiter (kube-proxy). Each one sees the change and rewrites its seating chart: the iptables rules for the Services.',
  'podCreation.serve':
    'The first customers arrive. The waiter’s rules send both to nginx on {node}. The order is served.',
  'podCreation.serve.bends':
    'A real waiter walks each guest to a table. kube-proxy only programs the kernel’s rules; the kernel forwards each connection to a cook’s IP.',

  // ---- 2. The API server goes down ----------------------------------------------------------------
  'apiserverDown.title': 'The API server goes down',
  'apiserverDown.summary':
    'Break the front desk. The kitchens keep cooking on their own, but nobody can place a new order until it is back.',
  'apiserverDown.calm':
    'Two cooks (Pods of the Deployment web) are cooking, one in each kitchen (worker node). The Service web seats customers at both.',
  'apiserverDown.break':
    'Now the front desk (kube-apiserver) goes down. Every call to it is refused, even yours: kubectl get pods fails.',
  'apiserverDown.break.q': 'The desk is down. What happens to the cooks who are already cooking?',
  'apiserverDown.break.q.stop': 'They stop: without the desk, nothing runs.',
  'apiserverDown.break.q.keep': 'They keep cooking.',
  'apiserverDown.break.q.move': 'They move to another kitchen.',
  'apiserverDown.seating':
    'Customers are still served. The waiters (kube-proxy) keep the seating chart they already wrote into the kernel.',
  'apiserverDown.seating.bends':
    'The chart is frozen, not lost: while the desk is down, a waiter cannot learn about new Services or new cooks.',
  'apiserverDown.newOrder':
    'A new order is refused. Only the desk writes to the ledger (etcd), so the Deployment late does not exist.',
  'apiserverDown.crash':
    'The cook {cook} collapses: its container exits with code 1. The head chef (kubelet) of worker-1 notices and starts the container again, on its own. Nothing is written to the ledger.',
  'apiserverDown.backoff':
    'It collapses again. This time the head chef waits 10 seconds before the restart. That wait is the back-off of CrashLoopBackOff.',
  'apiserverDown.reportsFail':
    'Meanwhile the head chef keeps trying to report: the Pod’s status and the kitchen’s Lease. Every try is refused and tried again later. The ledger still says {cook} has 0 restarts.',
  'apiserverDown.repair':
    'The desk is back. The head chef’s next report goes through, and the ledger catches up: {cook} has restarted 2 times.',
  'apiserverDown.noEviction':
    'A minute later both kitchens are Ready. The same two cooks are still there. No Pod was evicted.',
  'apiserverDown.why':
    'Why no eviction? The kitchens were never silent; the desk just could not hear them. The floor manager (kube-controller-manager) lost the desk too and restarted, so it had no old picture to act on. Once the desk was back, every head chef renewed its Lease in time.',
  'apiserverDown.why.bends':
    'In a real restaurant the cooks would stop and ask. A head chef needs no desk to keep its Pods running: it restarts containers from its own copy of the order.',

  // ---- 3. A kitchen goes dark -----------------------------------------------------------------------
  'nodeLost.title': 'A kitchen goes dark',
  'nodeLost.summary':
    'Turn a whole worker node off. After a grace period it is NotReady; after the toleration its cooks are replaced elsewhere.',
  'nodeLost.spread':
    'Four cooks (Pods of the Deployment web): two in kitchen worker-1, two in kitchen worker-2.',
  'nodeLost.dark':
    'Kitchen worker-1 goes dark: the machine is off. Its head chef (kubelet), stove (container runtime), waiter (kube-proxy) and cooks all stop. The desk still shows worker-1 as Ready: nobody has told it.',
  'nodeLost.dark.q': 'When will the desk show worker-1 as NotReady?',
  'nodeLost.dark.q.now': 'At once.',
  'nodeLost.dark.q.grace': 'After a grace period without news from its head chef.',
  'nodeLost.dark.q.never': 'Never: only a person can mark a node.',
  'nodeLost.silence':
    'The head chef of worker-1 no longer renews its Lease; worker-2’s head chef still does. The floor manager (kube-controller-manager) waits: a node may stay silent for 50 seconds (the grace period).',
  'nodeLost.notReady':
    'The grace period is over. The floor manager marks worker-1 NotReady: condition Ready = Unknown, “Kubelet stopped posting node status.”',
  'nodeLost.taint':
    'It also hangs a sign on the kitchen: the taint node.kubernetes.io/unreachable, as NoSchedule (no new cooks) and NoExecute (cooks inside must leave). The cooks of worker-1 are marked not Ready.',
  'nodeLost.tolerate':
    'But every cook tolerates that taint for 300 seconds: the desk’s admission added the toleration to each Pod. Four minutes later, all four are still on the books.',
  'nodeLost.evict':
    'After 300 seconds the tolerations run out. The taint-eviction controller deletes the two cooks of worker-1 (event TaintManagerEviction).',
  'nodeLost.replace':
    'The ReplicaSet wants 4 cooks and counts 2. It creates 2 new Pods, and the expediter (kube-scheduler) binds them to worker-2, the only kitchen left.',
  'nodeLost.terminating':
    'The old cooks still show Terminating. Only worker-1’s head chef could confirm they stopped, and it is gone.',
  'nodeLost.terminating.bends':
    'No kitchen keeps gone cooks on its roster. Kubernetes does, on purpose: without the kubelet nobody knows whether the containers really stopped, so the Pod objects wait.',
  'nodeLost.contrast':
    'Compare with the desk going down. There, every kitchen was fine and only the desk was missing, so nothing was evicted. Here the desk and the floor manager worked, and one kitchen fell silent: its cooks were replaced.',

  // ---- 4. The waiter's seating chart ----------------------------------------------------------------
  'seatingChart.title': 'The waiter’s seating chart',
  'seatingChart.summary':
    'How a Service reaches its cooks: the EndpointSlice, and kube-proxy’s rules in iptables and IPVS mode.',
  'seatingChart.service':
    'A Service (a dish on the menu) gives the cooks one stable address: the ClusterIP {clusterIP}. It finds its cooks by label: app=web.',
  'seatingChart.slice':
    'The floor manager (kube-controller-manager) keeps an EndpointSlice for the Service: the list of its cooks’ IPs. Three cooks, all Ready: three endpoints.',
  'seatingChart.iptables':
    'The waiter (kube-proxy) on worker-1 wrote the slice into iptables rules. Traffic to {clusterIP} jumps to a KUBE-SVC chain. Its first rule is taken with probability 1/3, the next with 1/2, and the last takes the rest. Each leads to a KUBE-SEP chain that rewrites the address to one cook’s IP (DNAT).',
  'seatingChart.random':
    'Nine customers arrive. Each connection takes a random path through those rules: every cook gets a third on average, but a short run is uneven.',
  'seatingChart.notReady':
    'The cook {cook} crashes twice and waits in CrashLoopBackOff: it is not Ready. The floor manager marks its endpoint ready: false.',
  'seatingChart.offTheChart':
    'The waiter rewrote its chart without {cook}: no rule points to {cookIP} any more, and no customer is sent there.',
  'seatingChart.back':
    'After the back-off the head chef (kubelet) restarts {cook}. It is Ready again, and its endpoint is back on the chart.',
  'seatingChart.ipvs':
    'Another restaurant, same menu, but its waiters use IPVS. The chart is now a virtual server for {clusterIP}:80, one real server per cook, and the scheduler rr: round-robin.',
  'seatingChart.roundRobin':
    'Nine customers again. Each waiter takes its cooks in turn. Customers enter at different waiters, so the order you see mixes their turns.',
  'seatingChart.roundRobin.bends':
    'A real waiter walks each guest to a table. kube-proxy never touches the traffic itself: it programs the kernel (iptables or IPVS), and the kernel forwards every connection.',

  // ---- 5. A new kitchen joins --------------------------------------------------------------------------
  'newKitchen.title': 'A new kitchen joins',
  'newKitchen.summary':
    'How a head chef signs its kitchen in, shows it is alive, and may change only its own kitchen’s board.',
  'newKitchen.signedIn':
    'Kitchen worker-2 signed in by itself. With --register-node=true (the default), its head chef (kubelet) creates its own Node object at the desk when it starts. worker-2 is listed, Ready.',
  'newKitchen.lease':
    'Every 10 seconds the head chef renews a Lease named worker-2 in the namespace kube-node-lease: a small “still here” note for the floor manager.',
  'newKitchen.chefStops':
    'Stop the head chef of worker-2 (the kubelet process). The machine itself keeps running.',
  'newKitchen.offTheBooks':
    'Now take worker-2 off the books: delete its Node object. The desk no longer knows this kitchen.',
  'newKitchen.register':
    'Start the head chef again. It signs in by itself: it creates the Node worker-2 at the desk, as the user system:node:worker-2, with its status: Ready. The desk’s admission (TaintNodesByCondition) adds a taint, not-ready:NoSchedule, until the floor manager has checked it.',
  'newKitchen.register.q':
    'The head chef starts, and its kitchen is no longer on the books. What happens?',
  'newKitchen.register.q.admin': 'Nothing, until an admin creates the Node.',
  'newKitchen.register.q.self': 'The head chef registers its kitchen itself.',
  'newKitchen.register.q.never': 'The kitchen can never join again.',
  'newKitchen.ready':
    'The floor manager (kube-controller-manager) sees Ready = True and removes the taint. The expediter may send cooks here again.',
  'newKitchen.ownBoard':
    'A head chef talks to the desk as the user system:node:NAME in the group system:nodes. Acting as worker-1’s head chef, label its own kitchen: allowed.',
  'newKitchen.otherBoard':
    'Now worker-1’s head chef tries to label worker-2. Forbidden: a head chef may not even read another kitchen’s Node.',
  'newKitchen.otherBoard.q': 'Can worker-1’s head chef label kitchen worker-2?',
  'newKitchen.otherBoard.q.yes': 'Yes: every kubelet may edit every Node.',
  'newKitchen.otherBoard.q.no': 'No: only its own Node.',
  'newKitchen.taints':
    'Even its own board has limits. NodeRestriction does not let a kubelet change its own Node’s taints.',
  'newKitchen.why':
    'Why the article asks for this: a head chef’s credentials live on its own machine. If someone breaks into one kitchen, the Node authorizer and NodeRestriction keep them from rewriting the other kitchens’ boards.',
  'newKitchen.why.bends':
    'The article says a registered kubelet may create and modify Nodes, by default all of them. Clusters set up with kubeadm turn on the Node authorizer and NodeRestriction, so each kubelet is limited to its own Node, as you just saw.',

  // ---- 6. No cooking in the office ---------------------------------------------------------------------
  'controlPlaneTaint.title': 'No cooking in the office',
  'controlPlaneTaint.summary':
    'The control-plane taint keeps customer orders out of the office, while the office’s own staff run there as static Pods.',
  'controlPlaneTaint.office':
    'This restaurant has no kitchens, only the front office: the node control-plane, with the role label node-role.kubernetes.io/control-plane.',
  'controlPlaneTaint.sign':
    'Its door carries a sign: the taint node-role.kubernetes.io/control-plane with the effect NoSchedule. kubeadm put it there.',
  'controlPlaneTaint.officeStaff':
    'Yet the office has its own cooks. etcd, kube-apiserver, kube-controller-manager and kube-scheduler all run as Pods in the namespace kube-system.',
  'controlPlaneTaint.static':
    'They are static Pods: the office’s head chef (kubelet) starts them from files on its own disk (kubeadm writes them to /etc/kubernetes/manifests), with no expediter involved. The desk shows a mirror Pod for each, owned by the Node.',
  'controlPlaneTaint.static.bends':
    'So the office does cook, for itself. A taint only guides the expediter (kube-scheduler), and static Pods never pass through the expediter.',
  'controlPlaneTaint.mirror':
    'Try to send an office cook home from the desk: delete the mirror Pod kube-scheduler-control-plane. The office’s head chef puts the mirror back at once, and the kube-scheduler container never stopped. The desk cannot fire the office staff.',
  'controlPlaneTaint.order':
    'Now a customer order: a Pod named nginx. The expediter has one node, and nginx does not tolerate the sign. FailedScheduling: the Pod stays Pending.',
  'controlPlaneTaint.remove':
    'Take the sign down. The expediter tries again and places nginx in the office, where it starts cooking.',
  'controlPlaneTaint.remove.q': 'What happens to nginx when the taint is removed?',
  'controlPlaneTaint.remove.q.pending': 'It stays Pending.',
  'controlPlaneTaint.remove.q.office': 'It is scheduled to the office and runs there.',
  'controlPlaneTaint.remove.q.staff': 'The office’s own Pods move out to make room.',
  'controlPlaneTaint.risk':
    'It works, and that is the risk: nginx now shares the office’s CPU and memory with etcd and the kube-apiserver. A runaway cook could slow down the restaurant’s brain. The article’s advice: don’t.',
  'controlPlaneTaint.signBack':
    'Put the sign back. NoSchedule only stops new placements: nginx keeps running in the office.',

  // ---- 7. Why won't my cook start? ----------------------------------------------------------------
  'cookDebug.title': 'Why won’t my cook start?',
  'cookDebug.summary':
    'Three broken orders: a typo in an image, a cook with nothing to do, an order too big for its limit. Find each with get pods, describe and logs, then fix it.',
  'cookDebug.orders':
    'Three orders came in a minute ago, and none of them is cooking. Start where every investigation starts: kubectl get pods. web says ImagePullBackOff: the kitchen could not get its image. prep and hungry say CrashLoopBackOff: their cooks start, stop, and the head chef (kubelet) starts them again. RESTARTS counts the attempts.',
  'cookDebug.describeWeb':
    'Run kubectl describe pod web and read the Events at the bottom. The head chef asked for nginx:1.277 and the registry answered “not found”: there is no such tag, it is a typo for 1.27. The kitchen shows an empty crate. After each failure the head chef waits longer before asking again: 10 s, 20 s, 40 s, up to 5 minutes.',
  'cookDebug.describeWeb.bends':
    'STATUS flips between ErrImagePull (a pull just failed) and ImagePullBackOff (waiting before the next try). Both mean the same thing: read the Events.',
  'cookDebug.fixWeb':
    'A Pod’s image is one of the few fields you may change in place. Set it to nginx:1.27: the head chef pulls that image and the cook starts. It is the same Pod, with the same name and IP.',
  'cookDebug.logsPrep':
    'prep is different: its cook did start. kubectl logs prep prints what it said: “nothing to cook”. kubectl describe pod prep shows how it ended: Last State Terminated, Reason Completed, Exit Code 0. It did its one job and went home. But its Pod says restartPolicy Always, so the head chef calls it back, and waits longer each time (the back-off). A cook with nothing to do loops forever.',
  'cookDebug.fixPrep':
    'Give the cook work that lasts. A container’s command cannot be changed in place, so replace the Pod: delete it, and run it again with sleep 3600. A real app would be a server that keeps running. Now prep stays Running.',
  'cookDebug.describeHungry':
    'hungry’s cook fainted. kubectl describe pod hungry shows Last State Terminated, Reason OOMKilled, Exit Code 137 (128 + 9: killed by SIGKILL). Its memory limit is 100Mi. The stress program asked for 250 MB, and the kernel’s OOM killer stopped it as soon as it went over.',
  'cookDebug.fixHungry':
    'Give it a bigger limit. Delete the Pod and apply it again with limits.memory 300Mi: the program gets its 250 MB and keeps running.',
  'cookDebug.fixHungry.bends':
    'Since Kubernetes 1.33 a running Pod’s CPU and memory can also be resized in place (the resize subresource). This simulation does not model that, so it replaces the Pod, which works on every version.',
  'cookDebug.allCooking':
    'kubectl get pods: three cooks, all cooking. The method is the same for every order: get pods for the symptom, describe for the Events and the last state, logs for what the program said.',
} as const;

export type WalkthroughMessageKey = keyof typeof walkthroughsEn;
