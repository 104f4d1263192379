import { describe, expect, it } from 'vitest';
import type { Component, LabHost } from '../kubectl/host';
import { createFakeHost } from '../kubectl/testing/fakeHost';
import { runLabLine } from './labLine';
import type { ClusterSpec } from './parseLab';
import { runLab } from './runLab';

interface Recorded {
  created: ClusterSpec[];
  verbs: string[];
  host?: LabHost;
}

/** A LabHost over the kubectl test double, recording what the lab verbs asked for. */
function fakeLabHost(rec: Recorded, spec: ClusterSpec): LabHost {
  rec.created.push(spec);
  const kube = createFakeHost();
  const nodes = [
    'control-plane',
    ...Array.from({ length: spec.workers }, (_, i) => `worker-${i + 1}`),
  ];
  const host: LabHost = {
    call: (req) => kube.call(req),
    nowMs: () => kube.nowMs(),
    advanceBy: (ms) => {
      rec.verbs.push(`advanceBy ${ms}`);
      kube.advanceBy(ms);
    },
    serverAddress: kube.serverAddress,
    readFile: () => undefined,
    watchEvents: () => undefined,
    stopWatches: () => rec.verbs.push('stopWatches'),
    nodeNames: () => nodes,
    joinNode: (name) => [`node ${name} booted`],
    breakComponent: (c: Component, node?: string) => {
      rec.verbs.push(`break ${c}${node ? ` ${node}` : ''}`);
      return [`${c} is down`];
    },
    repairComponent: (c: Component, node?: string) => {
      rec.verbs.push(`repair ${c}${node ? ` ${node}` : ''}`);
      return [];
    },
    crash: (pod, container) => [
      `container ${container ?? pod} in pod default/${pod} exited with code 1`,
    ],
    request: (svc, n) => Array.from({ length: n }, (_, i) => `served by ${svc}-${i} on worker-1`),
    proxyRules: (node) => [`# rules of ${node}`],
  };
  rec.host = host;
  return host;
}

function lab(text: string, files: Record<string, string> = {}) {
  const rec: Recorded = { created: [], verbs: [] };
  const result = runLab(text, {
    createHost: (spec) => fakeLabHost(rec, spec),
    readFile: (path) => files[path],
  });
  return { ...result, rec };
}

