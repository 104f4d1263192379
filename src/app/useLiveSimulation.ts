// The app's only doorway into the engine. Views read the simulation through this hook.

import type { Node, Pod } from 'kubernetes-types/core/v1';
import { useCallback, useEffect, useReducer, useState } from 'react';
import { createSimulation, podStatusReason, runLabLine, type TraceEntry } from '../engine';

/** Simulated milliseconds per real millisecond while playing. */
const SPEED = 1;
/** Longest real-time step taken in one frame (e.g. after the tab was hidden). */
const MAX_FRAME_MS = 1_000;
/** How many of the newest trace entries the page lists. */
const TRACE_SHOWN = 12;
/** Re-render granularity of the clock, in simulated milliseconds. */
const RENDER_STEP_MS = 100;

export type Simulation = ReturnType<typeof createSimulation>;

export interface LiveSimulation {
  nowMs: number;
  playing: boolean;
  setPlaying: (playing: boolean) => void;
  nodes: Node[];
  pods: Pod[];
  transcript: string;
  /** The newest trace entries (every interaction between components). */
  trace: TraceEntry[];
  runLine: (line: string) => void;
}

export function useLiveSimulation(): LiveSimulation {
  const [sim] = useState<Simulation>(() => createSimulation({ workers: 2 }));
  const [playing, setPlaying] = useState(true);
  const [transcript, setTranscript] = useState('');
  // The simulation is mutable; bump a counter whenever it changed so the view re-reads it.
  const [, refresh] = useReducer((n: number) => n + 1, 0);

  useEffect(() => {
    if (!playing) return;
    let raf = 0;
    let last: number | null = null;
    let shownStep = Math.floor(sim.nowMs() / RENDER_STEP_MS);
    const frame = (t: number) => {
      const dt = last === null ? 0 : Math.min(t - last, MAX_FRAME_MS);
      last = t;
      if (dt > 0) sim.advanceBy(dt * SPEED);
      const step = Math.floor(sim.nowMs() / RENDER_STEP_MS);
      if (step !== shownStep) {
        shownStep = step;
        refresh();
      }
      raf = requestAnimationFrame(frame);
    };
    raf = requestAnimationFrame(frame);
    return () => cancelAnimationFrame(raf);
  }, [playing, sim]);

  const runLine = useCallback(
    (line: string) => {
      let out: string;
      try {
        const result = runLabLine(line, { host: sim });
        out = result.skipped ? '' : `$ ${line.trim()}\n${result.output}`;
      } catch (err) {
        out = `$ ${line}\nerror: ${err instanceof Error ? err.message : String(err)}\n`;
      }
      setTranscript((prev) => (prev && !prev.endsWith('\n') ? `${prev}\n${out}` : prev + out));
      refresh();
    },
    [sim],
  );

  return {
    nowMs: sim.nowMs(),
    playing,
    setPlaying,
    nodes: sortByKey(sim.listNodes()),
    pods: sortByKey(sim.listPods()),
    trace: sim.traceTail(TRACE_SHOWN),
    transcript,
    runLine,
  };
}

/** `kubectl get nodes` STATUS column, as displayed. */
export function nodeStatus(node: Node): string {
  const ready = node.status?.conditions?.find((c) => c.type === 'Ready');
  const base = ready?.status === 'True' ? 'Ready' : ready ? 'NotReady' : 'Unknown';
  return node.spec?.unschedulable ? `${base},SchedulingDisabled` : base;
}

/** `kubectl get nodes` ROLES column, as displayed. */
export function nodeRoles(node: Node): string {
  const prefix = 'node-role.kubernetes.io/';
  const roles = Object.keys(node.metadata?.labels ?? {})
    .filter((k) => k.startsWith(prefix))
    .map((k) => k.slice(prefix.length))
    .filter(Boolean)
    .sort();
  return roles.length ? roles.join(',') : '<none>';
}

/** Pod STATUS column, exactly as `kubectl get pods` prints it (the engine's printer logic). */
export function podStatus(pod: Pod, nowMs: number): string {
  return podStatusReason(pod, nowMs);
}

function sortByKey<T extends { metadata?: { namespace?: string; name?: string } }>(
  items: T[],
): T[] {
  const key = (o: T) => `${o.metadata?.namespace ?? ''}/${o.metadata?.name ?? ''}`;
  return [...items].sort((a, b) => (key(a) < key(b) ? -1 : key(a) > key(b) ? 1 : 0));
}
