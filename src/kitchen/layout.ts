/**
 * Pure geometry of the restaurant's floor plan: the front office on top, the kitchens in rows
 * under it, the dining room at the bottom, with corridors between them. No React, no DOM: one
 * function from sizes to boxes, tested for overlaps from 1 to 10 workers. Units are CSS pixels
 * (the SVG is drawn 1:1, so text stays legible on a phone and on a projector).
 *
 * Words and routes never meet: every place where a figure stands keeps its words on one side
 * (office: above the figure; kitchens: under it), and messages travel through corridors and
 * aisles that hold no words (see `routeFor` in model.ts). A message enters a kitchen through the
 * hatch in its left wall, straight to the head chef at the pass.
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

/** How a kitchen draws its stations: full stations with cooks, or compact tiles (many pods). */
export type StationMode = 'full' | 'compact';

/**
 * A place where someone stands: the whole box, the figure's part (no words) and where its
 * label lines go (`labelY`: first baseline).
 */
export interface Spot extends Box {
  figure: Box;
  labelY: number;
}

export interface KitchenLayout {
  name: string;
  box: Box;
  /** The tiled floor inside the walls. */
  floor: Box;
  /** The pass: the head chef (kubelet) and the ticket rail (the pods bound here). */
  chef: Spot;
  rail: Box;
  /** The stove line (container runtime), and how many burners fit on it. */
  stoves: Spot;
  burners: number;
  /** The seating chart on the wall (kube-proxy's rules) and the waiter (kube-proxy). */
  chart: Spot;
  waiter: Spot;
  /** The hatch in the left wall (messages come in), the door in the bottom wall (customers). */
  hatch: Point;
  door: Point;
  /** The aisle left of this kitchen: messages travel it between the corridors. */
  aisleX: number;
  mode: StationMode;
  /** One box per shown pod, in the node's pod order. */
  stations: Box[];
  /** Pods not drawn one by one ("+N more"), and where their summary tile goes. */
  hidden: number;
  more: Box | null;
}

/** Actors whose own pod (a static pod, or kube-proxy) is drawn with them. */
export type StaffSlot = 'desk' | 'ledger' | 'scheduler' | 'controllerManager' | 'waiter';

export interface OfficeLayout {
  box: Box;
  floor: Box;
  /** Title row: where the "no cooking here" sign hangs. */
  sign: Box;
  /** The title row has room for the caption naming the office staff as cooks (static pods). */
  staffCaption: boolean;
  kubectl: Spot;
  desk: Spot;
  ledger: Spot;
  scheduler: Spot;
  controllerManager: Spot;
  /** The office's own kubelet, runtime and kube-proxy (the control-plane node runs them too). */
  chef: Spot;
  stoves: Spot;
  waiter: Spot;
  /**
   * Other pods on the control-plane node (CoreDNS on a fresh cluster), under a caption that says
   * why they may cook in the office.
   */
  officeCooksTitle: Point | null;
  /** The caption's room: lines (two on a narrow office) and width. */
  officeCooksLines: number;
  officeCooksWidth: number;
  staff: Box[];
  /** Pods no kitchen has taken yet (Pending without a node): tickets on the expediter's board. */
  pendingTitle: Point | null;
  pending: Box[];
  /** Tickets not drawn (and 1 for owners left off): then the last box is a "+N" ticket. */
  pendingHidden: number;
}

export interface DiningLayout {
  box: Box;
  floor: Box;
  customers: Spot;
  /** One table per Service. */
  services: Box[];
  hiddenServices: number;
}

export interface SceneLayout {
  width: number;
  height: number;
  office: OfficeLayout;
  kitchens: KitchenLayout[];
  dining: DiningLayout;
  /** Kitchens per row. */
  columns: number;
  /** The corridor under the office (a horizontal line messages travel on). */
  corridorY: number;
}

export interface LayoutInput {
  width: number;
  /** Pods on the control-plane node drawn as stations (not the office staff's own). */
  officePods: number;
  /** Tickets for pods bound to no node yet: one per pod, or one per owner when there are many. */
  pendingPods: number;
  /** Pending pods on no ticket of their own (owners left off the board): a last "+N" ticket. */
  pendingMore?: boolean;
  workers: { name: string; pods: number }[];
  services: number;
}

