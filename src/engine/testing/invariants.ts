/**
 * Safety invariants of the simulation: properties that hold after every event, whatever was
 * broken or typed. The fuzzer (fuzz.ts) checks them after every command and while time passes;
 * anything reported here is an engine bug, never a consequence of the scenario.
 *
 * Some invariants compare two moments (a binding never changes, a resourceVersion never goes
 * back), so the checker returns a memo to pass to the next call. The memo is plain data.
 */
import type { KObject } from '../api/types';
import { normalizeImage } from '../model/images';
import type { Simulation } from '../sim/simulation';

export interface InvariantMemo {
  /** Trace entries up to this seq were checked already (-1: none). */
  traceSeq: number;
  /** Clock and etcd revision at the last check. */
  nowMs: number;
  revision: number;
  /** Pod uid → the node it was first seen bound to. */
  boundNode: Record<string, string>;
  /** Object uid → highest resourceVersion seen. */
  rvByUid: Record<string, number>;
  /** Pod uids seen with a deletionTimestamp: it can never be taken back. */
  deleting: Record<string, true>;
  /** Pod uids that existed and then disappeared from etcd: they can never come back. */
  gonePods: Record<string, true>;
  /** Pod uids present at the last check (to notice disappearances). */
  livePods: Record<string, true>;
}

export function emptyMemo(): InvariantMemo {
  return {
    traceSeq: -1,
    nowMs: 0,
    revision: 0,
    boundNode: {},
    rvByUid: {},
    deleting: {},
    gonePods: {},
    livePods: {},
  };
}

export interface InvariantResult {
  violations: string[];
  memo: InvariantMemo;
}

export function checkInvariants(sim: Simulation, previous?: InvariantMemo): InvariantResult {
  const memo: InvariantMemo = previous ? structuredClone(previous) : emptyMemo();
  const out: string[] = [];
  const s = sim.state;

  checkClockAndQueue(sim, memo, out);
  checkTrace(sim, memo, out);
  checkResourceVersions(sim, memo, out);
  const podsByUid = checkPods(sim, memo, out);
  checkRuntimes(sim, podsByUid, out);

  memo.nowMs = s.nowMs;
  memo.revision = s.etcd.revision;
  return { violations: out, memo };
}

function checkClockAndQueue(sim: Simulation, memo: InvariantMemo, out: string[]): void {
  const s = sim.state;
  if (s.nowMs < memo.nowMs) out.push(`clock went back: nowMs ${s.nowMs} < ${memo.nowMs}`);
  const q = s.queue;
  for (let i = 0; i < q.length; i++) {
    const item = q[i];
    if (item.atMs < s.nowMs) {
      out.push(
        `event queue: ${item.msg.t} (seq ${item.seq}) is due at ${item.atMs} ms, before now (${s.nowMs} ms)`,
      );
      break;
    }
    // The heap order is what makes (atMs, seq) delivery order hold; a broken heap reorders events.
    if (i > 0) {
      const parent = q[(i - 1) >> 1];
      if (parent.atMs > item.atMs || (parent.atMs === item.atMs && parent.seq > item.seq)) {
        out.push(`event queue: heap order broken at index ${i} (${item.msg.t})`);
        break;
      }
    }
    if (item.seq >= s.nextSeq) {
      out.push(`event queue: seq ${item.seq} not below nextSeq ${s.nextSeq}`);
      break;
    }
  }
}

function checkTrace(sim: Simulation, memo: InvariantMemo, out: string[]): void {
  const s = sim.state;
  // In order of seq even once the trace ring has wrapped.
  const trace = (s.traceHead ?? 0) === 0 ? s.trace : sim.traceEntries();
  // Only entries added since the last check: walk back from the end.
  let start = trace.length;
  while (start > 0 && trace[start - 1].seq > memo.traceSeq) start--;
  let prevSeq = start > 0 ? trace[start - 1].seq : memo.traceSeq;
  let prevTime = start > 0 ? trace[start - 1].timeMs : -Infinity;
  for (let i = start; i < trace.length; i++) {
    const e = trace[i];
    if (e.kind === 'etcd' && e.from !== 'kube-apiserver')
      out.push(`etcd written by ${e.from}, not kube-apiserver (trace seq ${e.seq}: ${e.summary})`);
    if (e.seq <= prevSeq) out.push(`trace seq not increasing: ${e.seq} after ${prevSeq}`);
    if (e.timeMs < prevTime)
      out.push(`trace time went back: seq ${e.seq} at ${e.timeMs} ms after ${prevTime} ms`);
    if (e.timeMs > s.nowMs)
      out.push(`trace entry seq ${e.seq} is in the future (${e.timeMs} > ${s.nowMs} ms)`);
    prevSeq = e.seq;
    prevTime = e.timeMs;
  }
  if (trace.length > 0) memo.traceSeq = Math.max(memo.traceSeq, trace[trace.length - 1].seq);
  if (s.traceSeq <= memo.traceSeq && trace.length > 0)
    out.push(`traceSeq ${s.traceSeq} not above the last entry's seq ${memo.traceSeq}`);
}