describe('runLab', () => {
  it('skips comments and blank lines and echoes each command', () => {
    const { transcript, exitCode, rec } = lab(
      '# set up\n\n  kubectl get pods   \nwait 10s\n   # done\n',
    );
    expect(transcript).toBe(
      '$ kubectl get pods\nNo resources found in default namespace.\n$ wait 10s\n',
    );
    expect(exitCode).toBe(0);
    expect(rec.created).toEqual([{ workers: 2, proxyMode: 'iptables', seed: 1 }]);
    expect(rec.verbs).toEqual(['advanceBy 10000']);
  });

  it('reads durations like Go', () => {
    const { transcript, rec } = lab('wait 500ms\nwait 1m30s\nwait 1h\nwait 10\nwait -1s\n');
    expect(rec.verbs).toEqual(['advanceBy 500', 'advanceBy 90000', 'advanceBy 3600000']);
    expect(transcript).toBe(
      '$ wait 500ms\n$ wait 1m30s\n$ wait 1h\n$ wait 10\nerror: wait: time: missing unit in duration "10"\n$ wait -1s\nerror: wait: a duration cannot be negative: -1s\n',
    );
  });

  it('takes the cluster settings from a first cluster line', () => {
    const { transcript, rec } = lab(
      'cluster workers=3 proxy=ipvs seed=42\nbreak kubelet worker-3\n',
    );
    expect(rec.created).toEqual([{ workers: 3, proxyMode: 'ipvs', seed: 42 }]);
    expect(transcript).toBe(
      '$ cluster workers=3 proxy=ipvs seed=42\n$ break kubelet worker-3\nkubelet is down\n',
    );
  });

  it('refuses cluster anywhere but first, and bad settings', () => {
    const late = lab('kubectl get ns\ncluster workers=1\n');
    expect(late.transcript).toBe(
      '$ kubectl get ns\nNo resources found\n$ cluster workers=1\nerror: line 2: "cluster" must be the first command of a lab script\n',
    );
    expect(late.exitCode).toBe(0);
    expect(late.rec.created).toHaveLength(1);
    expect(lab('cluster workers=two\n').transcript).toBe(
      '$ cluster workers=two\nerror: cluster: workers must be a whole number from 0 to 1000, not "two"\n',
    );
    expect(lab('cluster proxy=nftables\n').transcript).toBe(
      '$ cluster proxy=nftables\nerror: cluster: proxy must be iptables or ipvs, not "nftables"\n',
    );
    expect(lab('cluster zones=2\n').transcript).toBe(
      '$ cluster zones=2\nerror: cluster: unknown setting "zones=2" (expected workers=N proxy=iptables|ipvs seed=S)\n',
    );
  });

  it('reports a line that is not a command, goes on, and exits 1', () => {
    const { transcript, exitCode } = lab('kubectl get pods\n\n# c\nfrobnicate now\nwait 1s\n');
    expect(transcript).toBe(
      '$ kubectl get pods\nNo resources found in default namespace.\n$ frobnicate now\nerror: line 4: unknown command "frobnicate"\n$ wait 1s\n',
    );
    expect(exitCode).toBe(1);
  });

  it('keeps going after a failing command with exit status 0', () => {
    const { transcript, exitCode } = lab('kubectl get pod nope\nkubectl get pods\n');
    expect(transcript).toBe(
      '$ kubectl get pod nope\nError from server (NotFound): pods "nope" not found\n$ kubectl get pods\nNo resources found in default namespace.\n',
    );
    expect(exitCode).toBe(0);
  });

  it('checks components and nodes for break and repair', () => {
    const { transcript, rec } = lab(
      'break apiserver\nbreak apiserver worker-1\nbreak kubelet\nbreak kubelet worker-9\nbreak oven\nrepair node worker-2\n',
    );
    expect(transcript).toBe(
      '$ break apiserver\napiserver is down\n' +
        '$ break apiserver worker-1\nerror: break apiserver: apiserver runs on the control plane and takes no node name\n' +
        '$ break kubelet\nerror: break kubelet: name a node (control-plane, worker-1, worker-2)\n' +
        '$ break kubelet worker-9\nerror: break kubelet: no node named "worker-9" (control-plane, worker-1, worker-2)\n' +
        '$ break oven\nerror: break: unknown component "oven" (one of apiserver, etcd, scheduler, controller-manager, kubelet, kube-proxy, runtime, node)\n' +
        '$ repair node worker-2\n',
    );
    expect(rec.verbs).toEqual(['break apiserver', 'repair node worker-2']);
  });

  it('runs crash, request and proxy-rules with their argument checks', () => {
    const { transcript } = lab(
      'crash web\nrequest web 2\nrequest web 0\nrequest web 1001\nproxy-rules worker-1\nproxy-rules\n',
    );
    expect(transcript).toBe(
      '$ crash web\ncontainer web in pod default/web exited with code 1\n' +
        '$ request web 2\nserved by web-0 on worker-1\nserved by web-1 on worker-1\n' +
        '$ request web 0\nerror: request: N must be a whole number from 1 to 1000, not "0"\n' +
        '$ request web 1001\nerror: request: N must be a whole number from 1 to 1000, not "1001"\n' +
        '$ proxy-rules worker-1\n# rules of worker-1\n' +
        '$ proxy-rules\nerror: usage: proxy-rules NODE\n',
    );
  });

  it('reads -f paths through io.readFile', () => {
    const { transcript } = lab('kubectl apply -f pod.yaml\n', {
      'pod.yaml': 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: p\n',
    });
    expect(transcript).toBe('$ kubectl apply -f pod.yaml\npod/p created\n');
  });

  it('reports an unterminated quote as not a command', () => {
    const { transcript, exitCode } = lab(`kubectl get pods -l 'app=web\n`);
    expect(transcript).toBe(
      `$ kubectl get pods -l 'app=web\nerror: line 1: unexpected EOF while looking for matching \`''\n`,
    );
    expect(exitCode).toBe(1);
  });
});

describe('runLabLine', () => {
  it('runs one command against a running cluster, without the echo', () => {
    const rec: Recorded = { created: [], verbs: [] };
    const host = fakeLabHost(rec, { workers: 1, proxyMode: 'iptables', seed: 1 });
    expect(runLabLine('kubectl get pods', { host })).toEqual({
      output: 'No resources found in default namespace.\n',
      ok: true,
      skipped: false,
    });
    expect(runLabLine('  # just a note', { host })).toEqual({
      output: '',
      ok: true,
      skipped: true,
    });
    expect(runLabLine('cluster workers=3', { host })).toEqual({
      output:
        'error: "cluster" only works as the first line of a lab script; this cluster is already running\n',
      ok: false,
      skipped: false,
    });
    expect(runLabLine('frobnicate', { host }).output).toBe(
      'error: unknown command "frobnicate" (lab commands: kubectl, wait, break, repair, crash, request, proxy-rules)\n',
    );
    expect(runLabLine('kubectl get pod x', { host }).ok).toBe(false);
  });
});
