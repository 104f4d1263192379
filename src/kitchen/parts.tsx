/**
 * The scene's shared pieces: a SpotPlace (a drawing with its kitchen/Kubernetes labels and state
 * words beside it, selectable), a Pill and a Sign (status, taint), a StatusMark (a shape per tone,
 * so status never rests on colour alone) and the hooks every element uses for labels, highlight
 * and selection. The drawings themselves are in art.tsx.
 */
import type { LucideIcon } from 'lucide-react';
import { memo, type ReactNode, useSyncExternalStore } from 'react';
import type { LabelMode } from '../store';
import type { Box, Spot } from './layout';
import { type Lit, litState, type Tone } from './model';
import { useScene, useSceneT } from './sceneStore';

export function useLabels(): LabelMode {
  return useScene((s) => s.prefs.labels);
}

/** Highlight state of one element (a primitive: re-renders only when it flips). */
export function useLit(
  id: string,
  ancestors: readonly string[] = [],
  contains?: (id: string) => boolean,
): Lit {
  return useScene((s) => litState(s.highlight, id, ancestors, contains));
}

export function useSelected(id: string): boolean {
  return useScene((s) => s.selection === id);
}

const REDUCE_QUERY = '(prefers-reduced-motion: reduce)';

/** One MediaQueryList (matchMedia per render is not free). */
let reduceQuery: MediaQueryList | null = null;

function reduceMq(): MediaQueryList | null {
  if (!reduceQuery && typeof matchMedia === 'function') reduceQuery = matchMedia(REDUCE_QUERY);
  return reduceQuery;
}

function subscribeReduce(cb: () => void) {
  const mq = reduceMq();
  mq?.addEventListener('change', cb);
  return () => mq?.removeEventListener('change', cb);
}

/** Reduced motion: the Motion preference, or the system setting when it says "system". */
export function useReducedMotion(): boolean {
  const pref = useScene((s) => s.prefs.motion);
  const system = useSyncExternalStore(
    subscribeReduce,
    () => reduceMq()?.matches ?? false,
    () => false,
  );
  return pref === 'reduce' || (pref === 'system' && system);
}

/** A ring drawn around the element that has keyboard focus (CSS shows it on :focus-visible). */
export function FocusRing({ box, r = 10 }: { box: Box; r?: number }) {
  return (
    <rect
      className="focus-ring"
      x={box.x - 3}
      y={box.y - 3}
      width={box.w + 6}
      height={box.h + 6}
      rx={r + 3}
    />
  );
}

/** A status shape: ✓ circle (ok), ! triangle (warn), × octagon (bad), hourglass (pending)… */
export function StatusMark({
  tone,
  x,
  y,
  size = 14,
}: {
  tone: Tone;
  x: number;
  y: number;
  size?: number;
}) {
  const s = size / 14;
  return (
    <g
      className={`mark tone-${tone}`}
      transform={`translate(${x} ${y}) scale(${s})`}
      aria-hidden="true"
    >
      {tone === 'ok' || tone === 'done' ? (
        <>
          <circle cx={7} cy={7} r={6.5} />
          <path d="M4 7.2 6.2 9.4 10 5" className="mark-ink" />
        </>
      ) : tone === 'warn' ? (
        <>
          <path d="M7 0.8 13.4 12.6H0.6Z" />
          <path d="M7 5v3.2M7 10.4v.1" className="mark-ink" />
        </>
      ) : tone === 'bad' ? (
        <>
          <path d="M4.1 0.6h5.8l3.5 3.5v5.8l-3.5 3.5H4.1L0.6 9.9V4.1Z" />
          <path d="M4.8 4.8 9.2 9.2M9.2 4.8 4.8 9.2" className="mark-ink" />
        </>
      ) : tone === 'pending' ? (
        <>
          <rect x={0.6} y={0.6} width={12.8} height={12.8} rx={3} />
          <path d="M4.5 3.5h5L7 7l2.5 3.5h-5L7 7Z" className="mark-ink" />
        </>
      ) : (
        <>
          <circle cx={7} cy={7} r={6.5} className="mark-hollow" />
          <path d="M4 7h6" className="mark-ink" />
        </>
      )}
    </g>
  );
}

/** A small pill with words (a state, a node status) centred at (cx, y), maybe with an icon. */
export function Pill({
  cx,
  y,
  text,
  tone,
  anchor = 'middle',
  icon: Icon,
}: {
  cx: number;
  y: number;
  text: string;
  tone: string;
  anchor?: 'middle' | 'start' | 'end';
  icon?: LucideIcon;
}) {
  const iconW = Icon ? 16 : 0;
  const w = Math.max(28, textWidth(text, 11) + 14 + iconW);
  const x = anchor === 'middle' ? cx - w / 2 : anchor === 'start' ? cx : cx - w;
  return (
    <g className={`pill tone-${tone}`} aria-hidden="true">
      <rect x={x} y={y} width={w} height={18} rx={9} />
      {Icon && <Icon x={x + 6} y={y + 3} width={12} height={12} strokeWidth={2.25} />}
      <text x={x + iconW + (w - iconW) / 2} y={y + 13} textAnchor="middle">
        {text}
      </text>
    </g>
  );
}

/** Rough text width for layout decisions (SVG text is not measured, to stay pure and fast). */
export function textWidth(text: string, px: number): number {
  let w = 0;
  for (const ch of text) w += ch.charCodeAt(0) > 0x2e80 ? px : px * 0.58;
  return w;
}

export type ActorState = 'up' | 'down' | 'idle' | 'warn';

