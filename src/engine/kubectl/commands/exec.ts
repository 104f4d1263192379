/**
 * `kubectl exec` (kubernetes/kubectl pkg/cmd/exec/exec.go, client-go tools/remotecommand): the
 * pod (a workload's most active one), a container by `-c`, the default-container annotation or
 * the first (`Defaulted container …`), then POST pods/NAME/exec, which the API server passes to
 * the node's kubelet and the kubelet to the runtime. A refused upgrade reads
 * `unable to upgrade connection: …`; a command that ends non-zero `command terminated with exit
 * code N` (utilexec.CodeExitError, printed as it is).
 *
 * There is no terminal behind a lab line: stdin is empty, so `-it` says `Unable to use a TTY …`
 * as kubectl does with piped input, and an interactive shell ends at once (a note says so).
 */
import { resourceInfo } from '../../api/resources';
import type { KObject } from '../../api/types';
import { SIM } from '../../sim/defaults';
import { type CommandContext, type CommandDef, FILENAME_FLAG } from '../command';
import { CommandFailure, failWith, usageError } from '../errors';
import { lookupResource } from '../resourceArgs';
import {
  allContainerNames,
  DEFAULT_CONTAINER_ANNOTATION,
  findContainer,
  getPodList,
  hasSeveralContainers,
  mostActive,
  selectorForObject,
} from './podForObject';

/** defaultPodExecTimeout. */
const POD_EXEC_TIMEOUT_MS = 60_000;

const SHELLS = new Set(['sh', 'bash', 'ash', 'dash', '/bin/sh', '/bin/bash', '/bin/ash']);

export const STILL_RUNNING_NOTE = `# kube-kitchen: the command was still running after ${SIM.execMaxWaitMs / 60_000}m; the lab stopped waiting for it`;

export const NO_TERMINAL_NOTE =
  '# kube-kitchen: no terminal here, so an interactive shell reads nothing and ends; run one command at a time: kubectl exec POD -- CMD';

export const execCommand: CommandDef = {
  name: 'exec',
  short: 'Execute a command in a container',
  long: 'Execute a command in a container.',
  use: 'exec (POD | TYPE/NAME) [-c CONTAINER] [flags] -- COMMAND [args...]',
  example: [
    "# Get output from running the 'date' command from pod mypod, using the first container by default",
    'kubectl exec mypod -- date',
    '',
    "# Get output from running the 'date' command in ruby-container from pod mypod",
    'kubectl exec mypod -c ruby-container -- date',
    '',
    "# Get output from running 'date' command from the first pod of the deployment mydeployment, using the first container by default",
    'kubectl exec deploy/mydeployment -- date',
    '',
    "# Get output from running 'date' command from the first pod of the service myservice, using the first container by default",
    'kubectl exec svc/myservice -- date',
  ],
  flags: [
    { name: 'pod-running-timeout', kind: 'duration', default: POD_EXEC_TIMEOUT_MS },
    FILENAME_FLAG,
    { name: 'container', short: 'c', kind: 'string' },
    { name: 'stdin', short: 'i', kind: 'bool' },
    { name: 'tty', short: 't', kind: 'bool' },
    { name: 'quiet', short: 'q', kind: 'bool' },
  ],
  run: runExec,
};

