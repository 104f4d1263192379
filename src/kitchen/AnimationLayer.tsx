/**
 * The moving layer: recent trace entries drawn as tickets, cards, heartbeats, customers and
 * rings, at positions derived from the simulated time (never the other way round). Tokens carry
 * no words but a bundle's count: what a message says goes in the scene's one caption line (kept
 * up to date here, straight on its element) and in the token's tooltip.
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
import type { LabelMode, ViewState } from '../store';
import { useSimStore } from '../store';
import {
  type Active,
  type AnimSpec,
  activeSpecs,
  countsShown,
  pathOf,
  type Route,
  type Visual,
  visualAt,
} from './animation';
import { captionPick, captionText } from './caption';
import type { Point } from './layout';
import { podAtIp } from './model';
import { useLabels, useReducedMotion } from './parts';
import { useSceneT } from './sceneStore';

/** Trace entries re-read when the trace moves: enough for every animation window. */
const RECENT = 400;

type Anchor = (id: string) => Point | undefined;

/** The elements of one drawing whose attributes change every frame. */
interface Parts {
  token: SVGGElement | null;
  trail: SVGPathElement | null;
  ring: SVGCircleElement | null;
  count: SVGTextElement | null;
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
}

export const AnimationLayer = memo(function AnimationLayer({
  anchors,
  route,
  caption,
  controlPlane,
}: {
  anchors: Map<string, Point>;
  route: Route;
  /** The caption line's element: its text is set here, as the tokens move. */
  caption: React.RefObject<HTMLElement | null>;
  controlPlane: string;
}) {
  const store = useSimStore();
  const still = useReducedMotion();
  const mode = useLabels();
  const t = useSceneT();
  const [active, setActive] = useState<Active[]>([]);
  const parts = useRef(new Map<number, Parts>());
  /** The caption's last message (kept across layouts: a new pod must not blank the line). */
  const said = useRef('');
  const anchor: Anchor = (id) => anchors.get(id);
  const words = (a: Active) =>
    a.spec.entry ? captionText(a.spec.entry, a.spec.count, mode, t, controlPlane) : '';

  useEffect(() => {
    const at: Anchor = (id) => anchors.get(id);
    // The caption's words are worked out only when the message it tells changes, not per frame.
    let told = '';
    let text = '';
    const say = (list: readonly Active[]) => {
      const el = caption.current;
      if (!el) return;
      const pick = captionPick(list);
      const key = pick ? `${pick.spec.key}:${pick.spec.count}` : '';
      if (key !== told) {
        told = key;
        text = pick?.spec.entry
          ? captionText(pick.spec.entry, pick.spec.count, mode as LabelMode, t, controlPlane)
          : '';
      }
      // Between messages the last one stays, dimmed, so the line does not flicker.
      if (text && text !== said.current) {
        said.current = text;
        el.textContent = text;
        el.classList.remove('idle');
      } else if (!text && !el.classList.contains('idle')) {
        if (!said.current) el.textContent = t('kitchen.captionIdle');
        el.classList.add('idle');
      }
    };
    let entries: readonly TraceEntry[] = [];
    let seenCount = -1;
    let seenVersion = -1;
    let keys = '';
    const update = (s: ViewState) => {
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
      say(list);
      let next = '';
      for (const a of list) next += `${a.spec.key}:${a.spec.count},`;
      if (next !== keys) {
        keys = next;
        setActive(list);
        return;
      }
      const seen = new Map<number, Visual | null>();
      const look = (a: Active) => {
        if (!seen.has(a.spec.key)) seen.set(a.spec.key, visualAt(a, at, still, route));
        return seen.get(a.spec.key) ?? null;
      };
      const counted = countsShown(list, look, still);
      for (const a of list) {
        const p = parts.current.get(a.spec.key);
        const v = p && look(a);
        if (p && v) apply(p, v, still);
        p?.count?.setAttribute('visibility', counted.has(a.spec.key) ? 'visible' : 'hidden');
      }
    };
    update(store.getState());
    return store.subscribe(update);
  }, [store, anchors, route, still, caption, mode, t, controlPlane]);

  const register = (key: number) => (el: SVGGElement | null) => {
    if (!el) {
      parts.current.delete(key);
      return;
    }
    parts.current.set(key, {
      token: el.querySelector<SVGGElement>('.token-at'),
      trail: el.querySelector<SVGPathElement>('.trail'),
      ring: el.querySelector<SVGCircleElement>('.ring'),
      count: el.querySelector<SVGTextElement>('.token-count'),
    });
  };

  // Still cues for the same receiver stack upwards instead of covering each other.
  const stacked = new Map<string, number>();
  const counted = countsShown(active, (a) => visualAt(a, anchor, still, route), still);
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
            route={route}
            still={still}
            stack={n}
            showCount={counted.has(a.spec.key)}
            title={words(a)}
            ref={register(a.spec.key)}
          />
        );
      })}
    </g>
  );
});

