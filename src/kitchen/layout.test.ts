import { describe, expect, it } from 'vitest';
import {
  type Box,
  COMPACT_ROWS,
  FULL_MAX,
  inside,
  type LayoutInput,
  layoutScene,
  overlaps,
  PENDING_MAX,
  TILES_MAX,
} from './layout';

const WIDTHS = [320, 375, 600, 900, 1366, 1920];

function input(width: number, workers: number, podsEach: number, extra = {}): LayoutInput {
  return {
    width,
    officePods: 1,
    pendingPods: 0,
    workers: Array.from({ length: workers }, (_, i) => ({
      name: `worker-${i + 1}`,
      pods: podsEach,
    })),
    services: 3,
    ...extra,
  };
}

/** Problems found (one expect at the end: thousands of expects are slow). */
let problems: string[] = [];

function noOverlaps(boxes: Box[], what: string) {
  for (let i = 0; i < boxes.length; i++) {
    for (let j = i + 1; j < boxes.length; j++) {
      if (overlaps(boxes[i], boxes[j])) problems.push(`${what}: ${i} and ${j} overlap`);
    }
  }
}

function within(inner: Box, outer: Box, what: string) {
  if (!inside(inner, outer)) problems.push(`${what}: ${JSON.stringify(inner)} sticks out`);
}

describe('layoutScene', () => {
  it('places 1 to 10 kitchens with up to 40 pods each without overlaps, inside the width', () => {
    problems = [];
    for (const width of WIDTHS) {
      for (let workers = 1; workers <= 10; workers++) {
        for (const pods of [0, 3, 12, 13, 40]) {
          const l = layoutScene(input(width, workers, pods, { pendingPods: pods % 4 }));
          const scene = { x: 0, y: 0, w: l.width, h: l.height };
          const rooms = [l.office.box, ...l.kitchens.map((k) => k.box), l.dining.box];
          noOverlaps(rooms, `rooms w=${width} n=${workers} p=${pods}`);
          for (const r of rooms) within(r, scene, `room w=${width}`);
          for (const k of l.kitchens) {
            const staff = [k.chef, k.stoves, k.waiter, k.chart, k.rail];
            const things = [...staff, ...k.stations, ...(k.more ? [k.more] : [])];
            noOverlaps(things, `kitchen ${k.name} w=${width} p=${pods}`);
            for (const b of things) within(b, k.box, `${k.name} w=${width}`);
            if (k.stations.length + k.hidden !== pods) problems.push(`${k.name}: pods lost`);
          }
          const o = l.office;
          const office = [
            o.kubectl,
            o.desk,
            o.ledger,
            o.scheduler,
            o.controllerManager,
            o.chef,
            o.stoves,
            o.waiter,
            ...(o.sign.y > o.box.y + 20 ? [o.sign] : []),
            ...o.staff,
            ...o.pending,
          ];
          noOverlaps(office, `office w=${width}`);
          for (const b of office) within(b, o.box, `office w=${width}`);
          const d = l.dining;
          noOverlaps([d.customers, ...d.services], `dining w=${width}`);
          for (const b of [d.customers, ...d.services]) within(b, d.box, `dining w=${width}`);
        }
      }
    }
    expect(problems.slice(0, 10)).toEqual([]);
  });

  it('draws full stations up to FULL_MAX pods, compact tiles beyond, then groups the rest', () => {
    const few = layoutScene(input(1366, 3, FULL_MAX));
    expect(few.kitchens[0].mode).toBe('full');
    const many = layoutScene(input(1366, 3, FULL_MAX + 1));
    expect(many.kitchens[0].mode).toBe('compact');
    expect(many.kitchens[0].hidden).toBe(0);
    const crowd = layoutScene(input(1366, 3, 400));
    expect(crowd.kitchens[0].hidden).toBeGreaterThan(0);
    expect(crowd.kitchens[0].more).not.toBeNull();
  });

  it('bounds the cooks drawn in the whole scene: many full kitchens get fewer rows, the rest "+N"', () => {
    for (const width of WIDTHS) {
      for (const workers of [1, 3, 10, 40]) {
        const l = layoutScene(input(width, workers, 110));
        const drawn = l.kitchens.reduce((n, k) => n + k.stations.length + (k.more ? 1 : 0), 0);
        expect(drawn, `w=${width} n=${workers}`).toBeLessThanOrEqual(
          // one row a kitchen at least (a row is at most 16 tiles wide at these widths)
          Math.max(TILES_MAX, l.kitchens.length * 16),
        );
        for (const k of l.kitchens) {
          expect(k.stations.length + k.hidden).toBe(110);
          expect(!!k.more).toBe(k.hidden > 0);
          if (workers >= 3) expect(k.hidden).toBeGreaterThan(0);
        }
      }
    }
    // Three kitchens keep their five rows (today's scene).
    const three = layoutScene(input(1366, 3, 110));
    const k = three.kitchens[0];
    const cols = new Set(k.stations.map((b) => b.x)).size;
    expect(k.stations.length + 1).toBe(cols * COMPACT_ROWS);
  });

  it('shows the first pending tickets and one "+N" for the rest', () => {
    const few = layoutScene(input(1366, 3, 0, { pendingPods: PENDING_MAX }));
    expect(few.office.pending.length).toBe(PENDING_MAX);
    expect(few.office.pendingHidden).toBe(0);
    // One ticket for a ReplicaSet's pods, and a "+N" for the owners left off.
    const huge = layoutScene(input(1366, 3, 0, { pendingPods: 1, pendingMore: true }));
    expect(huge.office.pending.length).toBe(2);
    expect(huge.office.pendingHidden).toBe(1);
    const many = layoutScene(input(1366, 3, 0, { pendingPods: 40 }));
    expect(many.office.pending.length).toBe(PENDING_MAX);
    expect(many.office.pendingHidden).toBe(40 - PENDING_MAX + 1);
  });

  it('never scrolls sideways: a phone gets one kitchen per row', () => {
    const l = layoutScene(input(343, 4, 5));
    expect(l.columns).toBe(1);
    expect(l.width).toBeLessThanOrEqual(343);
    const wide = layoutScene(input(1366, 3, 5));
    expect(wide.columns).toBe(3);
  });

  it('keeps kitchens of one row the same height, rows in order', () => {
    const l = layoutScene(input(1366, 6, 4));
    const [a, b] = l.kitchens;
    expect(a.box.h).toBe(b.box.h);
    expect(l.kitchens[l.columns].box.y).toBeGreaterThan(a.box.y + a.box.h);
  });
});
