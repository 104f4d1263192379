/**
 * Pure geometry of the scene: where the front office, each kitchen, each station and the dining
 * room go for a given width and head-count. No React, no DOM: one function from sizes to boxes,
 * tested for overlaps from 1 to 10 workers. Units are CSS pixels (the SVG is drawn 1:1, so text
 * stays legible on a phone and on a projector).
 */

export interface Box {
  x: number;
  y: number;
  w: number;
  h: number;
}

export interface Point {
  x: number;
  y: number;
}

/** How a kitchen draws its stations: full cards with cooks, or compact tiles (many pods). */
export type StationMode = 'full' | 'compact';

export interface KitchenLayout {
  name: string;
  box: Box;
  /** Head chef, stoves, waiter, seating chart (absolute coordinates). */
  chef: Box;
  stoves: Box;
  waiter: Box;
  chart: Box;
  /** The waiter's own pod (kube-proxy), under the waiter. */
  waiterStrip: Box;
  mode: StationMode;
  /** One box per shown pod, in the node's pod order. */
  stations: Box[];
  /** Pods not drawn one by one ("+N more"), and where their summary tile goes. */
  hidden: number;
  more: Box | null;
}

export interface OfficeLayout {
  box: Box;
  kubectl: Box;
  desk: Box;
  ledger: Box;
  scheduler: Box;
  controllerManager: Box;
  sign: Box;
  /** The office's own kubelet, runtime and kube-proxy (the control-plane node runs them too). */
  chef: Box;
  stoves: Box;
  waiter: Box;
  /**
   * Under each control-plane actor, its static pod ("office staff who are cooks themselves");
   * under the waiter, its kube-proxy pod.
   */
  strips: Record<StaffSlot, Box>;
  /** Where the caption explaining the strips goes (first baseline), and its width. */
  staffCaption: Point;
  captionWidth: number;
  /** Other pods on the control-plane node. */
  staff: Box[];
  /** Pods no kitchen has taken yet (Pending without a node), on the expediter's rail. */
  pendingTitle: Point | null;
  pending: Box[];
  pendingHidden: number;
}

/** Actors whose own pod is drawn under them. */
export type StaffSlot = 'desk' | 'ledger' | 'scheduler' | 'controllerManager' | 'waiter';

export interface DiningLayout {
  box: Box;
  customers: Box;
  services: Box[];
}

export interface SceneLayout {
  width: number;
  height: number;
  office: OfficeLayout;
  kitchens: KitchenLayout[];
  dining: DiningLayout;
  /** Kitchens per row. */
  columns: number;
}

export interface LayoutInput {
  width: number;
  /** Pods on the control-plane node. */
  officePods: number;
  /** Pods bound to no node yet. */
  pendingPods: number;
  workers: { name: string; pods: number }[];
  services: number;
}

export const PAD = 16;
export const GAP = 16;
export const KITCHEN_MIN_W = 360;
export const KITCHEN_INNER = 12;
export const KITCHEN_HEADER_H = 40;
export const ACTOR_MIN_W = 88;
export const ACTOR_H = 76;
/** A strip under an actor: its own pod. */
export const STRIP_H = 24;
export const STAFF_H = ACTOR_H + 4 + STRIP_H;
export const STATION_W = 150;
export const STATION_H = 70;
export const STATION_GAP = 8;
export const TILE = 32;
export const TILE_GAP = 6;
/** More pods than this on one node: compact tiles. */
export const FULL_MAX = 12;
/** Rows of compact tiles before the rest are grouped as "+N more". */
export const COMPACT_ROWS = 6;
export const MINI_W = 170;
export const MINI_H = 30;
export const SERVICE_W = 210;
export const SERVICE_H = 70;
const OFFICE_HEADER_H = 40;
const SECTION_TITLE_H = 22;

/** Pending pods shown on the expediter's rail before grouping. */
const PENDING_MAX = 12;

/** Lay out columns of `count` items of width `itemW` in `width`, at least one. */
function fitCount(width: number, itemW: number, gap: number): number {
  return Math.max(1, Math.floor((width + gap) / (itemW + gap)));
}

/** A grid of `count` boxes starting at (x, y), `cols` per row. */
function grid(
  count: number,
  x: number,
  y: number,
  cols: number,
  w: number,
  h: number,
  gap: number,
): Box[] {
  const out: Box[] = [];
  for (let i = 0; i < count; i++) {
    out.push({ x: x + (i % cols) * (w + gap), y: y + Math.floor(i / cols) * (h + gap), w, h });
  }
  return out;
}

function rowsHeight(count: number, cols: number, h: number, gap: number): number {
  if (count <= 0) return 0;
  const rows = Math.ceil(count / cols);
  return rows * h + (rows - 1) * gap;
}

