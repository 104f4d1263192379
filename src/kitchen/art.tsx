/**
 * The illustration vocabulary: flat shapes in one stroke width (2 px, round joins), drawn at an
 * origin so places can compose them. People stand with their feet at (0, 0), about 34 px tall.
 * No words here: pictures only (the scene's words live in the label lines and the caption).
 */
import { memo, type ReactNode } from 'react';

export type PersonRole = 'cook' | 'chef' | 'waiter' | 'clerk' | 'customer';

/**
 * How a person stands; the pose alone must tell the state (art direction, "the cook's states").
 * - `stand`: at work; `cook`: arms over the pan;
 * - `wait`: an outline waiting at the door (not yet set up);
 * - `slump`: fallen over the counter (crashed, back-off); `faint`: lying down (OOMKilled);
 * - `walk`: leaving (Terminating); `absent`: a dashed outline where someone should be;
 * - `still`: frozen in place (a broken waiter holds the old chart).
 */
export type Pose = 'stand' | 'cook' | 'wait' | 'slump' | 'faint' | 'walk' | 'absent' | 'still';

const TOQUE =
  'M-5.5 -23.5h11v-3.4a3.4 3.4 0 0 0-1.7-5.8 4.2 4.2 0 0 0-7.6 0 3.4 3.4 0 0 0-1.7 5.8Z';
const TALL_TOQUE =
  'M-5.5 -23.5h11v-6a3.6 3.6 0 0 0-1.6-6.2 4.4 4.4 0 0 0-7.8 0 3.6 3.6 0 0 0-1.6 6.2Z';

/** A person: body, head, the role's hat or tie, and the pose. */
export const Person = memo(function Person({
  kind: role,
  pose = 'stand',
  scale = 1,
}: {
  kind: PersonRole;
  pose?: Pose;
  scale?: number;
}) {
  const turn =
    pose === 'slump'
      ? 'rotate(-62) translate(4 2)'
      : pose === 'faint'
        ? 'rotate(-90) translate(2 4)'
        : pose === 'walk'
          ? 'rotate(8)'
          : '';
  return (
    <g
      className={`person role-${role} pose-${pose}`}
      transform={`scale(${scale})${turn ? ` ${turn}` : ''}`}
    >
      <path className="body" d="M-9 0v-5.5a9 8.5 0 0 1 18 0V0Z" />
      {role === 'chef' && <path className="neckerchief" d="M-3.5-13.2 0-9l3.5-4.2Z" />}
      {role === 'waiter' && (
        <path className="tie" d="M-3.8-12.2 0-10.4l3.8-1.8v3.4L0-10.6l-3.8 1.8Z" />
      )}
      {role === 'clerk' && <path className="tie" d="M0-12.5v7.5" />}
      <circle className="head" cy={-18.5} r={5.2} />
      {(role === 'cook' || role === 'chef') && (
        <path className="hat" d={role === 'chef' ? TALL_TOQUE : TOQUE} />
      )}
      {pose === 'cook' && <path className="arms" d="M-8.5-8.5q-2 5 3 7M8.5-8.5q2 5-3 7" />}
      {pose === 'walk' && <path className="arms" d="M-3 0l-3 5M3 0l4 4" />}
    </g>
  );
});

/** A ring of gas; lit, a flame stands on it. */
export const Burner = memo(function Burner({ lit, r = 7 }: { lit: boolean; r?: number }) {
  return (
    <g className={`burner${lit ? ' lit' : ''}`}>
      <circle className="burner-ring" r={r} />
      <circle className="burner-core" r={r * 0.4} />
      {lit && <Flame size={r * 1.3} />}
    </g>
  );
});

/** A flame, its base at (0, 0). The only gradient in the scene. */
export function Flame({ size = 9 }: { size?: number }) {
  const s = size / 9;
  return (
    <path
      className="flame-shape"
      transform={`scale(${s})`}
      d="M0 2C-5.5-0.5-5-6.5-1-11.5c0 3 2.2 4.2 3.2 4.4C3-9.8 2.8-11 2-13c4.6 3.2 6 9.5 3.2 12.6C4 1.4 2 2.2 0 2Z"
    />
  );
}

/** A pan, seen from above at an angle, with its handle to the right. */
export function Pan() {
  return (
    <g className="pan">
      <ellipse rx={6.5} ry={3} />
      <path d="M6 0h6" />
    </g>
  );
}

