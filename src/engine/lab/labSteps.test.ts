/**
 * The runner streams (issue 12, row 1): a 50,000-line script once died with
 * `RangeError: Invalid string length` because its transcript was one string. `labSteps` hands
 * over each line's transcript as soon as it ran and keeps none of it.
 */
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { describe, expect, it } from 'vitest';
import type { LabHost } from '../kubectl/host';
import { createFakeHost } from '../kubectl/testing/fakeHost';
import { labSteps, runLab } from './runLab';

/** A host whose `proxy-rules` prints `bytes` of text: big output, no cluster to speak of. */
function loudHost(log: string[], bytes: number): LabHost {
  const kube = createFakeHost();
  const line = `${'x'.repeat(99)}`;
  const rules = Array.from({ length: Math.ceil(bytes / 100) }, () => line);
  return {
    call: (req) => kube.call(req),
    nowMs: () => kube.nowMs(),
    advanceBy: (ms) => kube.advanceBy(ms),
    serverAddress: kube.serverAddress,
    readFile: () => undefined,
    watchEvents: () => undefined,
    stopWatches: () => {},
    nodeNames: () => ['control-plane', 'worker-1'],
    joinNode: () => [],
    breakComponent: () => [],
    repairComponent: () => [],
    crash: () => [],
    request: () => [],
    proxyRules: (node) => {
      log.push(`ran ${node}`);
      return rules;
    },
  };
}

describe('labSteps', () => {
  it("yields each line's transcript before the next line runs", () => {
    const log: string[] = [];
    const script = 'proxy-rules worker-1\n# a comment\nbogus\nproxy-rules control-plane\n';
    const steps = labSteps(script, {
      createHost: () => loudHost(log, 100),
      readFile: () => undefined,
    });
    const first = steps.next();
    expect(first.value).toMatch(/^\$ proxy-rules worker-1\nx+\n$/);
    expect(log).toEqual(['ran worker-1']);
    expect(steps.next().value).toBe('$ bogus\nerror: line 3: unknown command "bogus"\n');
    expect(log).toEqual(['ran worker-1']);
    expect(steps.next().value).toMatch(/^\$ proxy-rules control-plane\n/);
    expect(steps.next()).toEqual({ done: true, value: 1 });
  });

  it('is runLab, line by line (same bytes, same exit status)', () => {
    const script = 'cluster workers=1\nproxy-rules worker-1\nwait 1s\nwait x\n';
    const io = { createHost: () => loudHost([], 300), readFile: () => undefined };
    const parts = [...labSteps(script, io)];
    expect(parts.join('')).toBe(runLab(script, io).transcript);
  });

  it('keeps memory flat however much a script prints', () => {
    setFlagsFromString('--expose-gc');
    const gc = runInNewContext('gc') as () => void;
    const lineBytes = 512 * 1024;
    const script = 'proxy-rules worker-1\n'.repeat(200);
    const steps = labSteps(script, {
      createHost: () => loudHost([], lineBytes),
      readFile: () => undefined,
    });
    let written = 0;
    const heapAfter = (lines: number) => {
      for (let i = 0; i < lines; i++) {
        const step = steps.next();
        if (!step.done) written += step.value.length;
      }
      gc();
      return process.memoryUsage().heapUsed;
    };
    const early = heapAfter(20);
    const late = heapAfter(180);
    // 100 MB went through; a runner that kept it would hold 90 MB more.
    expect(written).toBeGreaterThan(200 * lineBytes);
    expect(late - early).toBeLessThan(20 * lineBytes);
  });
});