export function layoutScene(input: LayoutInput): SceneLayout {
  const width = Math.max(300, Math.floor(input.width));
  // A phone keeps its few pixels for the rooms.
  const pad = width < 520 ? 6 : PAD;
  const inner = width - 2 * pad;
  let y = pad;

  const office = layoutOffice(input, pad, y, inner);
  y += office.box.h + GAP;

  const n = input.workers.length;
  // Kitchens per row; one more column when it fits, so the dining room can sit beside them.
  const fit = fitCount(inner, KITCHEN_MIN_W, GAP);
  const columns = Math.max(1, Math.min(n + 1, fit));
  const kw = Math.floor((inner - (columns - 1) * GAP) / columns);
  const kitchens: KitchenLayout[] = [];
  let lastRow = { y, h: 0, count: 0 };
  for (let row = 0; row * columns < n; row++) {
    const rowItems = input.workers.slice(row * columns, row * columns + columns);
    const heights = rowItems.map((w) => kitchenHeight(kw, w.pods));
    const rowH = Math.max(...heights);
    rowItems.forEach((w, i) => {
      kitchens.push(layoutKitchen(w.name, w.pods, pad + i * (kw + GAP), y, kw, rowH));
    });
    lastRow = { y, h: rowH, count: rowItems.length };
    y += rowH + GAP;
  }

  // The dining room takes the last row's free columns, else a row of its own.
  let dining: DiningLayout;
  if (lastRow.count > 0 && lastRow.count < columns) {
    const x = pad + lastRow.count * (kw + GAP);
    dining = layoutDining(input.services, x, lastRow.y, pad + inner - x, lastRow.h);
    y = Math.max(y, lastRow.y + dining.box.h + GAP);
  } else {
    dining = layoutDining(input.services, pad, y, inner);
    y += dining.box.h + GAP;
  }
  y += pad - GAP;

  return { width, height: y, office, kitchens, dining, columns };
}

function layoutOffice(input: LayoutInput, x: number, y0: number, w: number): OfficeLayout {
  const innerX = x + KITCHEN_INNER;
  const innerW = w - 2 * KITCHEN_INNER;
  let y = y0 + OFFICE_HEADER_H;
  // The "no cooking here" sign sits in the header's right corner, or under the title when narrow.
  const signW = 236;
  const narrow = innerW < 560;
  const sign: Box = narrow
    ? { x: innerX, y: y0 + OFFICE_HEADER_H - 4, w: signW, h: 26 }
    : { x: x + w - KITCHEN_INNER - signW, y: y0 + 8, w: signW, h: 26 };
  if (narrow) y += 34;

  // Eight actors: order slip, desk, ledger, expediter, floor manager; the office's own head
  // chef, stoves and waiter. One row when it fits, else a grid.
  const count = 8;
  const cols = Math.min(count, fitCount(innerW, ACTOR_MIN_W, 6));
  // The actors widen to fill the row (long Kubernetes names need every pixel).
  const actorW = Math.min(130, Math.floor((innerW - (cols - 1) * 6) / cols));
  const gapX = cols > 1 ? Math.min(24, (innerW - cols * actorW) / (cols - 1)) : 0;
  const used = cols * actorW + (cols - 1) * gapX;
  const left = innerX + (innerW - used) / 2;
  const cell = (i: number): Box => ({
    x: left + (i % cols) * (actorW + gapX),
    y: y + Math.floor(i / cols) * (STAFF_H + 10),
    w: actorW,
    h: ACTOR_H,
  });
  const boxes = Array.from({ length: count }, (_, i) => cell(i));
  const strip = (b: Box): Box => ({ x: b.x, y: b.y + ACTOR_H + 4, w: b.w, h: STRIP_H });
  y += rowsHeight(count, cols, STAFF_H, 10) + 4;
  // A caption under the strips: the office staff are cooks too (static pods).
  const staffCaption = { x: innerX, y: y + 12 };
  const captionLines = innerW < 480 ? 2 : 1;
  y += 8 + 16 * captionLines;

  const miniCols = fitCount(innerW, MINI_W, 8);
  const miniW = Math.floor((innerW - (miniCols - 1) * 8) / miniCols);
  const staff = grid(input.officePods, innerX, y, miniCols, miniW, MINI_H, 6);
  if (input.officePods > 0) y += rowsHeight(input.officePods, miniCols, MINI_H, 6) + 12;

  let pendingTitle: Point | null = null;
  let pending: Box[] = [];
  let pendingHidden = 0;
  if (input.pendingPods > 0) {
    const shown = input.pendingPods > PENDING_MAX ? PENDING_MAX - 1 : input.pendingPods;
    pendingHidden = input.pendingPods - shown;
    pendingTitle = { x: innerX, y: y + 14 };
    pending = grid(
      shown + (pendingHidden ? 1 : 0),
      innerX,
      y + SECTION_TITLE_H,
      miniCols,
      miniW,
      MINI_H,
      6,
    );
    y += SECTION_TITLE_H + rowsHeight(pending.length, miniCols, MINI_H, 6) + 12;
  }

  const [kubectl, desk, ledger, scheduler, controllerManager, chef, stoves, waiter] = boxes;
  return {
    box: { x, y: y0, w, h: y - y0 },
    kubectl,
    desk,
    ledger,
    scheduler,
    controllerManager,
    sign,
    chef,
    stoves,
    waiter,
    staffCaption,
    captionWidth: innerW,
    strips: {
      desk: strip(desk),
      ledger: strip(ledger),
      scheduler: strip(scheduler),
      controllerManager: strip(controllerManager),
      waiter: strip(waiter),
    },
    staff,
    pendingTitle,
    pending,
    pendingHidden,
  };
}

