import { describe, expect, it } from 'vitest';
import { translate } from '../i18n';
import { activeSpecs } from './animation';
import { actorWords, captionPick, captionText } from './caption';

const en = (key: string, params?: Record<string, string | number>) => translate('en', key, params);
const zh = (key: string, params?: Record<string, string | number>) =>
  translate('zh-TW', key, params);

const pull = {
  from: 'kubelet/worker-1',
  to: 'containerd/worker-1',
  kind: 'cri' as const,
  summary: 'PullImage nginx:1.27',
};

describe('the caption line', () => {
  it('says who tells whom what, in each Labels mode and both languages', () => {
    expect(captionText(pull, 1, 'kubernetes', en)).toBe(
      'kubelet on worker-1 → containerd on worker-1: PullImage nginx:1.27',
    );
    expect(captionText(pull, 1, 'kitchen', en)).toBe(
      'Head chef (worker-1) → Stoves and equipment (worker-1): PullImage nginx:1.27',
    );
    expect(captionText(pull, 1, 'both', en)).toBe(
      'Head chef (kubelet on worker-1) → Stoves and equipment (containerd on worker-1): PullImage nginx:1.27',
    );
    expect(captionText(pull, 1, 'kitchen', zh)).toMatch(/^主廚 \(worker-1\) → /);
    expect(actorWords('kube-apiserver', 'kubernetes', en)).toBe('kube-apiserver');
    const fault = {
      from: 'chaos',
      to: 'node/worker-2',
      kind: 'fault' as const,
      summary: 'node down',
    };
    expect(captionText(fault, 1, 'both', en)).toBe('node down');
  });

  it('names a bundle by its newest message and counts the others', () => {
    expect(captionText(pull, 10, 'kubernetes', en)).toMatch(/PullImage nginx:1\.27 \(\+9\)$/);
  });

  it('tells the most telling message in flight: a card or ticket before a heartbeat', () => {
    let seq = 0;
    const e = (kind: 'watch' | 'heartbeat', timeMs: number) => ({
      seq: ++seq,
      timeMs,
      from: kind === 'watch' ? 'kube-apiserver' : 'kubelet/worker-1',
      to: kind === 'watch' ? 'kubelet/worker-1' : 'kube-apiserver',
      kind,
      object: '',
      summary: kind === 'watch' ? 'watch ADDED pod nginx' : 'renew Lease worker-1',
    });
    const list = activeSpecs([e('watch', 1000), e('heartbeat', 1100)], 1200, 1, () => undefined);
    expect(captionPick(list)?.spec.entry?.summary).toBe('watch ADDED pod nginx');
    expect(captionPick([])).toBeNull();
  });
});
