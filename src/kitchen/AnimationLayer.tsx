/**
 * The moving layer: recent trace entries drawn as tickets, cards, heartbeats, customers and
 * rings, at positions derived from the simulated time (never the other way round).
 *
 * React draws the set of things in flight; it re-renders only when that set changes (a new entry,
 * one arriving). In between, each animation frame sets the few attributes that move (a
 * transform, an opacity, a radius) straight from `visualAt(spec, progress)`, the same pure
 * function React's render uses, so both always agree and scrubbing simply re-derives everything.
 *
 * With reduced motion nothing travels: each recent interaction is a fading arrow from sender to
 * receiver with its mark at the receiver, so a paused or still scene still says who told whom.
 */
import { memo, useEffect, useRef, useState } from 'react';
import type { TraceEntry } from '../engine/trace';
import type { SimStoreState } from '../store';
import { useSimStore } from '../store';
import { type Active, type AnimSpec, activeSpecs, type Visual, visualAt } from './animation';
import type { Point } from './layout';
import { podAtIp } from './model';
import { useReducedMotion } from './parts';

/** Trace entries re-read when the trace moves: enough for every animation window. */
const RECENT = 400;

type Anchor = (id: string) => Point | undefined;

/** The elements of one drawing whose attributes change every frame. */
interface Parts {
  token: SVGGElement | null;
  trail: SVGPathElement | null;
  flame: SVGPathElement | null;
  ring: SVGCircleElement | null;
}

function apply(parts: Parts, v: Visual, still: boolean) {
  if (parts.ring) {
    parts.ring.setAttribute('r', v.r.toFixed(1));
    parts.ring.setAttribute('opacity', v.opacity.toFixed(3));
    return;
  }
  if (parts.token) {
    // Still cues keep the place React gave them (stacked per receiver); only their fade changes.
    if (!still) {
      parts.token.setAttribute('transform', `translate(${v.x.toFixed(1)} ${v.y.toFixed(1)})`);
    }
    parts.token.setAttribute('opacity', v.opacity.toFixed(3));
  }
  if (parts.trail) parts.trail.setAttribute('opacity', v.trailOpacity.toFixed(3));
  if (parts.flame) parts.flame.setAttribute('opacity', v.flame.toFixed(3));
}

export const AnimationLayer = memo(function AnimationLayer({
  anchors,
}: {
  anchors: Map<string, Point>;
}) {
  const store = useSimStore();
  const still = useReducedMotion();
  const [active, setActive] = useState<Active[]>([]);
  const parts = useRef(new Map<number, Parts>());
  const anchor: Anchor = (id) => anchors.get(id);

  useEffect(() => {
    const at: Anchor = (id) => anchors.get(id);
    let entries: readonly TraceEntry[] = [];
    let seenCount = -1;
    let seenVersion = -1;
    let keys = '';
    const update = (s: SimStoreState) => {
      if (s.traceCount !== seenCount || s.frame.version !== seenVersion) {
        seenCount = s.traceCount;
        seenVersion = s.frame.version;
        entries = s.traceEntries(undefined, RECENT);
      }
      const { pods, nodes } = s.frame;
      const list = activeSpecs(entries, s.nowMs, s.speed, (ip) => podAtIp(pods, ip), {
        linger: still ? 3 : 1,
        waiterDown: (node) => nodes.find((n) => n.name === node)?.proxy === 'down',
      });
      let next = '';
      for (const a of list) next += `${a.spec.key}:${a.spec.count},`;
      if (next !== keys) {
        keys = next;
        setActive(list);
        return;
      }
      for (const a of list) {
        const p = parts.current.get(a.spec.key);
        const v = p && visualAt(a, at, still);
        if (p && v) apply(p, v, still);
      }
    };
    update(store.getState());
    return store.subscribe(update);
  }, [store, anchors, still]);

  const register = (key: number) => (el: SVGGElement | null) => {
    if (!el) {
      parts.current.delete(key);
      return;
    }
    parts.current.set(key, {
      token: el.querySelector<SVGGElement>('.token-at'),
      trail: el.querySelector<SVGPathElement>('.trail'),
      flame: el.querySelector<SVGPathElement>('.flame'),
      ring: el.querySelector<SVGCircleElement>('.ring'),
    });
  };

  // Cues for the same receiver stack upwards instead of covering each other: still cues whole,
  // moving ones by their labels (two CRI calls at one stove would print over each other).
  const stacked = new Map<string, number>();
  return (
    <g className={`anim-layer${still ? ' still' : ''}`} pointerEvents="none">
      {active.map((a) => {
        const n = stacked.get(a.spec.to) ?? 0;
        if (a.spec.shape !== 'ping' && a.spec.shape !== 'flash') {
          stacked.set(a.spec.to, n + 1);
        }
        return (
          <Drawing
            key={a.spec.key}
            a={a}
            anchor={anchor}
            still={still}
            stack={n}
            ref={register(a.spec.key)}
          />
        );
      })}
    </g>
  );
});

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