/** A plate with food: the pod is Ready (a plate on the pass). */
export function Plate() {
  return (
    <g className="plate">
      <ellipse className="plate-rim" rx={7} ry={3.6} />
      <ellipse className="plate-food" rx={3.2} ry={1.6} cy={-0.6} />
    </g>
  );
}

/** A crate of ingredients (the image); open and empty with a question mark when the pull failed. */
export const Crate = memo(function Crate({ empty = false }: { empty?: boolean }) {
  return (
    <g className={`crate${empty ? ' empty' : ''}`}>
      <rect x={-8} y={-10} width={16} height={10} rx={1.5} />
      {empty ? (
        <path className="crate-mark" d="M-2.2-16.5a2.4 2.4 0 1 1 2.6 2.6v1.6M0.4-10.6v0.2" />
      ) : (
        <path className="crate-slats" d="M-8-6.7h16M-8-3.4h16M-3-10v10M3-10v10" />
      )}
    </g>
  );
});

/** Three puffs of smoke rising from (0, 0). */
export function Smoke() {
  return (
    <g className="smoke">
      <circle cx={0} cy={-3} r={2.6} />
      <circle cx={3.4} cy={-8} r={3.2} />
      <circle cx={0.6} cy={-14} r={3.8} />
    </g>
  );
}

/** A small clock: waiting out a back-off. */
export function Clock() {
  return (
    <g className="clock">
      <circle r={5} />
      <path d="M0-3v3l2 1.4" />
    </g>
  );
}

/** A stack of plates (too many for the cook: OOMKilled). */
export function PlateStack() {
  return (
    <g className="plate-stack">
      {[0, -3.2, -6.4, -9.6].map((y) => (
        <ellipse key={y} cy={y} rx={7} ry={2.2} />
      ))}
    </g>
  );
}

/** An apron hung on a hook: the container completed. */
export function HungApron() {
  return (
    <g className="apron">
      <path className="hook" d="M0-22v-3" />
      <path d="M-4-22h8l2 6v12h-12v-12Z" />
      <path className="apron-check" d="M-3-10l2.2 2.2L3.6-12.4" />
    </g>
  );
}

/** A ticket (an order: a pod), hanging from the rail at its top. */
export function Ticket({ w = 8, h = 11 }: { w?: number; h?: number }) {
  return (
    <g className="ticket">
      <path d={`M${-w / 2} 0h${w}v${h}l-${w / 4} -1.5-${w / 4} 1.5-${w / 4} -1.5-${w / 4} 1.5Z`} />
      <path className="ticket-ink" d={`M${-w / 2 + 2} 3.5h${w - 4}M${-w / 2 + 2} 6.5h${w - 5}`} />
    </g>
  );
}

/** The seating chart: a table of rules on a board (dashed when nothing is written yet). */
export const Chart = memo(function Chart({
  written,
  w = 30,
  h = 24,
}: {
  written: boolean;
  w?: number;
  h?: number;
}) {
  return (
    <g className={`chart${written ? '' : ' blank'}`}>
      <rect x={-w / 2} y={-h / 2} width={w} height={h} rx={2} />
      {written && (
        <path
          className="chart-ink"
          d={`M${-w / 2 + 4} ${-h / 2 + 6}h${w - 8}M${-w / 2 + 4} ${-h / 2 + 11}h${w - 12}M${
            -w / 2 + 4
          } ${-h / 2 + 16}h${w - 10}M${-w / 6} ${-h / 2 + 3}v${h - 6}`}
        />
      )}
    </g>
  );
});

/** The ledger: a book on a shelf; a padlock over it when etcd is down. */
export const Ledger = memo(function Ledger({ locked }: { locked: boolean }) {
  return (
    <g className={`ledger${locked ? ' locked' : ''}`}>
      <path className="shelf" d="M-20 8h40" />
      <path className="book" d="M-13 8v-18h11a2 2 0 0 1 2 2v16a2 2 0 0 0-2-2h-11" />
      <path className="book" d="M13 8v-18h-11a2 2 0 0 0-2 2v16a2 2 0 0 1 2-2h11" />
      <path className="book-ink" d="M-10-5h7M-10-1h7M3-5h7M3-1h7" />
      {locked && (
        <g className="padlock" transform="translate(0 -2)">
          <path d="M-4.5-3v-3a4.5 4.5 0 0 1 9 0v3" />
          <rect x={-7} y={-3} width={14} height={11} rx={2} />
          <path d="M0 1.5v2.5" />
        </g>
      )}
    </g>
  );
});

