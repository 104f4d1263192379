/**
 * The moving layer: recent trace entries drawn as tickets, cards, heartbeats, customers and
 * rings, at positions derived from the simulated time (never the other way round). It is the
 * only part of the scene that re-renders every frame; everything else waits for the frame.
 *
 * With reduced motion nothing travels: each recent interaction is a fading arrow from sender to
 * receiver with its mark at the receiver, so a paused or still scene still says who told whom.
 */
import { memo, useMemo } from 'react';
import { useSim, useSimStore } from '../store';
import { type Active, type AnimSpec, activeSpecs, positionAt } from './animation';
import type { Point } from './layout';
import { podAtIp } from './model';
import { useReducedMotion } from './parts';

/** Trace entries re-read when the trace moves: enough for every animation window. */
const RECENT = 400;

export const AnimationLayer = memo(function AnimationLayer({
  anchors,
}: {
  anchors: Map<string, Point>;
}) {
  const store = useSimStore();
  const nowMs = useSim((s) => s.nowMs);
  const speed = useSim((s) => s.speed);
  const traceCount = useSim((s) => s.traceCount);
  const version = useSim((s) => s.frame.version);
  const pods = useSim((s) => s.frame.pods);
  const reduced = useReducedMotion();
  // biome-ignore lint/correctness/useExhaustiveDependencies: re-read when the trace or the branch changes
  const entries = useMemo(
    () => store.getState().traceEntries(undefined, RECENT),
    [store, traceCount, version],
  );
  const active = activeSpecs(entries, nowMs, speed, (ip) => podAtIp(pods, ip), {
    linger: reduced ? 3 : 1,
  });
  const anchor = (id: string) => anchors.get(id);
  return (
    <g className={`anim-layer${reduced ? ' still' : ''}`} aria-hidden="true" pointerEvents="none">
      {active.map((a) =>
        reduced ? (
          <StillCue key={a.spec.key} a={a} anchor={anchor} />
        ) : (
          <Moving key={a.spec.key} a={a} anchor={anchor} />
        ),
      )}
    </g>
  );
});

type Anchor = (id: string) => Point | undefined;

function trail(spec: AnimSpec, anchor: Anchor): string | null {
  const a = anchor(spec.from);
  const b = anchor(spec.to);
  if (!a || !b) return null;
  const v = spec.via ? anchor(spec.via) : undefined;
  if (spec.bounce) {
    const end = v ?? b;
    const reach = v ? 1 : 0.6;
    return `M${a.x} ${a.y}L${a.x + (end.x - a.x) * reach} ${a.y + (end.y - a.y) * reach}`;
  }
  return v ? `M${a.x} ${a.y}L${v.x} ${v.y}L${b.x} ${b.y}` : `M${a.x} ${a.y}L${b.x} ${b.y}`;
}

function Moving({ a, anchor }: { a: Active; anchor: Anchor }) {
  const { spec, progress: p } = a;
  const cls = `anim shape-${spec.shape} tone-${spec.tone}`;
  if (spec.shape === 'ping' || spec.shape === 'flash') {
    const at = anchor(spec.to);
    if (!at) return null;
    const big = spec.shape === 'flash' ? 70 : 30;
    return (
      <circle
        className={cls}
        cx={at.x}
        cy={at.y}
        r={10 + big * p}
        opacity={Math.max(0, 1 - p)}
        strokeWidth={spec.shape === 'flash' ? 5 : 3}
      />
    );
  }
  const pos = positionAt(spec, p, anchor);
  if (!pos) return null;
  const path = trail(spec, anchor);
  const fade = p < 0.1 ? p * 10 : p > 0.85 ? (1 - p) / 0.15 : 1;
  const stove =
    spec.kind === 'cri' && spec.from.startsWith('kubelet/') ? anchor(spec.to) : undefined;
  return (
    <g className={cls}>
      {path && <path className="trail" d={path} opacity={0.35 * fade} />}
      {stove && p > 0.45 && <Flame at={stove} strength={1 - (p - 0.45) / 0.55} />}
      <g transform={`translate(${pos.x} ${pos.y})`} opacity={fade}>
        <Token spec={spec} />
      </g>
    </g>
  );
}

/** A flame under the stoves while a CRI call is served. */
function Flame({ at, strength }: { at: Point; strength: number }) {
  return (
    <path
      className="flame"
      d={`M${at.x} ${at.y + 30}c-7-4-7-11-1-16 0 4 3 5 4 5 0-4 2-7 5-9-1 6 4 8 3 14-1 4-6 6-11 6Z`}
      opacity={Math.max(0, strength)}
    />
  );
}

/** The thing that travels, drawn at the origin. */
function Token({ spec }: { spec: AnimSpec }) {
  switch (spec.shape) {
    case 'ticket':
      return (
        <>
          <path className="token" d="M-9-12h18v24l-3-2-3 2-3-2-3 2-3-2-3 2Z" />
          <path className="token-ink" d="M-5-6h10M-5-1h10M-5 4h6" />
          {spec.label && (
            <text className="token-label" x={12} y={-6}>
              {spec.label}
            </text>
          )}
        </>
      );
    case 'card':
      return (
        <>
          <rect className="token" x={-10} y={-7} width={20} height={14} rx={3} />
          {spec.error ? (
            <path className="token-ink" d="M-3-3 3 3M3-3-3 3" />
          ) : (
            <path className="token-ink" d="M-6-2h12M-6 2h8" />
          )}
          {spec.label && (
            <text className="token-label" x={13} y={-5}>
              {spec.label}
            </text>
          )}
        </>
      );
    case 'dot':
      return <circle className="token" r={4.5} />;
    case 'heart':
      return (
        <path
          className="token"
          d="M0 7C-6 2-9-1-9-4a4.5 4.5 0 0 1 9-1 4.5 4.5 0 0 1 9 1c0 3-3 6-9 11Z"
        />
      );
    case 'customer':
      return (
        <>
          <circle className="token" cy={-7} r={4} />
          <path className="token" d="M-7 8v-2a7 6 0 0 1 14 0v2Z" />
        </>
      );
    default:
      return null;
  }
}

/** Reduced motion: a fading arrow from sender to receiver, its mark at the receiver. */
function StillCue({ a, anchor }: { a: Active; anchor: Anchor }) {
  const { spec, progress: p } = a;
  const cls = `anim still-cue shape-${spec.shape} tone-${spec.tone}`;
  const opacity = Math.max(0.15, 1 - p);
  if (spec.shape === 'ping' || spec.shape === 'flash') {
    const at = anchor(spec.to);
    if (!at) return null;
    return (
      <circle
        className={cls}
        cx={at.x}
        cy={at.y}
        r={spec.shape === 'flash' ? 44 : 26}
        opacity={opacity}
        strokeWidth={3}
        strokeDasharray="5 4"
      />
    );
  }
  const path = trail(spec, anchor);
  const end = spec.bounce ? positionAt(spec, 0.5, anchor) : anchor(spec.to);
  if (!path || !end) return null;
  return (
    <g className={cls} opacity={opacity}>
      <path className="trail still" d={path} markerEnd="url(#kk-arrow)" />
      <g transform={`translate(${end.x} ${end.y - 18})`}>
        <Token spec={spec} />
      </g>
    </g>
  );
}