function Drawing({
  a,
  anchor,
  still,
  stack,
  ref,
}: {
  a: Active;
  anchor: Anchor;
  still: boolean;
  /** How many cues for the same receiver come before this one. */
  stack: number;
  ref: (el: SVGGElement | null) => void;
}) {
  const { spec } = a;
  const v = visualAt(a, anchor, still);
  if (!v) return null;
  const cls = `anim shape-${spec.shape} tone-${spec.tone}${still ? ' still-cue' : ''}`;
  if (spec.shape === 'ping' || spec.shape === 'flash') {
    return (
      <g className={cls} ref={ref}>
        <circle
          className="ring"
          cx={v.x}
          cy={v.y}
          r={v.r}
          opacity={v.opacity}
          strokeWidth={spec.shape === 'flash' ? 5 : 3}
          strokeDasharray={still ? '5 4' : undefined}
        />
      </g>
    );
  }
  const path = trail(spec, anchor);
  const stove =
    spec.kind === 'cri' && spec.from.startsWith('kubelet/') ? anchor(spec.to) : undefined;
  return (
    <g className={cls} ref={ref}>
      {path && (
        <path
          className={`trail${still ? ' still' : ''}`}
          d={path}
          opacity={v.trailOpacity}
          markerEnd={still ? 'url(#kk-arrow)' : undefined}
        />
      )}
      {stove && !still && (
        <path
          className="flame"
          d={`M${stove.x} ${stove.y + 30}c-7-4-7-11-1-16 0 4 3 5 4 5 0-4 2-7 5-9-1 6 4 8 3 14-1 4-6 6-11 6Z`}
          opacity={v.flame}
        />
      )}
      <g
        className="token-at"
        transform={`translate(${v.x} ${v.y - (still ? Math.min(stack, 3) * 18 : 0)})`}
        opacity={v.opacity}
      >
        <Token spec={spec} labelLift={still ? 0 : Math.min(stack, 3)} />
      </g>
    </g>
  );
}

/** The thing that travels, drawn at the origin. */
export function Token({ spec, labelLift = 0 }: { spec: AnimSpec; labelLift?: number }) {
  const label = spec.count > 1 ? `${spec.label ? `${spec.label} ` : ''}×${spec.count}` : spec.label;
  const labelText = label ? (
    <text className="token-label" x={12} y={-6 - 13 * labelLift}>
      {label}
    </text>
  ) : null;
  switch (spec.shape) {
    case 'ticket':
      return (
        <>
          <path className="token" d="M-9-12h18v24l-3-2-3 2-3-2-3 2-3-2-3 2Z" />
          <path className="token-ink" d="M-5-6h10M-5-1h10M-5 4h6" />
          {labelText}
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
          {labelText}
        </>
      );
    case 'dot':
      return (
        <>
          <circle className="token" r={4.5} />
          {labelText}
        </>
      );
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
          {labelText}
        </>
      );
    default:
      return null;
  }
}