function trail(spec: AnimSpec, anchor: Anchor, route: Route): string | null {
  const path = pathOf(spec, anchor, route);
  if (!path) return null;
  const pts = spec.bounce && !spec.via ? partway(path, 0.6) : path;
  return pts.map((p, i) => `${i === 0 ? 'M' : 'L'}${p.x.toFixed(1)} ${p.y.toFixed(1)}`).join('');
}

/** The first `f` of a polyline (a refused message gets only so far). */
function partway(path: readonly Point[], f: number): Point[] {
  let total = 0;
  for (let i = 1; i < path.length; i++) {
    total += Math.hypot(path[i].x - path[i - 1].x, path[i].y - path[i - 1].y);
  }
  let left = total * f;
  const out = [path[0]];
  for (let i = 1; i < path.length; i++) {
    const a = path[i - 1];
    const b = path[i];
    const d = Math.hypot(b.x - a.x, b.y - a.y);
    if (left <= d) {
      const k = d === 0 ? 0 : left / d;
      out.push({ x: a.x + (b.x - a.x) * k, y: a.y + (b.y - a.y) * k });
      return out;
    }
    out.push(b);
    left -= d;
  }
  return out;
}

function Drawing({
  a,
  anchor,
  route,
  still,
  stack,
  showCount,
  title,
  ref,
}: {
  a: Active;
  anchor: Anchor;
  route: Route;
  still: boolean;
  /** How many cues for the same receiver come before this one. */
  stack: number;
  /** The bundle's count is drawn (no other count nearby). */
  showCount: boolean;
  /** What the message says (the tooltip). */
  title: string;
  ref: (el: SVGGElement | null) => void;
}) {
  const { spec } = a;
  const v = visualAt(a, anchor, still, route);
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
  const path = trail(spec, anchor, route);
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
      <g
        className="token-at"
        transform={`translate(${v.x} ${v.y - (still ? Math.min(stack, 3) * 18 : 0)})`}
        opacity={v.opacity}
      >
        <Token spec={spec} still={still} showCount={showCount} />
        {title && <title>{title}</title>}
      </g>
    </g>
  );
}

/**
 * The thing that travels, drawn at the origin: a slip (watch event), an envelope (API call), a
 * pan (CRI call), a dot (etcd), a heart (lease), a person (customer). A bundle of twins shows its
 * count inside the token (tickets, envelopes and pans travel corridors free of words), or as a
 * small crowd for customers, whose way crosses the kitchens.
 */
export function Token({
  spec,
  still = false,
  showCount = true,
}: {
  spec: AnimSpec;
  still?: boolean;
  showCount?: boolean;
}) {
  const many = spec.count > 1 && !still;
  const count = many ? (
    <text
      className="token-count"
      y={3.5}
      textAnchor="middle"
      visibility={showCount ? 'visible' : 'hidden'}
    >
      {spec.count > 99 ? '99+' : spec.count}
    </text>
  ) : null;
  const stove = spec.kind === 'cri';
  switch (spec.shape) {
    case 'ticket':
      return (
        <>
          {many && <path className="token token-behind" d="M-6-15h18v24h-18Z" />}
          <path className="token" d="M-9-12h18v24l-3-2-3 2-3-2-3 2-3-2-3 2Z" />
          {count ?? <path className="token-ink" d="M-5-6h10M-5-1h10M-5 4h6" />}
        </>
      );
    case 'card':
      return stove ? (
        <>
          {many && <circle className="token token-behind" cx={3} cy={-3} r={8} />}
          <circle className="token" r={8} />
          <path className="token token-handle" d="M8 0h8" />
          {count}
        </>
      ) : (
        <>
          {many && (
            <rect className="token token-behind" x={-7} y={-10} width={20} height={14} rx={2} />
          )}
          <rect className="token" x={-10} y={-7} width={20} height={14} rx={2} />
          {count ??
            (spec.error ? (
              <path className="token-ink" d="M-3-3 3 3M3-3-3 3" />
            ) : (
              <path className="token-ink" d="M-10-7 0 1l10-8" />
            ))}
        </>
      );
    case 'dot':
      return <circle className="token" r={many ? 6 : 4.5} />;
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
          {many && (
            <g transform="translate(7 -3)" className="token-behind">
              <circle className="token" cy={-7} r={3.5} />
              <path className="token" d="M-6 7v-2a6 5 0 0 1 12 0v2Z" />
            </g>
          )}
          <circle className="token" cy={-7} r={4} />
          <path className="token" d="M-7 8v-2a7 6 0 0 1 14 0v2Z" />
        </>
      );
    default:
      return null;
  }
}
