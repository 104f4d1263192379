import { describe, expect, it } from 'vitest';
import { expandVars, resolveArgv } from './argv';

const nginx = { entrypoint: ['/docker-entrypoint.sh'], cmd: ['nginx', '-g', 'daemon off;'] };
const busybox = { entrypoint: [], cmd: ['sh'] };

describe('resolveArgv (containerd WithProcessArgs)', () => {
  it('runs the image entrypoint and cmd when the container says nothing', () => {
    expect(resolveArgv(nginx, {}, {})).toEqual({
      ok: true,
      argv: ['/docker-entrypoint.sh', 'nginx', '-g', 'daemon off;'],
    });
    expect(resolveArgv(busybox, {}, {})).toEqual({ ok: true, argv: ['sh'] });
  });

  it('lets args alone replace the cmd and keep the entrypoint', () => {
    expect(resolveArgv(nginx, { args: ['nginx-debug'] }, {})).toEqual({
      ok: true,
      argv: ['/docker-entrypoint.sh', 'nginx-debug'],
    });
  });

  it('lets command replace the entrypoint and drop the cmd', () => {
    expect(resolveArgv(nginx, { command: ['sleep', '3600'] }, {})).toEqual({
      ok: true,
      argv: ['sleep', '3600'],
    });
    expect(resolveArgv(nginx, { command: ['sleep'], args: ['5'] }, {})).toEqual({
      ok: true,
      argv: ['sleep', '5'],
    });
  });

  it('treats an empty command list as none', () => {
    expect(resolveArgv(busybox, { command: [], args: ['echo', 'hi'] }, {})).toEqual({
      ok: true,
      argv: ['echo', 'hi'],
    });
  });

  it('ignores ENTRYPOINT [""]', () => {
    expect(resolveArgv({ entrypoint: [''], cmd: ['x'] }, {}, {})).toEqual({
      ok: true,
      argv: ['x'],
    });
  });

  it('fails without anything to run', () => {
    expect(resolveArgv({ entrypoint: [], cmd: [] }, {}, {})).toEqual({
      ok: false,
      error: 'no command specified',
    });
  });

  it('expands $(VAR) from the container environment', () => {
    expect(
      resolveArgv(
        busybox,
        { command: ['kube-proxy', '--hostname-override=$(NODE_NAME)'] },
        { NODE_NAME: 'worker-1' },
      ),
    ).toEqual({ ok: true, argv: ['kube-proxy', '--hostname-override=worker-1'] });
  });
});

describe('expandVars (third_party/forked/golang/expansion)', () => {
  const env = { A: 'x', EMPTY: '' };
  it.each([
    ['$(A)', 'x'],
    ['pre-$(A)-post', 'pre-x-post'],
    ['$(EMPTY)', ''],
    ['$(UNKNOWN)', '$(UNKNOWN)'],
    ['$$(A)', '$(A)'],
    ['$$$(A)', '$x'],
    ['$(A', '$(A'],
    ['$A', '$A'],
    ['a$', 'a$'],
    ['$', '$'],
    ['no vars', 'no vars'],
  ])('%s → %s', (input, want) => {
    expect(expandVars(input, env)).toBe(want);
  });
});
