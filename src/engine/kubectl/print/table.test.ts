import { describe, expect, it } from 'vitest';
import type { KObject } from '../../api/types';
import {
  kindnetPod,
  NOW_MS,
  nginxEvents,
  nginxPod,
  nginxService,
  webDeployment,
  webEndpointSlice,
  webReplicaSet,
  workerLease,
  workerNode,
} from './__fixtures__/objects';
import { printTable } from './index';
import type { Table } from './serverTable';
import { type TablePrintOptions, writeServerTable } from './table';
import { GET_TABWRITER, TabWriter } from './tabwriter';

const opts = { nowMs: NOW_MS };
const lines = (...rows: string[]) => `${rows.join('\n')}\n`;

function crashingPod(): KObject {
  const p = nginxPod();
  p.metadata = {
    ...p.metadata,
    name: 'web-7c5ddbdf54-2xv9k',
    creationTimestamp: '2026-01-01T09:00:58Z',
  };
  p.status = {
    ...p.status,
    containerStatuses: [
      {
        name: 'nginx',
        ready: false,
        restartCount: 3,
        lastState: {
          terminated: { exitCode: 1, reason: 'Error', finishedAt: '2026-01-01T09:01:24Z' },
        },
        state: { waiting: { reason: 'CrashLoopBackOff' } },
      },
    ],
  };
  return p;
}

function node(name: string, created: string, ready: string, extra: Partial<KObject> = {}): KObject {
  const n = workerNode();
  n.metadata = { ...n.metadata, name, creationTimestamp: created };
  n.status.conditions = [{ type: 'Ready', status: ready }];
  return { ...n, ...extra };
}

describe('kubectl get pods', () => {
  it('prints READY, STATUS, RESTARTS with the last restart age, and AGE', () => {
    expect(printTable('pods', [nginxPod(), crashingPod()], opts)).toBe(
      lines(
        'NAME                   READY   STATUS             RESTARTS      AGE',
        'nginx                  1/1     Running            0             89s',
        'web-7c5ddbdf54-2xv9k   0/1     CrashLoopBackOff   3 (36s ago)   62s',
      ),
    );
  });

  it('adds IP, NODE, NOMINATED NODE and READINESS GATES with -o wide', () => {
    expect(printTable('pods', [nginxPod()], { ...opts, wide: true })).toBe(
      lines(
        'NAME    READY   STATUS    RESTARTS   AGE   IP           NODE       NOMINATED NODE   READINESS GATES',
        'nginx   1/1     Running   0          89s   10.244.1.2   worker-1   <none>           <none>',
      ),
    );
  });

  it('appends LABELS with --show-labels and leads with NAMESPACE with -A', () => {
    expect(
      printTable('pods', [nginxPod()], { ...opts, showLabels: true, allNamespaces: true }),
    ).toBe(
      lines(
        'NAMESPACE   NAME    READY   STATUS    RESTARTS   AGE   LABELS',
        'default     nginx   1/1     Running   0          89s   run=nginx',
      ),
    );
  });

  it('omits the header line with --no-headers (columns still at least 6 wide)', () => {
    expect(printTable('pods', [nginxPod()], { ...opts, noHeaders: true })).toBe(
      lines('nginx   1/1   Running   0     89s'),
    );
  });

  it('prints nothing at all for an empty list', () => {
    expect(printTable('pods', [], opts)).toBe('');
  });

  it('keeps earlier rows as flushed every 100 rows, later wider rows widen only themselves', () => {
    const pods = Array.from({ length: 100 }, (_, i) => {
      const p = nginxPod();
      p.metadata = { ...p.metadata, name: `p${i}` };
      return p;
    });
    const late = nginxPod();
    late.metadata = { ...late.metadata, name: 'a-much-longer-name' };
    const out = printTable('pods', [...pods, late], opts).split('\n');
    expect(out[0]).toBe('NAME   READY   STATUS    RESTARTS   AGE');
    expect(out[100]).toBe('p99    1/1     Running   0          89s');
    expect(out[101]).toBe('a-much-longer-name   1/1     Running   0          89s');
  });
});