export interface SpotProps {
  id: string;
  spot: Spot;
  /** Kitchen name (already translated) and Kubernetes name. */
  kitchen: string;
  kube: string;
  state: ActorState;
  /** State words shown as a label line when not plainly working (translated), and in the name. */
  stateText: string;
  zone: string;
  ancestors?: readonly string[];
  /** Tab stop of its zone (the first element); the rest are reached with arrow keys. */
  tabStop?: boolean;
  /** The whole room is dark: no per-place state line (the room says it). */
  quiet?: boolean;
  /** The drawing, with its origin at the bottom centre of the figure's box. */
  children?: ReactNode;
}

/**
 * A place where someone stands or something sits: its drawing in the figure's box (never
 * words), and its label lines above it (office) or under it (kitchens, dining room), one per
 * Labels mode line plus the state when it is not plainly working. Selectable.
 */
export const SpotPlace = memo(function SpotPlace({
  id,
  spot,
  kitchen,
  kube,
  state,
  stateText,
  zone,
  ancestors,
  tabStop,
  quiet,
  children,
}: SpotProps) {
  const t = useSceneT();
  const mode = useLabels();
  const lit = useLit(id, ancestors);
  const selected = useSelected(id);
  const cx = spot.x + spot.w / 2;
  const showState = state !== 'up' && !quiet;
  const lines = spotLines(mode, kitchen, kube, spot.w, showState ? stateText : '');
  const above = spot.labelY < spot.figure.y;
  const f = spot.figure;
  return (
    <g
      className={`spot state-${state} lit-${lit}${selected ? ' selected' : ''}`}
      role="button"
      tabIndex={tabStop ? 0 : -1}
      data-nav=""
      data-zone={zone}
      data-select={id}
      aria-label={t('kitchen.actorName', { kitchen, kube, state: stateText })}
      aria-pressed={selected}
    >
      <FocusRing box={spot} r={8} />
      <rect className="spot-bg" x={spot.x} y={spot.y} width={spot.w} height={spot.h} rx={8} />
      <g className="spot-figure" transform={`translate(${cx} ${f.y + f.h - 4})`} aria-hidden="true">
        {children}
      </g>
      {lines.map((l, i) => (
        <text
          key={`${l.kind}:${l.text}`}
          className={`label-${l.kind}`}
          x={cx}
          y={above ? spot.labelY + (3 - lines.length + i) * 13 : spot.labelY + i * 13}
          textAnchor="middle"
        >
          {l.text}
        </text>
      ))}
    </g>
  );
});

/** The label lines of a place: kitchen name, Kubernetes name (wrapped), state; at most 3. */
export function spotLines(
  mode: LabelMode,
  kitchen: string,
  kube: string,
  width: number,
  state: string,
): { text: string; kind: 'kitchen' | 'kube' | 'state' }[] {
  const room = state ? 2 : 3;
  const kitchenLine =
    mode === 'kubernetes'
      ? []
      : [{ text: clipTo(kitchen, width - 4, 12), kind: 'kitchen' as const }];
  const kubeRoom = room - kitchenLine.length;
  const kubeMax = Math.max(4, Math.floor((width - 4) / 6.4));
  const kubeLines =
    mode === 'kitchen'
      ? []
      : wrapName(kube, kubeMax, Math.max(1, kubeRoom)).map((text) => ({
          text,
          kind: 'kube' as const,
        }));
  const stateLine = state ? [{ text: clipTo(state, width - 2, 11), kind: 'state' as const }] : [];
  return [...kitchenLine, ...kubeLines, ...stateLine].slice(0, 3);
}

/** Text cut with an ellipsis to fit `width` px at `px` font size. */
export function clipTo(text: string, width: number, px: number): string {
  if (textWidth(text, px) <= width) return text;
  let out = text;
  while (out.length > 1 && textWidth(`${out}…`, px) > width) out = out.slice(0, -1);
  return `${out}…`;
}

/** A Kubernetes name cut after hyphens into lines of at most `max` characters. */
export function wrapName(name: string, max: number, maxLines = 2): string[] {
  const parts = name.split(/(?<=-)/);
  const lines: string[] = [];
  let line = '';
  for (const p of parts) {
    if (line && (line + p).length > max && lines.length < maxLines - 1) {
      lines.push(line);
      line = p;
    } else line += p;
  }
  lines.push(line);
  return lines.map((l) => clip(l, max));
}

function clip(text: string, max: number): string {
  return text.length > max ? `${text.slice(0, Math.max(1, max - 1))}…` : text;
}

/** A sign on the wall: the "no cooking here" taint, "closed", "lights out". */
export function Sign({
  box,
  icon: Icon,
  text,
  sub,
  tone,
}: {
  box: Box;
  icon: LucideIcon;
  text: string;
  sub?: string;
  tone: 'bad' | 'warn' | 'info';
}) {
  return (
    <g className={`sign tone-${tone}`} aria-hidden="true">
      <rect x={box.x} y={box.y} width={box.w} height={box.h} rx={6} />
      <Icon x={box.x + 6} y={box.y + (box.h - 16) / 2} width={16} height={16} strokeWidth={2.25} />
      <text x={box.x + 27} y={box.y + box.h / 2 + 4}>
        {text}
        {sub ? <tspan className="sign-sub"> {sub}</tspan> : null}
      </text>
    </g>
  );
}

/** Words in lines no wider than `width` (12 px text), at most `max` lines. */
export function wrapWords(text: string, width: number, max: number): string[] {
  const lines: string[] = [];
  let line = '';
  for (const word of text.split(' ')) {
    const next = line ? `${line} ${word}` : word;
    if (line && textWidth(next, 12.5) > width && lines.length < max - 1) {
      lines.push(line);
      line = word;
    } else line = next;
  }
  lines.push(line);
  return lines;
}
