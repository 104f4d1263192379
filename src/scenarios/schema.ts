/**
 * Walkthroughs as data (see README.md). Nothing here runs: the runner (runner.ts) plays a
 * Walkthrough on the engine and the matchers (matchers.ts) check what each step claims.
 */
import type { TraceKind } from '../engine';
import type { WalkthroughMessageKey } from '../i18n/walkthroughs.en';

export type { WalkthroughMessageKey };

export type ProxyMode = 'iptables' | 'ipvs';

/** The cluster a walkthrough (or a fresh-cluster step) starts from. */
export interface ClusterSpec {
  workers: number;
  proxy: ProxyMode;
  seed: number;
}

/**
 * An API object: `KIND/NAMESPACE/NAME` or `KIND/NAME` for cluster-scoped kinds, kinds in lower
 * case (`pod/default/nginx`, `node/worker-1`, `endpointslice/default/web-*`). A trailing `*`
 * matches any name with that prefix; a namespaced kind without a namespace (`pod/*`) matches in
 * every namespace; `{var}` is replaced by a walkthrough variable.
 */
export type ObjectRef = string;

/**
 * A path into an object: dot-separated fields, `[type=Ready]` picks the array element whose
 * field equals the value, `[0]` an index, `["kubernetes.io/hostname"]` a map key with dots,
 * and a final `length` counts an array.
 */
export type FieldPath = string;

export type Scalar = string | number | boolean | null;

/** One test on a field of an object: one of equals / notEquals / exists / empty / includes. */
export interface FieldTest {
  path: FieldPath;
  equals?: Scalar;
  notEquals?: Scalar;
  /** true: the field is present (not undefined); false: it is absent. */
  exists?: boolean;
  /** true: absent, null, '', [] or {}; false: anything else. */
  empty?: boolean;
  /** The field's value as text contains this. */
  includes?: string;
}

/** Fields a trace entry must have (all given ones). `object` may end in `*`. */
export interface TraceMatch {
  kind?: TraceKind;
  from?: string;
  to?: string;
  object?: string;
  summaryIncludes?: string;
  error?: boolean;
}

/**
 * A declarative check against the simulation after a step (or, in `until`, while time
 * advances). For a name ending in `*`, `field` and `condition` hold when some matching
 * object satisfies them.
 */
export type Matcher =
  /** Some trace entry recorded during this step matches (atLeast: that many). */
  | { trace: TraceMatch; atLeast?: number }
  /** No trace entry recorded during this step matches. */
  | { noTrace: TraceMatch }
  /** A field of an object. */
  | { field: FieldTest & { object: ObjectRef } }
  /** A status condition of an object (`status.conditions[type=T]`). */
  | {
      condition: {
        object: ObjectRef;
        type: string;
        status: 'True' | 'False' | 'Unknown';
        reason?: string;
      };
    }
  /** An Event about the object exists (any time so far). */
  | {
      event: {
        object: ObjectRef;
        reason: string;
        type?: 'Normal' | 'Warning';
        messageIncludes?: string;
      };
    }
  /** How many objects match `objects` and every `where` test. */
  | {
      count: {
        objects: ObjectRef;
        where?: FieldTest[];
        equals?: number;
        atLeast?: number;
        atMost?: number;
      };
    }
  /** The text this step's commands printed (its transcript). */
  | { output: { includes?: string; excludes?: string } }
  /** Simulated time since the step began. */
  | { elapsed: { atLeastMs?: number; atMostMs?: number } };

/**
 * A value read from the cluster, for `{name}` placeholders in commands, object refs and
 * narration. The first object (by name) matching `object` and `where` gives the value at
 * `path`. Once a variable has a value it keeps it for the rest of the walkthrough.
 */
export interface VarRef {
  object: ObjectRef;
  where?: FieldTest[];
  path: FieldPath;
}

export interface Step {
  /** URL slug, unique within the walkthrough. */
  id: string;
  narrationKey: WalkthroughMessageKey;
  /**
   * Start this step on a fresh cluster (a scene change): the runner replaces the simulation's
   * state with a newly booted cluster, runs `setup`, then the step's commands.
   */
  freshCluster?: { cluster: ClusterSpec; setup: string[] };
  /** Lab lines (kubectl …, wait, break, repair, crash, request, proxy-rules, join); `{var}` allowed. */
  commands: string[];
  /** After the commands, let simulated time pass until every matcher holds. */
  until?: Matcher[];
  /** Longest simulated wait for `until` (default 60 s); not reaching it is a failure. */
  maxWaitMs?: number;
  /** What the narration claims; every one must hold after the step. */
  expect: Matcher[];
  /** Scene ids: trace actors (`kubelet/worker-1`, `kube-apiserver`…) or object refs. */
  highlight: string[];
  /** The real object and fields this step changes, shown before → after. */
  diff?: { object: ObjectRef; paths: FieldPath[] };
  /** What to type on a real cluster to see it. */
  kubectl?: string;
  /** Predict-then-observe: asked before the step runs. */
  predict?: {
    questionKey: WalkthroughMessageKey;
    choices: { key: WalkthroughMessageKey; correct: boolean }[];
  };
  /** "Where the metaphor bends". */
  bendsKey?: WalkthroughMessageKey;
}

export interface Walkthrough {
  /** URL slug: `?walkthrough=pod-creation`. */
  id: string;
  titleKey: WalkthroughMessageKey;
  summaryKey: WalkthroughMessageKey;
  cluster: ClusterSpec;
  /** Lab lines run before step 1 (the learner starts from here). */
  setup: string[];
  /** Manifests `kubectl apply -f PATH` reads, by path (the runner does no I/O). */
  files?: Record<string, string>;
  vars?: Record<string, VarRef>;
  steps: Step[];
}