export const GAP = 20;
export const INNER = 12;
export const HEADER_H = 32;
/** A spot: figure 46 px, label lines 13 px each. */
export const FIGURE_H = 46;
export const LINE_H = 13;
export const KITCHEN_MIN_W = 400;
export const STATION_W = 124;
export const STATION_H = 80;
export const STATION_GAP = 8;
export const TILE = 34;
export const TILE_GAP = 6;
/** More pods than this on one node: compact tiles. */
export const FULL_MAX = 12;
/** Rows of compact tiles before the rest are grouped as "+N more". */
export const COMPACT_ROWS = 5;
/**
 * Compact tiles in the whole scene: with many kitchens each gets fewer rows (one at least), so
 * ten nodes of 110 pods draw a few hundred cooks, not 1,100, and each kitchen still reads "+N".
 */
export const TILES_MAX = 240;
export const MINI_W = 170;
export const MINI_H = 28;
export const TABLE_W = 196;
export const TABLE_H = 62;
/** Tickets on the expediter's board: past this many pending pods, they are grouped by owner. */
export const PENDING_MAX = 12;
const TABLES_MAX = 12;
/** A caption line of 12 px text. */
const CAPTION_LINE_H = 15;

function fitCount(width: number, itemW: number, gap: number): number {
  return Math.max(1, Math.floor((width + gap) / (itemW + gap)));
}

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

/** A spot with its words above the figure (the office). */
function spotWordsAbove(x: number, y: number, w: number, lines: number): Spot {
  const words = lines * LINE_H + 4;
  return {
    x,
    y,
    w,
    h: words + FIGURE_H,
    figure: { x, y: y + words, w, h: FIGURE_H },
    labelY: y + LINE_H - 2,
  };
}

/** A spot with its words under the figure (the kitchens, the dining room). */
function spotWordsBelow(x: number, y: number, w: number, lines: number): Spot {
  return {
    x,
    y,
    w,
    h: FIGURE_H + 2 + lines * LINE_H,
    figure: { x, y, w, h: FIGURE_H },
    labelY: y + FIGURE_H + LINE_H - 1,
  };
}

export function layoutScene(input: LayoutInput): SceneLayout {
  const width = Math.max(300, Math.floor(input.width));
  // A phone keeps its few pixels for the rooms; the margin is the first aisle.
  const pad = width < 520 ? 10 : GAP;
  const inner = width - 2 * pad;
  let y = 8;

  const office = layoutOffice(input, pad, y, inner);
  y += office.box.h + GAP;
  const corridorY = y - GAP / 2;

  const n = input.workers.length;
  const columns = Math.max(1, Math.min(n, fitCount(inner, KITCHEN_MIN_W, GAP)));
  const kw = Math.floor((inner - (columns - 1) * GAP) / columns);
  const rowsMax = compactRows(kw, n);
  const kitchens: KitchenLayout[] = [];
  for (let row = 0; row * columns < n; row++) {
    const rowItems = input.workers.slice(row * columns, row * columns + columns);
    const rowH = Math.max(...rowItems.map((w) => kitchenHeight(kw, w.pods, rowsMax)));
    rowItems.forEach((w, i) => {
      kitchens.push(layoutKitchen(w.name, w.pods, pad + i * (kw + GAP), y, kw, rowH, rowsMax));
    });
    y += rowH + GAP;
  }

  const dining = layoutDining(input.services, pad, y, inner);
  y += dining.box.h + 8;

  return { width, height: y, office, kitchens, dining, columns, corridorY };
}