function checkResourceVersions(sim: Simulation, memo: InvariantMemo, out: string[]): void {
  const etcd = sim.state.etcd;
  if (etcd.revision < memo.revision)
    out.push(`etcd revision went back: ${etcd.revision} < ${memo.revision}`);
  for (const [resource, objects] of Object.entries(etcd.data)) {
    for (const [key, obj] of Object.entries(objects)) {
      const rvText = obj.metadata?.resourceVersion;
      const rv = Number(rvText);
      if (!Number.isInteger(rv) || rv <= 0) {
        out.push(`${resource}/${key}: resourceVersion ${JSON.stringify(rvText)} is not a revision`);
        continue;
      }
      if (rv > etcd.revision)
        out.push(`${resource}/${key}: resourceVersion ${rv} above etcd revision ${etcd.revision}`);
      const uid = obj.metadata.uid as string | undefined;
      if (!uid) continue;
      const seen = memo.rvByUid[uid];
      if (seen !== undefined && rv < seen)
        out.push(`${resource}/${key}: resourceVersion went back from ${seen} to ${rv}`);
      if (seen === undefined || rv > seen) memo.rvByUid[uid] = rv;
    }
  }
}

function checkPods(sim: Simulation, memo: InvariantMemo, out: string[]): Map<string, KObject> {
  const byUid = new Map<string, KObject>();
  const nodes = sim.state.etcd.data.nodes ?? {};
  const live: Record<string, true> = {};
  for (const [key, pod] of Object.entries(sim.state.etcd.data.pods ?? {})) {
    const uid = pod.metadata.uid as string;
    byUid.set(uid, pod);
    live[uid] = true;
    if (memo.gonePods[uid]) out.push(`pod ${key} (uid ${uid}) came back after it was deleted`);
    const nodeName = pod.spec?.nodeName as string | undefined;
    const first = memo.boundNode[uid];
    if (first !== undefined && nodeName !== first)
      out.push(`pod ${key}: spec.nodeName changed from ${first} to ${nodeName ?? '(none)'}`);
    if (nodeName && first === undefined) memo.boundNode[uid] = nodeName;
    if (pod.metadata.deletionTimestamp) memo.deleting[uid] = true;
    else if (memo.deleting[uid]) out.push(`pod ${key}: deletionTimestamp was taken away`);
    if (pod.status?.phase === 'Running' && (!nodeName || !nodes[nodeName]))
      out.push(`pod ${key} is Running on node ${nodeName ?? '(none)'}, which does not exist`);
  }
  for (const uid of Object.keys(memo.livePods)) if (!live[uid]) memo.gonePods[uid] = true;
  memo.livePods = live;
  return byUid;
}

function checkRuntimes(sim: Simulation, podsByUid: Map<string, KObject>, out: string[]): void {
  const s = sim.state;
  const runsOn = new Map<string, string>();
  const nodeIps = new Set(Object.values(s.nodes).map((n) => n.ip));
  const ipOwner = new Map<string, string>();
  for (const name of s.nodeNames) {
    const node = s.nodes[name];
    const rt = node.runtime;
    const liveUids = new Set<string>();
    for (const [uid, sb] of Object.entries(rt.sandboxes)) {
      liveUids.add(uid);
      if (sb.podUid !== uid) out.push(`${name}: sandbox under uid ${uid} belongs to ${sb.podUid}`);
      // hostNetwork pods share their node's IP by design.
      if (nodeIps.has(sb.ip)) continue;
      const other = ipOwner.get(sb.ip);
      if (other)
        out.push(`pod IP ${sb.ip} held by two live sandboxes: ${other} and ${uid} on ${name}`);
      else ipOwner.set(sb.ip, `${uid} on ${name}`);
    }
    for (const c of Object.values(rt.containers)) {
      if (c.state === 'exited') continue;
      liveUids.add(c.podUid);
      // A container is made from an image its node holds (pulled, or there from the start).
      if (!rt.images[normalizeImage(c.image)])
        out.push(
          `${name}: container ${c.name} of pod uid ${c.podUid} runs ${c.image}, not on the node`,
        );
      // A container lives inside its pod's sandbox (the pause container's namespaces).
      const sb = rt.sandboxes[c.podUid];
      if (!sb || sb.id !== c.sandboxId)
        out.push(
          `${name}: container ${c.name} of pod uid ${c.podUid} is ${c.state} without its sandbox`,
        );
    }
    if (!node.up && liveUids.size > 0)
      out.push(`${name} is powered off but its runtime still holds ${liveUids.size} pod(s)`);
    for (const uid of liveUids) {
      const other = runsOn.get(uid);
      if (other)
        out.push(`pod uid ${uid} has live containers or sandboxes on ${other} and ${name}`);
      else runsOn.set(uid, name);
      const pod = podsByUid.get(uid);
      const bound = pod?.spec?.nodeName;
      if (pod && bound !== name)
        out.push(
          `${name} runs pod ${pod.metadata.namespace}/${pod.metadata.name}, which is bound to ${bound ?? '(no node)'}`,
        );
    }
  }
}