function runExec(ctx: CommandContext): void {
  const { flags, out } = ctx;
  const args = ctx.args;
  const atDash = flags.argsLenAtDash;
  const filenames = flags.list('filename');
  // Complete.
  const resourceName = args.length > 0 && atDash !== 0 ? args[0] : '';
  let command: string[] = [];
  if (atDash > -1) command = args.slice(atDash);
  else if (args.length > 1 || (args.length > 0 && filenames.length > 0))
    throw usageError(
      ctx.path,
      'exec [POD] [COMMAND] is not supported anymore. Use exec [POD] -- [COMMAND] instead',
    );
  const timeoutMs = flags.durationMs('pod-running-timeout');
  if (timeoutMs <= 0) throw usageError(ctx.path, '--pod-running-timeout must be higher than zero');
  // Validate.
  if (!resourceName && filenames.length === 0)
    throw failWith.message('pod, type/name or --filename must be specified');
  if (command.length === 0)
    throw failWith.message('you must specify at least one command for the container');
  if (!resourceName)
    throw failWith.message('kubectl exec -f is not available in this simulated cluster');

  // Run.
  const pod = executablePod(ctx, resourceName, timeoutMs);
  const phase = pod.status?.phase;
  if (phase === 'Succeeded' || phase === 'Failed')
    throw failWith.message(
      `cannot exec into a container in a completed pod; current phase is ${phase}`,
    );
  const quiet = flags.bool('quiet');
  let container = flags.string('container');
  if (!container) container = defaultContainer(ctx, pod, quiet);
  const stdin = flags.bool('stdin');
  // SetupTTY: a TTY needs stdin, and stdin that is a terminal.
  if (stdin && flags.bool('tty') && !quiet)
    out.write('Unable to use a TTY - input is not a terminal or the right kind of file\n');
  const res = ctx.client.tryStream({
    verb: 'create',
    resource: 'pods',
    namespace: pod.metadata.namespace,
    name: pod.metadata.name,
    subresource: 'exec',
    execOptions: { container, command, stdin, stdout: true, stderr: true, tty: false },
  });
  if (!res.ok) throw new CommandFailure(res.failure);
  const stream = res.value;
  if (stream.kind === 'upgradeFailed')
    throw failWith.message(`unable to upgrade connection: ${stream.body}`);
  if (stream.kind !== 'exec') return;
  for (const chunk of stream.output) out.write(chunk.text);
  if (stream.sleptMs > SIM.execMaxWaitMs) {
    // `sleep 3600`, `tail -f`: kubectl would wait as long; the lab waits its bound and stops.
    ctx.host.advanceBy(SIM.execMaxWaitMs);
    out.line(STILL_RUNNING_NOTE);
    return;
  }
  if (stream.sleptMs > 0) ctx.host.advanceBy(stream.sleptMs);
  if (command.length === 1 && SHELLS.has(command[0]) && 'code' in stream.exit)
    out.line(NO_TERMINAL_NOTE);
  if ('message' in stream.exit) throw failWith.message(stream.exit.message);
  const code = stream.exit.code;
  if (code !== 0)
    throw new CommandFailure({
      type: 'exitCode',
      code,
      text: `command terminated with exit code ${code}`,
    });
}

/** The builder's object, then AttachablePodForObject: a pod itself, or a workload's most active pod. */
function executablePod(ctx: CommandContext, resourceName: string, timeoutMs: number): KObject {
  const slash = resourceName.indexOf('/');
  const r = slash < 0 ? resourceInfo('pods') : lookupResource(resourceName.slice(0, slash));
  const name = slash < 0 ? resourceName : resourceName.slice(slash + 1);
  if (slash >= 0 && (!name || name.includes('/')))
    throw failWith.message('arguments in resource/name form must have a single resource and name');
  const obj = ctx.client.get(r, ctx.namespace, name);
  if (obj.kind === 'Pod') return obj;
  const sel = selectorForObject(obj);
  if ('error' in sel) throw failWith.message(`cannot attach to *v1.${obj.kind}: ${sel.error}`);
  return getPodList(
    ctx,
    obj.metadata.namespace ?? ctx.namespace,
    sel.selector,
    timeoutMs,
    mostActive,
  )[0];
}

/** podcmd.FindOrDefaultContainerByName with no name given. */
function defaultContainer(ctx: CommandContext, pod: KObject, quiet: boolean): string {
  const containers: { name: string }[] = pod.spec?.containers ?? [];
  if (containers.length === 0)
    throw failWith.message(
      `pod ${pod.metadata.namespace}/${pod.metadata.name} does not have any containers`,
    );
  const annotated = pod.metadata.annotations?.[DEFAULT_CONTAINER_ANNOTATION];
  if (annotated && findContainer(pod, annotated)) return annotated;
  const first = containers[0].name;
  if (!quiet && hasSeveralContainers(pod))
    ctx.out.write(
      `Defaulted container ${JSON.stringify(first)} out of: ${allContainerNames(pod)}\n`,
    );
  return first;
}
