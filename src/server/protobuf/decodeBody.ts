/**
 * A request body in Kubernetes' protobuf encoding (`application/vnd.kubernetes.protobuf`, what
 * client-go's typed clients and so kubectl's create, run, expose and drain send) turned into the
 * object the JSON serializer would have produced for it, as the API server's protobuf serializer
 * reads it (apimachinery pkg/runtime/serializer/protobuf/protobuf.go): the magic `k8s\0`, then a
 * runtime.Unknown whose typeMeta names the kind and whose raw is that kind's message. A missing
 * apiVersion or kind is taken from the endpoint's, as the serializer's copyKindDefaults does.
 * Errors carry the API server's words (handlers/rest.go transformDecodeError).
 */
import { messageJson, readMessage } from './message';
import { PROTO_KINDS } from './schema.generated';
import { type FlatLayout, ProtoError, readFlat, WireReader } from './wire';

export const PROTOBUF_CONTENT_TYPE = 'application/vnd.kubernetes.protobuf';

/** protobuf.go's protoEncodingPrefix: "k8s" and the encoding style 0 (a runtime.Unknown). */
const PREFIX = Buffer.from([0x6b, 0x38, 0x73, 0x00]);

const UNKNOWN: FlatLayout = {
  1: { kind: 'bytes', go: 'TypeMeta' },
  2: { kind: 'bytes', go: 'Raw' },
  3: { kind: 'string', go: 'ContentEncoding' },
  4: { kind: 'string', go: 'ContentType' },
};
const TYPE_META: FlatLayout = {
  1: { kind: 'string', go: 'APIVersion' },
  2: { kind: 'string', go: 'Kind' },
};

/** kube-apiserver's scheme, as its "not registered" errors name it. */
const SCHEME = 'pkg/api/legacyscheme/scheme.go:30';

/** The kind the endpoint decodes into: its apiVersion and kind fill a body's missing ones. */
export interface ProtobufTarget {
  apiVersion: string;
  kind: string;
}

export type ProtobufDecoded =
  | { ok: true; object: Record<string, unknown> }
  /** `message`: the API server's sentence for a create or update; `cause`: the decoder's error. */
  | { ok: false; message: string; cause: string };

interface Gvk {
  group: string;
  version: string;
  kind: string;
}

type Step = { ok: true; object: Record<string, unknown> } | { ok: false; error: string; gvk?: Gvk };

/**
 * Decodes `body`. With `into` (the endpoint's kind), a failure's message is the whole sentence
 * the API server answers a create or update with (handlers/rest.go transformDecodeError);
 * without it, the decoder's own error, its `cause` either way.
 */
export function decodeProtobufBody(body: Buffer, into?: ProtobufTarget): ProtobufDecoded {
  let step: Step;
  try {
    step = decode(body, into);
  } catch (e) {
    // A bug here must not take the server down: the body is refused instead.
    step = { ok: false, error: e instanceof Error ? e.message : String(e) };
  }
  if (step.ok) return step;
  const cause = step.error;
  if (!into) return { ok: false, message: cause, cause };
  const target = into.kind;
  if (step.gvk?.kind)
    return {
      ok: false,
      message: `${step.gvk.kind} in version ${JSON.stringify(step.gvk.version)} cannot be handled as a ${target}: ${cause}`,
      cause,
    };
  return {
    ok: false,
    message: `the object provided is unrecognized (must be of type ${target}): ${cause} (${summarizeData(body, 30)})`,
    cause,
  };
}

function decode(body: Buffer, into: ProtobufTarget | undefined): Step {
  if (body.length === 0) return { ok: false, error: 'empty data' };
  if (body.length < PREFIX.length || !body.subarray(0, PREFIX.length).equals(PREFIX))
    return {
      ok: false,
      error:
        'provided data does not appear to be a protobuf message, expected prefix [107 56 115 0]',
    };
  if (body.length === PREFIX.length) return { ok: false, error: 'empty body' };

  let apiVersion = '';
  let kind = '';
  let raw: Buffer;
  try {
    const r = new WireReader(body, PREFIX.length);
    const unknown = readFlat(r, body.length, 'Unknown', UNKNOWN);
    const typeMeta = unknown[1] as Buffer | undefined;
    if (typeMeta) {
      const t = readFlat(new WireReader(typeMeta), typeMeta.length, 'TypeMeta', TYPE_META);
      apiVersion = (t[1] as string | undefined) ?? '';
      kind = (t[2] as string | undefined) ?? '';
    }
    raw = (unknown[2] as Buffer | undefined) ?? Buffer.alloc(0);
  } catch (e) {
    if (e instanceof ProtoError) return { ok: false, error: e.message };
    throw e;
  }

  const typeMeta = `runtime.TypeMeta{APIVersion:${JSON.stringify(apiVersion)}, Kind:${JSON.stringify(kind)}}`;
  const gvk = parseGvk(apiVersion, kind);
  if (into) {
    const d = parseGvk(into.apiVersion, into.kind);
    if (!gvk.kind) gvk.kind = d.kind;
    if (!gvk.version && d.version) {
      gvk.group = d.group;
      gvk.version = d.version;
    }
  }
  if (!gvk.kind) return { ok: false, error: `Object 'Kind' is missing in '${typeMeta}'`, gvk };
  if (!gvk.version)
    return { ok: false, error: `Object 'apiVersion' is missing in '${typeMeta}'`, gvk };
  const groupVersion = gvk.group ? `${gvk.group}/${gvk.version}` : gvk.version;
  const message = PROTO_KINDS[`${groupVersion}/${gvk.kind}`];
  if (!message)
    return {
      ok: false,
      error: `no kind ${JSON.stringify(gvk.kind)} is registered for version ${JSON.stringify(groupVersion)} in scheme ${JSON.stringify(SCHEME)}`,
      gvk,
    };
  try {
    const slots = readMessage(new WireReader(raw), raw.length, message);
    // TypeMeta is inline and first in every kind: kind, then apiVersion.
    return {
      ok: true,
      object: messageJson(message, slots, { kind: gvk.kind, apiVersion: groupVersion }),
    };
  } catch (e) {
    if (e instanceof ProtoError) return { ok: false, error: e.message, gvk };
    throw e;
  }
}

/** schema.FromAPIVersionAndKind: an apiVersion that does not parse counts as none. */
function parseGvk(apiVersion: string, kind: string): Gvk {
  const parts = apiVersion.split('/');
  if (apiVersion === '') return { group: '', version: '', kind };
  if (parts.length === 1) return { group: '', version: parts[0], kind };
  if (parts.length === 2) return { group: parts[0], version: parts[1], kind };
  return { group: '', version: '', kind };
}

/** handlers/rest.go's summarizeData: the body's start, as text if it looks like JSON, else hex. */
function summarizeData(data: Buffer, maxLength: number): string {
  if (data.length === 0) return '<empty>';
  const cut = data.length > maxLength;
  const head = data.subarray(0, maxLength);
  const text = data[0] === 0x7b ? head.toString('utf8') : head.toString('hex');
  return cut ? `${text} ...` : text;
}