describe('kubectl get nodes', () => {
  it('shows Ready/NotReady, SchedulingDisabled, roles from node-role labels, kubelet version', () => {
    const cp = node('control-plane', '2026-01-01T09:00:00Z', 'True');
    cp.metadata.labels = { ...cp.metadata.labels, 'node-role.kubernetes.io/control-plane': '' };
    const w2 = node('worker-2', '2026-01-01T09:00:05Z', 'Unknown');
    w2.spec = { ...w2.spec, unschedulable: true };
    expect(
      printTable('nodes', [cp, node('worker-1', '2026-01-01T09:00:05Z', 'True'), w2], opts),
    ).toBe(
      lines(
        'NAME            STATUS                        ROLES           AGE    VERSION',
        'control-plane   Ready                         control-plane   2m     v1.34.2',
        'worker-1        Ready                         <none>          115s   v1.34.2',
        'worker-2        NotReady,SchedulingDisabled   <none>          115s   v1.34.2',
      ),
    );
  });

  it('adds addresses and node info with -o wide, and never a NAMESPACE column', () => {
    expect(printTable('nodes', [workerNode()], { ...opts, wide: true, allNamespaces: true })).toBe(
      lines(
        'NAME       STATUS   ROLES    AGE    VERSION   INTERNAL-IP   EXTERNAL-IP   OS-IMAGE                         KERNEL-VERSION     CONTAINER-RUNTIME',
        'worker-1   Ready    <none>   115s   v1.34.2   172.18.0.3    <none>        Debian GNU/Linux 12 (bookworm)   6.8.0-1021-azure   containerd://2.1.4',
      ),
    );
  });
});

describe('kubectl get services', () => {
  const kubernetes = nginxService();
  kubernetes.metadata = {
    ...kubernetes.metadata,
    name: 'kubernetes',
    creationTimestamp: '2026-01-01T09:00:00Z',
  };
  kubernetes.spec = {
    ...kubernetes.spec,
    clusterIP: '10.96.0.1',
    clusterIPs: ['10.96.0.1'],
    ports: [{ name: 'https', port: 443, protocol: 'TCP', targetPort: 6443 }],
    selector: undefined,
  };
  const lb = nginxService();
  lb.metadata = { ...lb.metadata, name: 'lb', creationTimestamp: '2026-01-01T09:01:30Z' };
  lb.spec = {
    ...lb.spec,
    type: 'LoadBalancer',
    clusterIP: '10.96.200.10',
    clusterIPs: ['10.96.200.10'],
    ports: [{ port: 80, nodePort: 31234, protocol: 'TCP', targetPort: 80 }],
    selector: { app: 'lb' },
  };

  it('shows <pending> for a LoadBalancer without ingress and port:nodePort/protocol', () => {
    expect(printTable('services', [kubernetes, lb, nginxService()], opts)).toBe(
      lines(
        'NAME         TYPE           CLUSTER-IP     EXTERNAL-IP   PORT(S)        AGE',
        'kubernetes   ClusterIP      10.96.0.1      <none>        443/TCP        2m',
        'lb           LoadBalancer   10.96.200.10   <pending>     80:31234/TCP   30s',
        'web          ClusterIP      10.96.112.47   <none>        80/TCP         60s',
      ),
    );
  });

  it('adds SELECTOR with -o wide', () => {
    expect(printTable('services', [kubernetes, nginxService()], { ...opts, wide: true })).toBe(
      lines(
        'NAME         TYPE        CLUSTER-IP     EXTERNAL-IP   PORT(S)   AGE   SELECTOR',
        'kubernetes   ClusterIP   10.96.0.1      <none>        443/TCP   2m    <none>',
        'web          ClusterIP   10.96.112.47   <none>        80/TCP    60s   app=web',
      ),
    );
  });
});

