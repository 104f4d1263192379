/**
 * The expediter's board when there are more waiting orders than tickets fit: one stacked ticket
 * per owner with its count (a ReplicaSet's 99,780 Pending pods are one ticket, `×99,780`), and a
 * last "+N" for the orders of the owners left off. Each stack selects the owner's first pod, so
 * the inspector shows a real object (its FailedScheduling event says why it waits).
 */
import { memo } from 'react';
import { Ticket } from './art';
import type { Box } from './layout';
import { fitText, type PendingTicket, podId } from './model';
import { FocusRing, useSelected } from './parts';
import { useScene, useSceneT } from './sceneStore';

/** 99780 → `99,780` (the same digits and separators in English and Traditional Chinese). */
export function formatCount(n: number): string {
  return n.toLocaleString('en-US');
}

export const GroupTicket = memo(function GroupTicket({
  group,
  box,
  tabStop,
}: {
  group: PendingTicket;
  box: Box;
  tabStop: boolean;
}) {
  const t = useSceneT();
  const id = podId(group.firstKey);
  const selected = useSelected(id);
  // Read here, not in the scene's shape: it changes with every pod created, the layout does not.
  const n = useScene((s) => s.frame.pending.groups.find((g) => g.id === group.id)?.count ?? 0);
  const count = `×${formatCount(n)}`;
  const owner = group.kind ? `${group.kind} ${group.name}` : group.name;
  const label = t('kitchen.pendingGroup', { owner, count: formatCount(n) });
  const countW = count.length * 7 + 6;
  const nameChars = Math.max(6, Math.floor((box.w - 34 - countW) / 6.9));
  const local = { x: 0, y: 0, w: box.w, h: box.h };
  return (
    <g
      className={`station size-mini tone-pending pending-group${selected ? ' selected' : ''}`}
      role="group"
      aria-label={label}
      tabIndex={tabStop ? 0 : -1}
      data-nav=""
      data-zone="pending"
      data-select={id}
      transform={`translate(${box.x} ${box.y})`}
    >
      <FocusRing box={local} r={5} />
      <rect className="station-bg" width={box.w} height={box.h} rx={5} />
      {/* A stack of tickets: many orders of one kind. */}
      <g aria-hidden="true">
        <g transform="translate(14 4)">
          <Ticket w={10} h={15} />
        </g>
        <g transform="translate(11 7)">
          <Ticket w={10} h={15} />
        </g>
      </g>
      <text className="station-name" x={24} y={18.5} aria-hidden="true">
        {fitText(group.name, nameChars)}
      </text>
      <text
        className="station-status pending-count"
        x={box.w - 8}
        y={18.5}
        textAnchor="end"
        aria-hidden="true"
      >
        {count}
      </text>
      <title>{label}</title>
    </g>
  );
});

/** "+N more orders": the waiting orders on none of the tickets drawn before it. */
export function MoreTicket({
  box,
  pods,
  groups,
}: {
  box: Box;
  /** Tickets of one pod each drawn before it. */
  pods: number;
  groups: readonly PendingTicket[];
}) {
  const t = useSceneT();
  const count = useScene((s) => {
    let onTickets = pods;
    for (const g of s.frame.pending.groups)
      if (groups.some((d) => d.id === g.id)) onTickets += g.count;
    return s.frame.pending.count - onTickets;
  });
  const said = t('kitchen.morePendingSaid', { count: formatCount(count) });
  return (
    <g className="more more-pending" role="img" aria-label={said}>
      <text className="section-title" x={box.x + 8} y={box.y + 19} aria-hidden="true">
        {t('kitchen.morePending', { count: formatCount(count) })}
      </text>
      <title>{said}</title>
    </g>
  );
}