function layoutOffice(input: LayoutInput, x: number, y0: number, w: number): OfficeLayout {
  const innerX = x + INNER;
  const innerW = w - 2 * INNER;
  let y = y0 + HEADER_H;
  // The "no cooking here" sign hangs on the title row's right, or on its own row when narrow.
  const signW = 220;
  const narrow = innerW < 600;
  const sign: Box = narrow
    ? { x: innerX, y: y + 2, w: signW, h: 24 }
    : { x: x + w - INNER - signW - 110, y: y0 + 5, w: signW, h: 24 };
  if (narrow) y += 30;

  // Things with words come first, so that messages leaving the staff downwards meet none.
  const miniCols = fitCount(innerW, MINI_W, 8);
  const miniW = Math.floor((innerW - (miniCols - 1) * 8) / miniCols);
  let pendingTitle: Point | null = null;
  let pending: Box[] = [];
  let pendingHidden = 0;
  const more = input.pendingMore ? 1 : 0;
  if (input.pendingPods + more > 0) {
    const room = PENDING_MAX - more;
    const shown = input.pendingPods > room ? PENDING_MAX - 1 : input.pendingPods;
    pendingHidden = input.pendingPods - shown + more;
    pendingTitle = { x: innerX, y: y + 14 };
    pending = grid(shown + (pendingHidden ? 1 : 0), innerX, y + 22, miniCols, miniW, MINI_H, 6);
    y += 22 + rowsHeight(pending.length, miniCols, MINI_H, 6) + 8;
  }
  let officeCooksTitle: Point | null = null;
  const officeCooksLines = narrow ? 2 : 1;
  if (input.officePods > 0) {
    officeCooksTitle = { x: innerX, y: y + 14 };
    y += 20 + (officeCooksLines - 1) * CAPTION_LINE_H;
  }
  const staff = grid(input.officePods, innerX, y + 2, miniCols, miniW, MINI_H, 6);
  if (input.officePods > 0) y += rowsHeight(input.officePods, miniCols, MINI_H, 6) + 10;
  // The staff caption fits on the title row on wide screens (FrontOffice places it by the sign).
  const staffCaption = !narrow;

  // Eight places: order slip, desk, ledger, expediter, floor manager; the office's own head
  // chef, stoves and waiter. One row when it fits, else two.
  const count = 8;
  const cols = innerW >= 8 * 92 + 7 * 6 ? 8 : 4;
  const spotW = Math.min(128, Math.floor((innerW - (cols - 1) * 6) / cols));
  const gapX = cols > 1 ? Math.min(28, (innerW - cols * spotW) / (cols - 1)) : 0;
  const used = cols * spotW + (cols - 1) * gapX;
  const left = innerX + (innerW - used) / 2;
  const spotH = 3 * LINE_H + 4 + FIGURE_H;
  const spots = Array.from({ length: count }, (_, i) =>
    spotWordsAbove(
      left + (i % cols) * (spotW + gapX),
      y + 2 + Math.floor(i / cols) * (spotH + 8),
      spotW,
      3,
    ),
  );
  y += 2 + rowsHeight(count, cols, spotH, 8) + 10;

  const [kubectl, desk, ledger, scheduler, controllerManager, chef, stoves, waiter] = spots;
  const box = { x, y: y0, w, h: y - y0 };
  return {
    box,
    floor: { x, y: y0 + HEADER_H - 4, w, h: y - y0 - HEADER_H + 4 },
    sign,
    staffCaption,
    kubectl,
    desk,
    ledger,
    scheduler,
    controllerManager,
    chef,
    stoves,
    waiter,
    officeCooksTitle,
    officeCooksLines,
    officeCooksWidth: innerW - 20,
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

/** Rows of compact tiles a kitchen gets: COMPACT_ROWS, fewer when many kitchens share TILES_MAX. */
function compactRows(kw: number, kitchens: number): number {
  const cols = fitCount(kw - 2 * INNER, TILE, TILE_GAP);
  return Math.max(
    1,
    Math.min(COMPACT_ROWS, Math.floor(TILES_MAX / (cols * Math.max(1, kitchens)))),
  );
}

function stationGrid(kw: number, pods: number, rowsMax: number): StationGrid {
  const innerW = kw - 2 * INNER;
  if (pods <= FULL_MAX) {
    const cols = fitCount(innerW, STATION_W, STATION_GAP);
    const w = Math.min(170, Math.floor((innerW - (cols - 1) * STATION_GAP) / cols));
    return { mode: 'full', cols, w, h: STATION_H, gap: STATION_GAP, shown: pods, hidden: 0 };
  }
  const cols = fitCount(innerW, TILE, TILE_GAP);
  const max = cols * rowsMax;
  const shown = pods > max ? max - 1 : pods;
  return { mode: 'compact', cols, w: TILE, h: TILE, gap: TILE_GAP, shown, hidden: pods - shown };
}

/** The pass row (chef, rail, stoves, chart, waiter): one row, or two on a narrow kitchen. */
function passRows(kw: number): 1 | 2 {
  return kw - 2 * INNER >= 396 ? 1 : 2;
}

const SPOT_BELOW_H = FIGURE_H + 2 + 3 * LINE_H;

function staffHeight(kw: number): number {
  return passRows(kw) * (SPOT_BELOW_H + 6);
}

function kitchenHeight(kw: number, pods: number, rowsMax: number): number {
  const g = stationGrid(kw, pods, rowsMax);
  const tiles = g.shown + (g.hidden ? 1 : 0);
  const stations = Math.max(g.mode === 'full' ? 40 : g.h, rowsHeight(tiles, g.cols, g.h, g.gap));
  return HEADER_H + 10 + staffHeight(kw) + 6 + stations + INNER + 4;
}

function layoutKitchen(
  name: string,
  pods: number,
  x: number,
  y: number,
  w: number,
  h: number,
  rowsMax: number,
): KitchenLayout {
  const innerX = x + INNER;
  const innerW = w - 2 * INNER;
  const top = y + HEADER_H + 10;
  const rows = passRows(w);
  const chefW = 74;
  const chartW = 100;
  const waiterW = 70;
  const railW = 40;
  let chef: Spot;
  let stoves: Spot;
  let chart: Spot;
  let waiter: Spot;
  let rail: Box;
  if (rows === 1) {
    const stovesW = innerW - chefW - railW - chartW - waiterW - 4 * 6;
    chef = spotWordsBelow(innerX, top, chefW, 3);
    rail = { x: innerX + chefW + 2, y: top + 4, w: railW, h: FIGURE_H - 8 };
    stoves = spotWordsBelow(innerX + chefW + railW + 12, top, stovesW, 3);
    chart = spotWordsBelow(stoves.x + stovesW + 6, top, chartW, 3);
    waiter = spotWordsBelow(chart.x + chartW + 6, top, waiterW, 3);
  } else {
    const stovesW = innerW - chefW - railW - 12;
    const second = top + SPOT_BELOW_H + 6;
    chef = spotWordsBelow(innerX, top, chefW, 3);
    rail = { x: innerX + chefW + 2, y: top + 4, w: railW, h: FIGURE_H - 8 };
    stoves = spotWordsBelow(innerX + chefW + railW + 12, top, stovesW, 3);
    waiter = spotWordsBelow(innerX + innerW - waiterW, second, waiterW, 3);
    chart = spotWordsBelow(waiter.x - chartW - 6, second, chartW, 3);
  }
  const burners = Math.max(2, Math.min(8, Math.floor((stoves.w - 16) / 22)));
  const g = stationGrid(w, pods, rowsMax);
  const stationsTop = top + staffHeight(w) + 6;
  const boxes = grid(g.shown + (g.hidden ? 1 : 0), innerX, stationsTop, g.cols, g.w, g.h, g.gap);
  const more = g.hidden ? (boxes.pop() ?? null) : null;
  return {
    name,
    box: { x, y, w, h },
    floor: { x, y: y + HEADER_H, w, h: h - HEADER_H },
    chef,
    rail,
    stoves,
    burners,
    chart,
    waiter,
    hatch: { x, y: chef.figure.y + chef.figure.h / 2 },
    door: { x: waiter.x + waiter.w / 2, y: y + h },
    aisleX: x - GAP / 2,
    mode: g.mode,
    stations: boxes,
    hidden: g.hidden,
    more,
  };
}

function layoutDining(services: number, x: number, y: number, w: number): DiningLayout {
  const innerX = x + INNER;
  const innerW = w - 2 * INNER;
  const top = y + HEADER_H + 4;
  const customers = spotWordsBelow(innerX, top, 90, 2);
  const left = innerX + 90 + 14;
  const cardsW = innerX + innerW - left;
  const cols = fitCount(cardsW, TABLE_W, 10);
  const cw = Math.min(250, Math.floor((cardsW - (cols - 1) * 10) / cols));
  const shown = Math.min(services, TABLES_MAX);
  const tables = grid(shown, left, top, cols, cw, TABLE_H, 8);
  const h = HEADER_H + 4 + Math.max(customers.h, rowsHeight(shown, cols, TABLE_H, 8)) + INNER - 2;
  return {
    box: { x, y, w, h },
    floor: { x, y: y + HEADER_H, w, h: h - HEADER_H },
    customers,
    services: tables,
    hiddenServices: services - shown,
  };
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