describe('kubectl get workloads', () => {
  it('deployments: READY ready/desired, UP-TO-DATE, AVAILABLE', () => {
    expect(printTable('deployments', [webDeployment()], opts)).toBe(
      lines(
        'NAME   READY   UP-TO-DATE   AVAILABLE   AGE',
        'web    2/2     2            2           62s',
      ),
    );
  });

  it('deployments -o wide: CONTAINERS, IMAGES, SELECTOR', () => {
    expect(printTable('deployments', [webDeployment()], { ...opts, wide: true })).toBe(
      lines(
        'NAME   READY   UP-TO-DATE   AVAILABLE   AGE   CONTAINERS   IMAGES       SELECTOR',
        'web    2/2     2            2           62s   nginx        nginx:1.27   app=web',
      ),
    );
  });

  it('names rows kind.group/name when several kinds are listed', () => {
    expect(printTable('deployments', [webDeployment()], { ...opts, showKind: true })).toBe(
      lines(
        'NAME                  READY   UP-TO-DATE   AVAILABLE   AGE',
        'deployment.apps/web   2/2     2            2           62s',
      ),
    );
  });

  it('replicasets: DESIRED, CURRENT, READY', () => {
    expect(printTable('replicasets', [webReplicaSet()], opts)).toBe(
      lines(
        'NAME             DESIRED   CURRENT   READY   AGE',
        'web-7c5ddbdf54   2         2         2       62s',
      ),
    );
  });

  it('daemonsets: counts and NODE SELECTOR', () => {
    const ds: KObject = {
      apiVersion: 'apps/v1',
      kind: 'DaemonSet',
      metadata: {
        name: 'kindnet',
        namespace: 'kube-system',
        creationTimestamp: '2026-01-01T09:00:07Z',
      },
      spec: {
        selector: { matchLabels: { app: 'kindnet' } },
        template: { spec: { containers: [], nodeSelector: { 'kubernetes.io/os': 'linux' } } },
      },
      status: {
        currentNumberScheduled: 3,
        desiredNumberScheduled: 3,
        numberAvailable: 3,
        numberMisscheduled: 0,
        numberReady: 3,
        updatedNumberScheduled: 3,
      },
    };
    expect(printTable('daemonsets', [ds], { ...opts, allNamespaces: true })).toBe(
      lines(
        'NAMESPACE     NAME      DESIRED   CURRENT   READY   UP-TO-DATE   AVAILABLE   NODE SELECTOR            AGE',
        'kube-system   kindnet   3         3         3       3            3           kubernetes.io/os=linux   113s',
      ),
    );
  });

  it('jobs: STATUS, COMPLETIONS, DURATION (running jobs measure until now)', () => {
    const job = (name: string, created: string, status: Record<string, unknown>): KObject => ({
      apiVersion: 'batch/v1',
      kind: 'Job',
      metadata: { name, namespace: 'default', creationTimestamp: created },
      spec: { completions: 1, parallelism: 1, template: { spec: { containers: [] } } },
      status,
    });
    const hello = job('hello', '2026-01-01T09:00:00Z', {
      completionTime: '2026-01-01T09:00:12Z',
      conditions: [
        { type: 'SuccessCriteriaMet', status: 'True' },
        { type: 'Complete', status: 'True' },
      ],
      startTime: '2026-01-01T09:00:00Z',
      succeeded: 1,
    });
    const pi = job('pi', '2026-01-01T09:01:40Z', { active: 1, startTime: '2026-01-01T09:01:40Z' });
    expect(printTable('jobs', [hello, pi], opts)).toBe(
      lines(
        'NAME    STATUS     COMPLETIONS   DURATION   AGE',
        'hello   Complete   1/1           12s        2m',
        'pi      Running    0/1           20s        20s',
      ),
    );
  });
});

describe('kubectl get endpointslices', () => {
  it('lists up to 3 endpoints then "+ N more...", ports by number', () => {
    const big = webEndpointSlice();
    big.metadata = { ...big.metadata, name: 'big-x2x2x' };
    big.ports = [
      { name: 'http', port: 80, protocol: 'TCP' },
      { name: 'https', port: 443, protocol: 'TCP' },
    ];
    big.endpoints = [1, 2, 3, 4, 5].map((i) => ({ addresses: [`10.0.0.${i}`] }));
    expect(printTable('endpointslices', [big, webEndpointSlice()], opts)).toBe(
      lines(
        'NAME        ADDRESSTYPE   PORTS    ENDPOINTS                                AGE',
        'big-x2x2x   IPv4          80,443   10.0.0.1,10.0.0.2,10.0.0.3 + 2 more...   60s',
        'web-h8r2d   IPv4          80       10.244.1.3,10.244.2.4                    60s',
      ),
    );
  });
});

describe('kubectl get events', () => {
  const byName = () =>
    nginxEvents().sort((a, b) => ((a.metadata.name ?? '') < (b.metadata.name ?? '') ? -1 : 1));

  it('shows LAST SEEN (eventTime when there are no timestamps) and kind/name, in list order', () => {
    expect(printTable('events', byName(), opts)).toBe(
      lines(
        'LAST SEEN   TYPE     REASON      OBJECT      MESSAGE',
        '88s         Normal   Scheduled   pod/nginx   Successfully assigned default/nginx to worker-1',
        '88s         Normal   Pulling     pod/nginx   Pulling image "nginx"',
        '86s         Normal   Pulled      pod/nginx   Successfully pulled image "nginx" in 1.523s (1.523s including waiting). Image size: 72195292 bytes.',
        '86s         Normal   Created     pod/nginx   Created container: nginx',
        '85s         Normal   Started     pod/nginx   Started container nginx',
      ),
    );
  });

  it('cuts a multi-line message at its first line break, as kubectl marks it', () => {
    const event = { ...byName()[1], message: 'first line\nsecond line' };
    expect(printTable('events', [event], opts)).toBe(
      lines(
        'LAST SEEN   TYPE     REASON    OBJECT      MESSAGE',
        '88s         Normal   Pulling   pod/nginx   first line...',
      ),
    );
  });

  it('adds SUBOBJECT, SOURCE (component, host), FIRST SEEN, COUNT and NAME with -o wide', () => {
    const pulling = byName().filter((e) => e.reason === 'Pulling');
    expect(printTable('events', pulling, { ...opts, wide: true })).toBe(
      lines(
        'LAST SEEN   TYPE     REASON    OBJECT      SUBOBJECT                SOURCE              MESSAGE                 FIRST SEEN   COUNT   NAME',
        '88s         Normal   Pulling   pod/nginx   spec.containers{nginx}   kubelet, worker-1   Pulling image "nginx"   88s          1       nginx.188a1f0c2b1e4d00',
      ),
    );
  });
});