/** The front desk's service window; shuttered (slats down) when the API server is down. */
export const ServiceWindow = memo(function ServiceWindow({
  closed,
  w = 44,
}: {
  closed: boolean;
  w?: number;
}) {
  return (
    <g className={`service-window${closed ? ' closed' : ''}`}>
      <path className="window-frame" d={`M${-w / 2} 6v-20a${w / 2} 8 0 0 1 ${w} 0v20`} />
      {closed ? (
        <g className="shutter">
          <rect x={-w / 2 + 2} y={-14} width={w - 4} height={20} />
          <path
            d={`M${-w / 2 + 2} -9h${w - 4}M${-w / 2 + 2} -4h${w - 4}M${-w / 2 + 2} 1h${w - 4}`}
          />
          <path className="closed-mark" d="M-5-8l10 10M5-8-5 2" />
        </g>
      ) : null}
      <path className="desk-top" d={`M${-w / 2 - 6} 6h${w + 12}`} />
    </g>
  );
});

/** A cork board; `tickets` are pinned on it (orders waiting for a kitchen). */
export const Board = memo(function Board({ tickets, w = 34 }: { tickets: number; w?: number }) {
  const shown = Math.min(tickets, 6);
  return (
    <g className="board">
      <rect x={-w / 2} y={-12} width={w} height={22} rx={2} />
      {Array.from({ length: shown }, (_, i) => (
        <rect
          // biome-ignore lint/suspicious/noArrayIndexKey: pins are positions on the board
          key={i}
          className="pinned"
          x={-w / 2 + 2.5 + (i % 3) * 11}
          y={-9 + Math.floor(i / 3) * 10}
          width={7}
          height={8}
        />
      ))}
    </g>
  );
});

/** A clipboard (the floor manager's head-counts). */
export function Clipboard() {
  return (
    <g className="clipboard">
      <rect x={-6} y={-8} width={12} height={15} rx={1.5} />
      <path d="M-3-8v-2h6v2M-3.5-3h7M-3.5 0.5h7M-3.5 4h4" />
    </g>
  );
}

/** A round table with its seats (endpoints): filled for ready, hollow for not ready. */
export const Table = memo(function Table({ seats, r = 15 }: { seats: boolean[]; r?: number }) {
  const n = Math.max(seats.length, 1);
  return (
    <g className="table">
      {seats.slice(0, 10).map((ready, i) => {
        const a = (i / Math.min(n, 10)) * Math.PI * 2 - Math.PI / 2;
        return (
          <circle
            // biome-ignore lint/suspicious/noArrayIndexKey: seats are positions, not items
            key={i}
            className={`seat${ready ? ' ready' : ''}`}
            cx={Math.cos(a) * (r + 6)}
            cy={Math.sin(a) * (r + 6)}
            r={4}
          />
        );
      })}
      <circle className="table-top" r={r} />
      <ellipse className="table-dish" rx={r * 0.45} ry={r * 0.3} />
    </g>
  );
});

/** A door swing (quarter circle) of `w` px, opening into the room below or to the right. */
export function DoorSwing({ w, closed = false }: { w: number; closed?: boolean }) {
  // The leaf is short enough to stay inside the corridor under the room (its swing is drawn
  // flattened: a plan's door, not a measured one).
  const leaf = Math.min(w * 0.9, 15);
  return closed ? (
    <path className="door closed" d={`M0 0h${w}`} />
  ) : (
    <path className="door" d={`M0 0v${leaf}M0 ${leaf}A${w} ${leaf} 0 0 0 ${w} 0`} />
  );
}

/** A badge at a figure's shoulder: a pause sign (standing still), a moon (absent). */
export function Badge({ kind }: { kind: 'pause' | 'moon' | 'hourglass' }) {
  const ink: ReactNode =
    kind === 'pause' ? (
      <path d="M-1.8-2.5v5M1.8-2.5v5" />
    ) : kind === 'moon' ? (
      <path d="M1.6-3a3.4 3.4 0 1 0 1.6 4.8A2.6 2.6 0 0 1 1.6-3Z" />
    ) : (
      <path d="M-2.4-3h4.8L0 0l2.4 3h-4.8L0 0Z" />
    );
  return (
    <g className={`badge badge-${kind}`}>
      <circle r={6} />
      {ink}
    </g>
  );
}
