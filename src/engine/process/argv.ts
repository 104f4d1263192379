/**
 * What a container runs: its argv from the image config and the container spec, as the kubelet
 * and containerd build it.
 *
 * - The kubelet expands `$(VAR)` in `command` and `args` from the container's environment
 *   (pkg/kubelet/container/helpers.go ExpandContainerCommandAndArgs, with
 *   third_party/forked/golang/expansion): `$$` is a literal `$`, an unknown `$(VAR)` stays as it is.
 * - containerd (internal/cri/opts/spec_opts.go WithProcessArgs, "migrated from moby"): without a
 *   `command` the image's ENTRYPOINT runs, with `args` in place of the image's CMD when given;
 *   a `command` replaces the ENTRYPOINT and drops the CMD (only `args` follow it). Neither:
 *   `no command specified`.
 */
import type { ImageConfig } from '../model/registry';

export interface ContainerCommand {
  command?: string[];
  args?: string[];
}

export type ArgvResult = { ok: true; argv: string[] } | { ok: false; error: string };

export function resolveArgv(
  image: Pick<ImageConfig, 'entrypoint' | 'cmd'>,
  container: ContainerCommand,
  env: Record<string, string>,
): ArgvResult {
  const expand = (list: string[] | undefined) =>
    list ? list.map((s) => expandVars(String(s), env)) : undefined;
  let command = expand(container.command);
  let args = expand(container.args);
  if (!command || command.length === 0) {
    if (!args || args.length === 0) args = [...image.cmd];
    // An empty-string ENTRYPOINT (`ENTRYPOINT [""]`) means none.
    if (command === undefined && !(image.entrypoint.length === 1 && image.entrypoint[0] === ''))
      command = [...image.entrypoint];
  }
  const argv = [...(command ?? []), ...(args ?? [])];
  if (argv.length === 0) return { ok: false, error: 'no command specified' };
  return { ok: true, argv };
}

/** `$(VAR)` expansion as the kubelet does it for command, args and env values. */
export function expandVars(input: string, env: Record<string, string>): string {
  if (!input.includes('$')) return input;
  let out = '';
  let checkpoint = 0;
  for (let cursor = 0; cursor < input.length; cursor++) {
    if (input[cursor] !== '$' || cursor + 1 >= input.length) continue;
    out += input.slice(checkpoint, cursor);
    const next = input[cursor + 1];
    if (next === '$') {
      out += '$';
      cursor += 1;
    } else if (next === '(') {
      const close = input.indexOf(')', cursor + 2);
      if (close < 0) {
        out += '$(';
        cursor += 1;
      } else {
        const name = input.slice(cursor + 2, close);
        out += Object.hasOwn(env, name) ? env[name] : `$(${name})`;
        cursor = close;
      }
    } else {
      out += `$${next}`;
      cursor += 1;
    }
    checkpoint = cursor + 1;
  }
  return out + input.slice(checkpoint);
}
