/**
 * kubectl label / annotate against the fake host: the texts are label.go's and annotate.go's
 * (kubernetes/kubectl pkg/cmd/label, pkg/cmd/annotate) and cmdutil's GetResourcesAndPairs.
 */
import { describe, expect, it } from 'vitest';
import { createFakeHost, type FakeHost } from '../testing/fakeHost';
import { kubectl } from '../testing/kubectlLine';

function nodes(): FakeHost {
  const host = createFakeHost();
  for (const name of ['worker-1', 'worker-2']) {
    host.put({
      apiVersion: 'v1',
      kind: 'Node',
      metadata: { name, labels: { 'kubernetes.io/hostname': name } },
      spec: {},
    });
  }
  return host;
}

describe('kubectl label', () => {
  it('labels, refuses to overwrite, overwrites, and says when nothing changed', () => {
    const host = nodes();
    expect(kubectl(host, 'kubectl label node worker-2 team=blue')).toEqual({
      output: 'node/worker-2 labeled\n',
      ok: true,
    });
    // One read (the builder's Latest()), one write (kubectl's PATCH).
    expect(host.calls.map((c) => c.verb)).toEqual(['get', 'patch']);
    expect(host.calls[1]).toMatchObject({
      patchType: 'merge',
      patchBody: { metadata: { labels: { team: 'blue' } } },
    });
    expect(host.find('nodes', 'worker-2')?.metadata.labels).toEqual({
      'kubernetes.io/hostname': 'worker-2',
      team: 'blue',
    });
    expect(kubectl(host, 'kubectl label node worker-2 team=red')).toEqual({
      output: "error: 'team' already has a value (blue), and --overwrite is false\n",
      ok: false,
    });
    // Even the same value counts as overwriting.
    expect(kubectl(host, 'kubectl label node worker-2 team=blue').ok).toBe(false);
    expect(kubectl(host, 'kubectl label node worker-2 team=red --overwrite').output).toBe(
      'node/worker-2 labeled\n',
    );
    expect(kubectl(host, 'kubectl label node worker-2 team=red --overwrite').output).toBe(
      'node/worker-2 not labeled\n',
    );
  });

  it('removes with KEY-: unlabeled, labeled under --overwrite, and names a missing key', () => {
    const host = nodes();
    kubectl(host, 'kubectl label node worker-1 a=1 b=2');
    expect(kubectl(host, 'kubectl label node worker-1 a-').output).toBe(
      'node/worker-1 unlabeled\n',
    );
    expect(kubectl(host, 'kubectl label node worker-1 b- --overwrite').output).toBe(
      'node/worker-1 labeled\n',
    );
    expect(host.find('nodes', 'worker-1')?.metadata.labels).toEqual({
      'kubernetes.io/hostname': 'worker-1',
    });
    expect(kubectl(host, 'kubectl label node worker-1 a-')).toEqual({
      output: 'label "a" not found.\nnode/worker-1 not labeled\n',
      ok: true,
    });
  });

  it('an object without labels gains an empty map, which kubectl counts as labeled', () => {
    const host = createFakeHost();
    host.put({ apiVersion: 'v1', kind: 'Pod', metadata: { name: 'bare' } });
    expect(kubectl(host, 'kubectl label pod bare gone-').output).toBe(
      'label "gone" not found.\npod/bare labeled\n',
    );
    expect(host.find('pods', 'bare')?.metadata.labels).toBeUndefined();
  });

  it('labels several objects, and reports every key already set, one per line', () => {
    const host = nodes();
    expect(kubectl(host, 'kubectl label nodes worker-1 worker-2 a=1 b=2').output).toBe(
      'node/worker-1 labeled\nnode/worker-2 labeled\n',
    );
    expect(kubectl(host, 'kubectl label node/worker-1 a=3 b=4')).toEqual({
      output:
        "'a' already has a value (1), and --overwrite is false\n'b' already has a value (2), and --overwrite is false\n",
      ok: false,
    });
    expect(kubectl(host, 'kubectl label nodes -l a=1 c=3').output).toBe(
      'node/worker-1 labeled\nnode/worker-2 labeled\n',
    );
  });

  it('keeps going after an object it cannot read', () => {
    const host = nodes();
    expect(kubectl(host, 'kubectl label nodes worker-9 worker-1 x=1')).toEqual({
      output: 'node/worker-1 labeled\nError from server (NotFound): nodes "worker-9" not found\n',
      ok: false,
    });
  });

  it('lists labels, with a heading per object when several may match', () => {
    const host = nodes();
    expect(kubectl(host, 'kubectl label node worker-1 --list').output).toBe(
      'kubernetes.io/hostname=worker-1\n',
    );
    expect(kubectl(host, 'kubectl label nodes --all --list').output).toBe(
      'Listing labels for Node./worker-1:\n kubernetes.io/hostname=worker-1\nListing labels for Node./worker-2:\n kubernetes.io/hostname=worker-2\n',
    );
    expect(kubectl(host, 'kubectl label node worker-1 --list -o yaml').output).toBe(
      'error: --list and --output may not be specified together\n',
    );
  });

  it('dry runs print the suffix and change nothing', () => {
    const host = nodes();
    expect(kubectl(host, 'kubectl label node worker-1 x=1 --dry-run=client').output).toBe(
      'node/worker-1 labeled (dry run)\n',
    );
    expect(kubectl(host, 'kubectl label node worker-1 x=1 --dry-run=server').output).toBe(
      'node/worker-1 labeled (server dry run)\n',
    );
    expect(host.find('nodes', 'worker-1')?.metadata.labels?.x).toBeUndefined();
    expect(kubectl(host, 'kubectl label node worker-1 x=1 -o name').output).toBe('node/worker-1\n');
  });

  it('checks its arguments the way label.go does', () => {
    const host = nodes();
    const err = (line: string) => kubectl(host, line).output;
    expect(err('kubectl label')).toBe(
      'error: one or more resources must be specified as <resource> <name> or <resource>/<name>\n',
    );
    expect(err('kubectl label node worker-1')).toBe(
      'error: at least one label update is required\n',
    );
    expect(err('kubectl label node worker-1 a=1 worker-2')).toBe(
      'error: all resources must be specified before label changes: worker-2\n',
    );
    expect(err('kubectl label node worker-1 a=1=2')).toBe('error: invalid label spec: a=1=2\n');
    expect(err('kubectl label node worker-1 a=1 a-')).toBe(
      'error: can not both modify and remove a label in the same command\n',
    );
    expect(err('kubectl label node worker-1 a=no!')).toBe(
      `error: invalid label value: "a=no!": a valid label must be an empty string or consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character (e.g. 'MyValue',  or 'my_value',  or '12345', regex used for validation is '(([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9])?')\n`,
    );
    expect(err('kubectl label nodes a=1')).toBe(
      'error: resource(s) were provided, but no name was specified\n',
    );
    expect(err('kubectl label nodes --all -l a=1 b=2')).toBe(
      'error: cannot set --all and --selector at the same time\n',
    );
    expect(err('kubectl label nodes worker-1 worker-2 a=1 --resource-version=5')).toBe(
      'error: --resource-version may only be used with a single resource\n',
    );
  });

  it('sends --resource-version as the precondition', () => {
    const host = nodes();
    expect(kubectl(host, 'kubectl label node worker-1 a=1 --resource-version=1')).toEqual({
      output:
        'Error from server (Conflict): Operation cannot be fulfilled on nodes "worker-1": the object has been modified; please apply your changes to the latest version and try again\n',
      ok: false,
    });
    const rv = host.find('nodes', 'worker-1')?.metadata.resourceVersion;
    expect(kubectl(host, `kubectl label node worker-1 a=1 --resource-version=${rv}`).output).toBe(
      'node/worker-1 labeled\n',
    );
  });
});

