/**
 * Manifests the fuzzer applies with `kubectl apply -f NAME`. Applying the two `web` versions
 * in turn drives rolling updates; `api-recreate` the Recreate strategy; `agent` a second
 * DaemonSet; `batch-job` a Job; `warm` a bare pod with an init container; `probed` a bare pod
 * whose readiness probe waits 5 s; `typo` a Deployment with a misspelt field, refused under
 * strict field validation and created without it under --validate=warn or false; the two `db`
 * StatefulSet versions a rollout and a scale down by ordinal; `settings` a ConfigMap, a Secret
 * and a pod that reads both. To replay a failing session as a lab script, write these files
 * beside it.
 */
export const FUZZ_MANIFESTS: Record<string, string> = {
  'web-v1.yaml': `apiVersion: apps/v1
kind: Deployment
metadata:
  name: web
spec:
  replicas: 3
  selector:
    matchLabels:
      app: web
  template:
    metadata:
      labels:
        app: web
    spec:
      containers:
      - name: nginx
        image: nginx:1.14.2
        ports:
        - containerPort: 80
`,
  'web-v2.yaml': `apiVersion: apps/v1
kind: Deployment
metadata:
  name: web
spec:
  replicas: 4
  strategy:
    rollingUpdate:
      maxSurge: 1
      maxUnavailable: 0
  selector:
    matchLabels:
      app: web
  template:
    metadata:
      labels:
        app: web
    spec:
      containers:
      - name: nginx
        image: nginx
        ports:
        - containerPort: 80
        readinessProbe:
          httpGet:
            path: /
            port: 80
          initialDelaySeconds: 5
`,
  'api-recreate.yaml': `apiVersion: apps/v1
kind: Deployment
metadata:
  name: api
spec:
  replicas: 2
  strategy:
    type: Recreate
  selector:
    matchLabels:
      app: api
  template:
    metadata:
      labels:
        app: api
    spec:
      containers:
      - name: redis
        image: redis
`,
  'agent.yaml': `apiVersion: apps/v1
kind: DaemonSet
metadata:
  name: agent
spec:
  selector:
    matchLabels:
      app: agent
  template:
    metadata:
      labels:
        app: agent
    spec:
      containers:
      - name: agent
        image: httpd:2.4
`,
  'batch-job.yaml': `apiVersion: batch/v1
kind: Job
metadata:
  name: batch-job
spec:
  completions: 2
  parallelism: 2
  template:
    spec:
      restartPolicy: OnFailure
      containers:
      - name: work
        image: busybox
        command: ["sh", "-c", "echo done"]
`,
  'warm.yaml': `apiVersion: v1
kind: Pod
metadata:
  name: warm
  labels:
    app: cache
spec:
  initContainers:
  - name: prepare
    image: busybox
    command: ["sh", "-c", "sleep 2"]
  containers:
  - name: cache
    image: redis
`,
  'oom.yaml': `apiVersion: v1
kind: Pod
metadata:
  name: oom
  labels:
    fuzz: failing
spec:
  containers:
  - name: stress
    image: polinux/stress
    resources:
      limits:
        memory: "100Mi"
    command: ["stress"]
    args: ["--vm", "1", "--vm-bytes", "250M", "--vm-hang", "1"]
`,
  'probed.yaml': `apiVersion: v1
kind: Pod
metadata:
  name: probed
  labels:
    app: web
spec:
  containers:
  - name: nginx
    image: nginx
    readinessProbe:
      httpGet:
        path: /
        port: 80
      initialDelaySeconds: 5
`,
  'typo.yaml': `apiVersion: apps/v1
kind: Deployment
metadata:
  name: typo
spec:
  replicas: 2
  selector:
    matchLabels:
      app: typo
  template:
    metadata:
      labels:
        app: typo
    spec:
      containers:
      - name: nginx
        image: nginx
        imagePullPolcy: Always
`,
  'db-v1.yaml': `apiVersion: v1
kind: Service
metadata:
  name: db
spec:
  clusterIP: None
  selector:
    app: db
  ports:
  - port: 6379
---
apiVersion: apps/v1
kind: StatefulSet
metadata:
  name: db
spec:
  serviceName: db
  replicas: 3
  selector:
    matchLabels:
      app: db
  template:
    metadata:
      labels:
        app: db
    spec:
      containers:
      - name: redis
        image: redis
`,
  'db-v2.yaml': `apiVersion: apps/v1
kind: StatefulSet
metadata:
  name: db
spec:
  serviceName: db
  replicas: 2
  podManagementPolicy: OrderedReady
  selector:
    matchLabels:
      app: db
  template:
    metadata:
      labels:
        app: db
        version: v2
    spec:
      containers:
      - name: redis
        image: redis
        env:
        - name: ROLE
          value: replica
`,
  'settings.yaml': `apiVersion: v1
kind: ConfigMap
metadata:
  name: settings
data:
  mode: fast
---
apiVersion: v1
kind: Secret
metadata:
  name: settings
stringData:
  token: s3cr3t
---
apiVersion: v1
kind: Pod
metadata:
  name: reader
spec:
  containers:
  - name: app
    image: nginx
    envFrom:
    - configMapRef:
        name: settings
    env:
    - name: TOKEN
      valueFrom:
        secretKeyRef:
          name: settings
          key: token
    volumeMounts:
    - name: settings
      mountPath: /etc/settings
  volumes:
  - name: settings
    configMap:
      name: settings
`,
};
