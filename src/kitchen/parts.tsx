/**
 * The scene's shared vocabulary: an Actor (icon, kitchen/Kubernetes label, state), a Sign (taint,
 * closed, lights out), a StatusMark (a shape per tone, so status never rests on colour alone) and
 * the hooks every element uses for labels, highlight and selection.
 */
import type { LucideIcon } from 'lucide-react';
import { memo, type ReactNode, useSyncExternalStore } from 'react';
import type { LabelMode } from '../store';
import type { Box } from './layout';
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

/** The two label lines for a mode: kitchen name, Kubernetes name, or both. */
export function labelLines(mode: LabelMode, kitchen: string, kube: string): [string, string] {
  if (mode === 'kitchen') return [kitchen, ''];
  if (mode === 'kubernetes') return [kube, ''];
  return [kitchen, kube];
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

/** A small pill with words (a state, a node status) centred at (cx, y). */
export function Pill({
  cx,
  y,
  text,
  tone,
  anchor = 'middle',
}: {
  cx: number;
  y: number;
  text: string;
  tone: string;
  anchor?: 'middle' | 'start' | 'end';
}) {
  const w = Math.max(28, textWidth(text, 11) + 14);
  const x = anchor === 'middle' ? cx - w / 2 : anchor === 'start' ? cx : cx - w;
  return (
    <g className={`pill tone-${tone}`} aria-hidden="true">
      <rect x={x} y={y} width={w} height={18} rx={9} />
      <text x={x + w / 2} y={y + 13} textAnchor="middle">
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

export interface ActorProps {
  id: string;
  box: Box;
  icon: LucideIcon;
  /** Kitchen name (already translated) and Kubernetes name. */
  kitchen: string;
  kube: string;
  state: ActorState;
  /** State words shown on a pill when not plainly working (translated), and in the name. */
  stateText: string;
  zone: string;
  ancestors?: readonly string[];
  /** Tab stop of its zone (the first element); the rest are reached with arrow keys. */
  tabStop?: boolean;
  /** The whole room is dark: no per-actor state pill (the room's sign says it). */
  quiet?: boolean;
  children?: ReactNode;
}

/** A person or a thing in the scene: icon, label per Labels mode, state, selectable. */
export const Actor = memo(function Actor({
  id,
  box,
  icon: Icon,
  kitchen,
  kube,
  state,
  stateText,
  zone,
  ancestors,
  tabStop,
  quiet,
  children,
}: ActorProps) {
  const t = useSceneT();
  const mode = useLabels();
  const lit = useLit(id, ancestors);
  const selected = useSelected(id);
  const cx = box.x + box.w / 2;
  const lines = actorLines(mode, kitchen, kube, box.w);
  const small = lines.length > 2;
  return (
    <g
      className={`actor state-${state} lit-${lit}${selected ? ' selected' : ''}`}
      role="button"
      tabIndex={tabStop ? 0 : -1}
      data-nav=""
      data-zone={zone}
      data-select={id}
      aria-label={t('kitchen.actorName', { kitchen, kube, state: stateText })}
      aria-pressed={selected}
    >
      <FocusRing box={box} />
      <rect className="actor-bg" x={box.x} y={box.y} width={box.w} height={box.h} rx={10} />
      <Icon
        x={cx - (small ? 11 : 13)}
        y={box.y + (small ? 7 : 10)}
        width={small ? 22 : 26}
        height={small ? 22 : 26}
        strokeWidth={2}
        className="actor-icon"
        aria-hidden="true"
      />
      {lines.map((l, i) => (
        <text
          key={(l.kube ? 'k:' : 'c:') + l.text}
          className={l.kube && mode === 'both' ? 'label-2' : 'label-1'}
          x={cx}
          y={box.y + lineY(lines.length, i)}
          textAnchor="middle"
        >
          {l.text}
        </text>
      ))}
      {state !== 'up' && !quiet && <Pill cx={cx} y={box.y - 9} text={stateText} tone={state} />}
      {children}
    </g>
  );
});

/** Baselines for one, two or three label lines under the icon. */
function lineY(count: number, i: number): number {
  if (count === 1) return 56;
  if (count === 2) return [51, 66][i];
  return [44, 57, 69][i];
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

/** The label lines of an actor for the Labels mode. */
export function actorLines(
  mode: LabelMode,
  kitchen: string,
  kube: string,
  width: number,
): { text: string; kube: boolean }[] {
  const kitchenMax = Math.floor((width - 4) / 6.8);
  const kubeMax = Math.floor((width - 2) / (mode === 'both' ? 6 : 6.8));
  const k = mode === 'kubernetes' ? [] : [{ text: clip(kitchen, kitchenMax), kube: false }];
  const names =
    mode === 'kitchen'
      ? []
      : wrapName(kube, kubeMax, mode === 'both' ? 2 : 3).map((text) => ({ text, kube: true }));
  return [...k, ...names];
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