describe('kubectl annotate', () => {
  it('annotates, refuses to overwrite, overwrites and removes', () => {
    const host = nodes();
    expect(kubectl(host, 'kubectl annotate node worker-1 note=hello')).toEqual({
      output: 'node/worker-1 annotated\n',
      ok: true,
    });
    expect(kubectl(host, 'kubectl annotate node worker-1 note=bye other=x')).toEqual({
      output:
        "error: --overwrite is false but found the following declared annotation(s): 'note' already has a value (hello)\n",
      ok: false,
    });
    expect(kubectl(host, 'kubectl annotate node worker-1 note=bye --overwrite').output).toBe(
      'node/worker-1 annotated\n',
    );
    expect(host.find('nodes', 'worker-1')?.metadata.annotations).toEqual({ note: 'bye' });
    expect(kubectl(host, 'kubectl annotate node worker-1 note-').output).toBe(
      'node/worker-1 annotated\n',
    );
    expect(host.find('nodes', 'worker-1')?.metadata.annotations).toBeUndefined();
  });

  it('keeps everything after the first = in the value, and may always set change-cause', () => {
    const host = nodes();
    kubectl(host, 'kubectl annotate node worker-1 kubernetes.io/change-cause=one');
    expect(
      kubectl(host, "kubectl annotate node worker-1 'kubernetes.io/change-cause=a=b c'").output,
    ).toBe('node/worker-1 annotated\n');
    expect(host.find('nodes', 'worker-1')?.metadata.annotations).toEqual({
      'kubernetes.io/change-cause': 'a=b c',
    });
  });

  it('checks its arguments the way annotate.go does', () => {
    const host = nodes();
    const err = (line: string) => kubectl(host, line).output;
    expect(err('kubectl annotate node worker-1')).toBe(
      'error: at least one annotation update is required\n',
    );
    expect(err('kubectl annotate node worker-1 a=1 a-')).toBe(
      'error: can not both modify and remove the following annotation(s) in the same command: a\n',
    );
    expect(err('kubectl annotate node worker-1 a=1 worker-2')).toBe(
      'error: all resources must be specified before annotation changes: worker-2\n',
    );
  });

  it('lists annotations', () => {
    const host = nodes();
    kubectl(host, 'kubectl annotate node worker-1 b=2 a=1');
    expect(kubectl(host, 'kubectl annotate node worker-1 --list').output).toBe('a=1\nb=2\n');
  });
});