interface StationGrid {
  mode: StationMode;
  cols: number;
  w: number;
  h: number;
  gap: number;
  shown: number;
  hidden: number;
}

function stationGrid(kw: number, pods: number): StationGrid {
  const innerW = kw - 2 * KITCHEN_INNER;
  if (pods <= FULL_MAX) {
    const cols = fitCount(innerW, STATION_W, STATION_GAP);
    const w = Math.floor((innerW - (cols - 1) * STATION_GAP) / cols);
    return { mode: 'full', cols, w, h: STATION_H, gap: STATION_GAP, shown: pods, hidden: 0 };
  }
  const cols = fitCount(innerW, TILE, TILE_GAP);
  const max = cols * COMPACT_ROWS;
  // The last tile becomes "+N more" when there are more pods than tiles.
  const shown = pods > max ? max - 1 : pods;
  return { mode: 'compact', cols, w: TILE, h: TILE, gap: TILE_GAP, shown, hidden: pods - shown };
}

/** The kitchen's staff in one row of four, or two rows of two on a narrow screen. */
function staffCols(kw: number): number {
  return kw - 2 * KITCHEN_INNER >= 4 * 76 + 3 * 8 ? 4 : 2;
}

function staffHeight(kw: number): number {
  return staffCols(kw) === 4 ? STAFF_H : ACTOR_H + 10 + STAFF_H;
}

function kitchenHeight(kw: number, pods: number): number {
  const g = stationGrid(kw, pods);
  const tiles = g.shown + (g.hidden ? 1 : 0);
  const stations = Math.max(g.h, rowsHeight(tiles, g.cols, g.h, g.gap));
  return KITCHEN_HEADER_H + staffHeight(kw) + 10 + stations + KITCHEN_INNER;
}

function layoutKitchen(
  name: string,
  pods: number,
  x: number,
  y: number,
  w: number,
  h: number,
): KitchenLayout {
  const innerX = x + KITCHEN_INNER;
  const innerW = w - 2 * KITCHEN_INNER;
  const cols = staffCols(w);
  const slotW = Math.floor((innerW - (cols - 1) * 8) / cols);
  const staffY = y + KITCHEN_HEADER_H;
  const slot = (i: number): Box => ({
    x: innerX + (i % cols) * (slotW + 8),
    y: staffY + Math.floor(i / cols) * (ACTOR_H + 10),
    w: slotW,
    h: ACTOR_H,
  });
  const g = stationGrid(w, pods);
  const top = staffY + staffHeight(w) + 10;
  const boxes = grid(g.shown + (g.hidden ? 1 : 0), innerX, top, g.cols, g.w, g.h, g.gap);
  const more = g.hidden ? (boxes.pop() ?? null) : null;
  return {
    name,
    box: { x, y, w, h },
    chef: slot(0),
    stoves: slot(1),
    waiter: slot(2),
    chart: slot(3),
    waiterStrip: { x: slot(2).x, y: slot(2).y + ACTOR_H + 4, w: slotW, h: STRIP_H },
    mode: g.mode,
    stations: boxes,
    hidden: g.hidden,
    more,
  };
}

function layoutDining(services: number, x: number, y: number, w: number, minH = 0): DiningLayout {
  const innerX = x + KITCHEN_INNER;
  const innerW = w - 2 * KITCHEN_INNER;
  const top = y + OFFICE_HEADER_H;
  const customers = { x: innerX, y: top, w: 96, h: SERVICE_H };
  const left = innerX + 96 + 12;
  const cardsW = innerX + innerW - left;
  const cols = fitCount(cardsW, SERVICE_W, 8);
  const cw = Math.min(260, Math.floor((cardsW - (cols - 1) * 8) / cols));
  const cards = grid(services, left, top, cols, cw, SERVICE_H, 8);
  const h = Math.max(
    minH,
    OFFICE_HEADER_H + Math.max(SERVICE_H, rowsHeight(services, cols, SERVICE_H, 8)) + 12,
  );
  return { box: { x, y, w, h }, customers, services: cards };
}

export function centre(b: Box): Point {
  return { x: b.x + b.w / 2, y: b.y + b.h / 2 };
}

export function overlaps(a: Box, b: Box): boolean {
  return a.x < b.x + b.w && b.x < a.x + a.w && a.y < b.y + b.h && b.y < a.y + a.h;
}

export function inside(inner: Box, outer: Box): boolean {
  return (
    inner.x >= outer.x &&
    inner.y >= outer.y &&
    inner.x + inner.w <= outer.x + outer.w &&
    inner.y + inner.h <= outer.y + outer.h
  );
}
