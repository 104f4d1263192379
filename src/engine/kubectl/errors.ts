/**
 * How kubectl turns an error into terminal text: the Go error values a command can end with,
 * and checkErr / StandardErrorMessage / MultilineError / MultipleErrors from
 * kubernetes/kubectl pkg/cmd/util/helpers.go (k8s-facts §9.1).
 */
import type { StatusError } from '../api/types';

export type Failure =
  /** A metav1.Status from the API server (apierrors.StatusError). */
  | { type: 'status'; status: StatusError }
  /** The request never reached a working API server (a *url.Error from the transport). */
  | { type: 'network'; detail: string }
  /** Any other Go error; checkErr prints it behind `error: `. */
  | { type: 'message'; text: string }
  /** utilerrors.Aggregate. */
  | { type: 'aggregate'; errors: Failure[] }
  /** cmdutil.ErrExit: exit non-zero, print nothing more. */
  | { type: 'exit' }
  /**
   * utilexec.ExitError (a remote command's exit code): checkErr prints its text as it is and
   * exits with that code.
   */
  | { type: 'exitCode'; code: number; text: string };

/** Thrown by commands; runKubectl renders it with checkErr. */
export class CommandFailure extends Error {
  constructor(readonly failure: Failure) {
    super('kubectl command failed');
  }
}

export const failWith = {
  message: (text: string): CommandFailure => new CommandFailure({ type: 'message', text }),
  status: (status: StatusError): CommandFailure => new CommandFailure({ type: 'status', status }),
};

/** cmdutil.UsageErrorf: the message plus a pointer at the command's help. */
export function usageError(cmdPath: string, text: string): CommandFailure {
  return failWith.message(`${text}\nSee '${cmdPath} -h' for help and examples`);
}

export function aggregate(errors: Failure[]): Failure | undefined {
  if (errors.length === 0) return undefined;
  return { type: 'aggregate', errors };
}

/** cmdutil.AddSourceToErr: name the manifest an API error came from. */
export function addSourceToErr(verb: string, source: string, f: Failure, server: string): Failure {
  if (!source) return f;
  if (f.type === 'status') {
    return {
      type: 'status',
      status: {
        ...f.status,
        message: `error when ${verb} ${JSON.stringify(source)}: ${f.status.message}`,
      },
    };
  }
  return {
    type: 'message',
    text: `error when ${verb} ${JSON.stringify(source)}: ${errorText(f, server)}`,
  };
}

/** What the transport reports for a failed dial, as Go's net package words it. */
export function dialError(detail: string, server: string): string {
  return detail === 'connection refused'
    ? `dial tcp ${server}: connect: connection refused`
    : detail;
}

/** err.Error(). */
export function errorText(f: Failure, server: string): string {
  switch (f.type) {
    case 'status':
      return f.status.message;
    case 'network':
      return dialError(f.detail, server);
    case 'message':
      return f.text;
    case 'exit':
      return 'exit';
    case 'exitCode':
      return f.text;
    case 'aggregate': {
      const seen: string[] = [];
      for (const e of flatten(f.errors)) {
        const t = errorText(e, server);
        if (!seen.includes(t)) seen.push(t);
      }
      return seen.length === 1 ? seen[0] : `[${seen.join(', ')}]`;
    }
  }
}

function flatten(errors: Failure[]): Failure[] {
  return errors.flatMap((e) => (e.type === 'aggregate' ? flatten(e.errors) : [e]));
}

/** StandardErrorMessage: the friendly text for API and connection errors, or undefined. */
function standardMessage(f: Failure, server: string): string | undefined {
  if (f.type === 'status') {
    const s = f.status;
    if (s.reason === 'Unauthorized')
      return `error: You must be logged in to the server (${s.message})`;
    if (s.reason) return `Error from server (${s.reason}): ${s.message}`;
    return `Error from server: ${s.message}`;
  }
  if (f.type === 'network') {
    if (f.detail.includes('connection refused')) {
      return `The connection to the server ${server} was refused - did you specify the right host or port?`;
    }
    return `Unable to connect to the server: ${f.detail}`;
  }
  return undefined;
}

function messageForError(f: Failure, server: string): string {
  return standardMessage(f, server) ?? errorText(f, server);
}

/** checkErr: the text kubectl prints to stderr before exiting 1 (always ends in a newline). */
export function renderFailure(failure: Failure, server: string): string {
  let f = failure;
  if (f.type === 'aggregate' && f.errors.length === 1) f = f.errors[0];
  if (f.type === 'exit') return '';
  if (f.type === 'exitCode') return withNewline(f.text);
  if (f.type === 'status' && f.status.reason === 'Invalid')
    return withNewline(renderInvalid(f.status));
  if (f.type === 'aggregate')
    return f.errors.map((e) => `${messageForError(e, server)}\n`).join('');
  let msg = standardMessage(f, server);
  if (msg === undefined) {
    msg = errorText(f, server);
    if (!msg.startsWith('error: ')) msg = `error: ${msg}`;
  }
  return withNewline(msg);
}

function renderInvalid(status: StatusError): string {
  const details = status.details;
  // Without details, or with neither a kind, a name nor causes, the server's message is all
  // there is (a JSON patch's failed operation: the PATCH handler's bare 422).
  if (!details) return `The request is invalid${status.message ? `: ${status.message}` : ''}`;
  let s = 'The request is invalid';
  if (details.kind || details.name)
    s = `The ${details.kind ?? ''} ${JSON.stringify(details.name ?? '')} is invalid`;
  else if (status.message && !details.causes?.length) s += `: ${status.message}`;
  const causes: string[] = [];
  for (const c of details.causes ?? []) {
    const text = `${c.field ?? ''}: ${c.message}`;
    if (!causes.includes(text)) causes.push(text);
  }
  if (causes.length === 0) return s;
  // MultilineError: one cause on the same line, several as a bulleted list (Fprintln keeps the
  // prefix's trailing space).
  if (causes.length === 1) return `${s}: ${causes[0]}\n`;
  return `${s}: \n${causes.map((c) => `* ${c}\n`).join('')}`;
}

function withNewline(s: string): string {
  return s.endsWith('\n') ? s : `${s}\n`;
}