describe('kubectl get (small kinds)', () => {
  const meta = (name: string, namespace?: string) => ({
    name,
    namespace,
    creationTimestamp: '2026-01-01T09:00:00Z',
  });

  it('namespaces: STATUS is the phase', () => {
    const ns = (name: string): KObject => ({
      apiVersion: 'v1',
      kind: 'Namespace',
      metadata: meta(name),
      status: { phase: 'Active' },
    });
    expect(printTable('namespaces', [ns('default'), ns('kube-node-lease')], opts)).toBe(
      lines(
        'NAME              STATUS   AGE',
        'default           Active   2m',
        'kube-node-lease   Active   2m',
      ),
    );
  });

  it('leases: HOLDER is the holder identity', () => {
    const cp = workerLease();
    cp.metadata = {
      ...cp.metadata,
      name: 'control-plane',
      creationTimestamp: '2026-01-01T09:00:00Z',
    };
    cp.spec = { ...cp.spec, holderIdentity: 'control-plane' };
    expect(printTable('leases', [cp, workerLease()], opts)).toBe(
      lines(
        'NAME            HOLDER          AGE',
        'control-plane   control-plane   2m',
        'worker-1        worker-1        114s',
      ),
    );
  });

  it('serviceaccounts: SECRETS counts referenced secrets', () => {
    const sa: KObject = {
      apiVersion: 'v1',
      kind: 'ServiceAccount',
      metadata: meta('default', 'default'),
    };
    expect(printTable('serviceaccounts', [sa], opts)).toBe(
      lines('NAME      SECRETS   AGE', 'default   0         2m'),
    );
  });

  it('configmaps: DATA counts data and binaryData keys', () => {
    const cm: KObject = {
      apiVersion: 'v1',
      kind: 'ConfigMap',
      metadata: meta('kube-root-ca.crt', 'default'),
      data: { 'ca.crt': '-----BEGIN CERTIFICATE-----\n' },
    };
    expect(printTable('configmaps', [cm], opts)).toBe(
      lines('NAME               DATA   AGE', 'kube-root-ca.crt   1      2m'),
    );
  });

  it('falls back to NAME and CREATED AT (the stamp, not an age) for a kind without a printer', () => {
    expect(printTable('widgets', [kindnetPod()], opts)).toBe(
      lines('NAME            CREATED AT', 'kindnet-x7k2q   2026-01-01T09:00:07Z'),
    );
  });
});

describe('a Table from the server (tableprinter.go decorateTable, printTable)', () => {
  const column = (name: string, priority = 0) => ({
    name,
    type: 'string',
    format: name === 'Name' ? 'name' : '',
    description: '',
    priority,
  });
  const table = (rows: Table['rows']): Table => ({
    kind: 'Table',
    apiVersion: 'meta.k8s.io/v1',
    metadata: {},
    columnDefinitions: [column('Name'), column('Count'), column('Ok'), column('Note', 1)],
    rows,
  });
  const print = (t: Table, opts: TablePrintOptions) => {
    const out = new TabWriter(GET_TABWRITER);
    writeServerTable(t, opts, out, true);
    return out.text();
  };

  it('prints numbers and booleans as Go does, null as nothing, and drops extra cells', () => {
    expect(
      print(table([{ cells: ['a', 3, true, null, 'extra'], object: null }]), { wide: true }),
    ).toBe(lines('NAME   COUNT   OK     NOTE', 'a      3       true   '));
  });

  it('leaves NAMESPACE and LABELS empty for a row without its object (includeObject=None)', () => {
    expect(
      print(table([{ cells: ['a', 1, false, 'n'], object: null }]), {
        withNamespace: true,
        showLabels: true,
        kind: 'widget.example.com',
      }),
    ).toBe(
      lines(
        'NAMESPACE   NAME                   COUNT   OK      LABELS',
        '            widget.example.com/a   1       false   ',
      ),
    );
  });

  it('prints nothing, not even the header, for a table without rows', () => {
    expect(print(table([]), {})).toBe('');
    expect(print(table(null), {})).toBe('');
  });
});
