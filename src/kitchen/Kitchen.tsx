/**
 * A kitchen (worker node), seen from above: the tiled floor inside its walls, a hatch in the left
 * wall where orders come in, the pass with the head chef (kubelet) and the ticket rail (the pods
 * bound here), the stove line (container runtime) with a burner lit per running container, the
 * seating chart (kube-proxy's rules) and the waiter (kube-proxy) by the door to the dining room,
 * and one station per pod. It subscribes to its own node's few fields; each station to its pod.
 */
import { PowerOff, Utensils } from 'lucide-react';
import { AnimatePresence, m } from 'motion/react';
import { memo, useContext } from 'react';
import { useShallow } from 'zustand/react/shallow';
import { Badge, Burner, Chart, DoorSwing, Person, Ticket } from './art';
import { FirstDrawing } from './firstDrawing';
import type { Box, KitchenLayout, Spot } from './layout';
import type { NodeShape } from './model';
import { formatCount } from './PendingTickets';
import { FocusRing, Pill, SpotPlace, textWidth, useLabels, useLit, useSelected } from './parts';
import { Station } from './Station';
import { useScene, useSceneT } from './sceneStore';
import { useSceneTransition } from './useInstant';

export interface NodeBits {
  status: string;
  ready: boolean;
  up: boolean;
  kubelet: string;
  runtime: string;
  proxy: string;
  rules: boolean;
  /** Containers the runtime runs (lit burners). */
  running: number;
  /** NoSchedule / NoExecute taints, `unreachable:NoExecute` style, space-separated. */
  taints: string;
}

export function useNodeBits(name: string): NodeBits | null {
  return useScene(
    useShallow((s) => {
      const n = s.frame.nodes.find((x) => x.name === name);
      if (!n) return null;
      return {
        status: n.status,
        ready: n.ready,
        up: n.up,
        kubelet: n.kubelet,
        runtime: n.runtime,
        proxy: n.proxy,
        rules: n.rulesProgrammed,
        running: n.running,
        taints: n.taints
          .filter((t) => t.effect === 'NoExecute' || t.effect === 'NoSchedule')
          .map((t) => `${t.key.replace(/^node\.kubernetes\.io\//, '')}:${t.effect}`)
          .join(' '),
      };
    }),
  );
}

/** `unreachable:NoSchedule unreachable:NoExecute` → `unreachable:NoExecute` (the one that evicts). */
export function strongestTaint(taints: string): string {
  const all = taints.split(' ');
  return all.find((t) => t.endsWith(':NoExecute')) ?? all[0];
}

export function nodeTone(n: NodeBits): string {
  if (!n.up) return 'down';
  if (!n.ready) return 'bad';
  return n.status.includes('SchedulingDisabled') ? 'warn' : 'ok';
}

/** A box moved into a room's own coordinates. */
export function rel<T extends Box>(b: T, o: Box): T {
  return { ...b, x: b.x - o.x, y: b.y - o.y };
}

export function relSpot(s: Spot, o: Box): Spot {
  return { ...rel(s, o), figure: rel(s.figure, o), labelY: s.labelY - o.y };
}

/** The node's staff: head chef, stoves, waiter, seating chart (shared by kitchens and office). */
export function Staff({
  node,
  bits,
  chef,
  stoves,
  waiter,
  chart,
  burners,
  zone,
  proxyMode,
}: {
  node: string;
  bits: NodeBits;
  chef: Spot;
  stoves: Spot;
  waiter: Spot;
  chart?: Spot;
  burners: number;
  zone: string;
  proxyMode: string;
}) {
  const t = useSceneT();
  const nodeId = `node/${node}`;
  const anc = [nodeId];
  const down = !bits.up;
  const kubeletUp = bits.kubelet === 'up';
  const runtimeUp = bits.runtime === 'up';
  const proxyUp = bits.proxy === 'up';
  const dark = t('kitchen.state.nodeDown');
  const stoveW = Math.min(stoves.w - 8, burners * 22 + 14);
  return (
    <>
      <SpotPlace
        id={`kubelet/${node}`}
        spot={chef}
        kitchen={t('kitchen.chef')}
        kube="kubelet"
        state={kubeletUp ? 'up' : 'down'}
        stateText={down ? dark : kubeletUp ? t('kitchen.state.up') : t('kitchen.state.asleep')}
        zone={zone}
        ancestors={anc}
        quiet={down}
      >
        {kubeletUp || down ? (
          <Person kind="chef" pose="stand" />
        ) : (
          <>
            <Person kind="chef" pose="absent" />
            <g transform="translate(13 -30)">
              <Badge kind="moon" />
            </g>
          </>
        )}
      </SpotPlace>
      <SpotPlace
        id={`containerd/${node}`}
        spot={stoves}
        kitchen={t('kitchen.stoves')}
        kube="containerd"
        state={runtimeUp ? 'up' : 'down'}
        stateText={down ? dark : runtimeUp ? t('kitchen.state.up') : t('kitchen.state.cold')}
        zone={zone}
        ancestors={anc}
        quiet={down}
      >
        <StoveLine width={stoveW} burners={burners} lit={bits.running} gasOn={runtimeUp} />
      </SpotPlace>
      {chart && (
        <SpotPlace
          id={`rules/${node}`}
          spot={chart}
          kitchen={t('kitchen.chart')}
          kube={proxyMode === 'ipvs' ? 'IPVS rules' : 'iptables'}
          state={!bits.rules ? 'idle' : proxyUp || down ? 'up' : 'warn'}
          stateText={
            !bits.rules
              ? t('kitchen.state.noChart')
              : proxyUp || down
                ? t('kitchen.state.up')
                : t('kitchen.state.chartWorks')
          }
          zone={zone}
          ancestors={anc}
          quiet={down}
        >
          <g transform="translate(0 -18)">
            <Chart written={bits.rules} w={36} h={28} />
          </g>
        </SpotPlace>
      )}
      <SpotPlace
        id={`kube-proxy/${node}`}
        spot={waiter}
        kitchen={t('kitchen.waiter')}
        kube="kube-proxy"
        state={proxyUp ? 'up' : 'down'}
        stateText={down ? dark : proxyUp ? t('kitchen.state.up') : t('kitchen.state.still')}
        zone={zone}
        ancestors={anc}
        quiet={down}
      >
        <Person kind="waiter" pose={proxyUp || down ? 'stand' : 'still'} />
        {/* The waiter holds the chart: even standing still, the old one keeps seating people. */}
        <g transform="translate(13 -12)">
          <Chart written={bits.rules} w={11} h={14} />
        </g>
        {!proxyUp && !down && (
          <g transform="translate(-13 -30)">
            <Badge kind="pause" />
          </g>
        )}
      </SpotPlace>
    </>
  );
}

/** The stove line: burners in a row, lit one per running container; the gas knob at its end. */
function StoveLine({
  width,
  burners,
  lit,
  gasOn,
}: {
  width: number;
  burners: number;
  lit: number;
  gasOn: boolean;
}) {
  const left = -width / 2;
  return (
    <g className={`stove-line${gasOn ? '' : ' gas-off'}`}>
      <rect className="stove-top" x={left} y={-34} width={width} height={30} rx={4} />
      {Array.from({ length: burners }, (_, i) => (
        // biome-ignore lint/suspicious/noArrayIndexKey: burners are positions
        <g key={i} transform={`translate(${left + 12 + i * 22} -19)`}>
          {/* Lit burners stay lit with the gas off: running containers survive the runtime. */}
          <Burner lit={i < lit} />
        </g>
      ))}
      <g className="gas-knob" transform={`translate(${left + width - 6} -8)`}>
        <circle r={3.5} />
        <path d={gasOn ? 'M0 0v-3' : 'M0 0h3'} />
      </g>
      {lit > burners && (
        <path
          className="more-flames"
          d={`M${left + width - 12} -30h6M${left + width - 12} -26h6`}
        />
      )}
    </g>
  );
}

export const Kitchen = memo(function Kitchen({
  layout: k,
  shape,
}: {
  layout: KitchenLayout;
  shape: NodeShape;
}) {
  const pods = shape.pods;
  const t = useSceneT();
  const bits = useNodeBits(k.name);
  const mode = useLabels();
  const proxyMode = useScene((s) => s.frame.proxyMode);
  const fade = useSceneTransition({
    opacity: { duration: 0.4 },
    x: { duration: 0 },
    y: { duration: 0 },
  });
  const dim = useSceneTransition({ duration: 0.6 });
  const firstDrawing = useContext(FirstDrawing).current;
  const zone = `node/${k.name}`;
  if (!bits) return null;
  const o = k.box;
  const shown = pods.slice(0, k.stations.length);
  const floor = rel(k.floor, o);
  const hatch = rel({ ...k.hatch, w: 0, h: 0 }, o);
  const door = rel({ ...k.door, w: 0, h: 0 }, o);
  const rail = rel(k.rail, o);
  const tickets = pods.length + (shape.strips.waiter ? 1 : 0);
  const stationTop = k.stations[0] ? k.stations[0].y - o.y : floor.y + floor.h - 50;
  return (
    <m.g
      className={`kitchen${bits.up ? '' : ' is-down'}`}
      role="group"
      aria-label={`${k.name}, ${bits.status}`}
      initial={firstDrawing ? false : { opacity: 0, x: o.x, y: o.y }}
      animate={{ opacity: 1, x: o.x, y: o.y }}
      exit={{ opacity: 0 }}
      // A kitchen fades in when it joins and out when it leaves, but jumps to a new place at
      // once: messages already travel to where it is now, and must not cross its words.
      transition={fade}
    >
      <Floor floor={floor} hatchY={hatch.y} doorX={door.x} closed={!bits.up} />
      <RoomHeader
        id={zone}
        box={{ x: 0, y: 0, w: o.w, h: o.h }}
        icon={Utensils}
        kitchen={t('kitchen.kitchen', { name: k.name })}
        kube={`Node ${k.name}`}
        sub="Node"
        status={bits.status}
        tone={nodeTone(bits)}
        ariaLabel={`${t('kitchen.nodeHeader', { name: k.name, status: bits.status })}${
          bits.taints ? `; ${bits.taints}` : ''
        }`}
        notice={
          !bits.up
            ? t('kitchen.lightsOut')
            : bits.taints
              ? mode === 'kubernetes'
                ? strongestTaint(bits.taints)
                : t('kitchen.noNewOrders')
              : undefined
        }
        noticeTone={bits.up ? 'warn' : 'bad'}
        noticeIcon={!bits.up}
        zone={zone}
        contains={(h) =>
          h.endsWith(`/${k.name}`) ||
          [...pods, shape.strips.waiter ?? ''].some(
            (p) => h === `pod/${p}` || h.startsWith(`container/${p}/`),
          )
        }
      />
      {/* The pass: the counter the head chef works at, with the ticket rail over it. */}
      <g className="pass" aria-hidden="true">
        <rect
          className="pass-counter"
          x={rail.x - 4}
          y={rail.y + rail.h - 8}
          width={rail.w + 4}
          height={8}
          rx={2}
        />
        <path className="rail" d={`M${rail.x} ${rail.y + 2}h${rail.w}`} />
        {Array.from({ length: Math.min(tickets, 4) }, (_, i) => (
          // biome-ignore lint/suspicious/noArrayIndexKey: tickets are positions on the rail
          <g key={i} transform={`translate(${rail.x + 6 + i * 10} ${rail.y + 2})`}>
            <Ticket />
          </g>
        ))}
        {tickets > 4 && (
          <path
            className="ticket-more"
            d={`M${rail.x + 4} ${rail.y + 17}h${rail.w - 8}M${rail.x + 4} ${rail.y + 20}h${rail.w - 8}`}
          />
        )}
      </g>
      <Staff
        node={k.name}
        bits={bits}
        chef={relSpot(k.chef, o)}
        stoves={relSpot(k.stoves, o)}
        waiter={relSpot(k.waiter, o)}
        chart={relSpot(k.chart, o)}
        burners={k.burners}
        zone={zone}
        proxyMode={proxyMode}
      />
      {pods.length === 0 && (
        <text className="section-title" x={o.w / 2} y={stationTop + 24} textAnchor="middle">
          {t(mode === 'kubernetes' ? 'kitchen.emptyKube' : 'kitchen.empty')}
        </text>
      )}
      <AnimatePresence initial={false}>
        {shown.map((key, i) => (
          <Station
            key={key}
            podKey={key}
            box={rel(k.stations[i], o)}
            size={k.mode === 'full' ? 'full' : 'compact'}
            zone={zone}
            nodeId={zone}
          />
        ))}
      </AnimatePresence>
      {k.more && <More box={rel(k.more, o)} hidden={k.hidden} />}
      <m.rect
        className="lights-out"
        x={floor.x}
        y={floor.y}
        width={floor.w}
        height={floor.h}
        rx={6}
        initial={false}
        animate={{ opacity: bits.up ? 0 : 1 }}
        transition={dim}
        pointerEvents="none"
        aria-hidden="true"
      />
    </m.g>
  );
});

/** "+N more stations": a tile naming how many pods are not drawn one by one. */
function More({ box, hidden }: { box: Box; hidden: number }) {
  const t = useSceneT();
  const said = t('kitchen.more', { count: formatCount(hidden) });
  return (
    <g className="more" role="img" aria-label={said}>
      <rect x={box.x} y={box.y} width={box.w} height={box.h} rx={5} />
      <text
        x={box.x + box.w / 2}
        y={box.y + box.h / 2 + 4}
        textAnchor="middle"
        textLength={hidden >= 1000 ? box.w - 4 : undefined}
        lengthAdjust="spacingAndGlyphs"
        aria-hidden="true"
      >
        +{formatCount(hidden)}
      </text>
      <title>{said}</title>
    </g>
  );
}

/**
 * A room's tiled floor and the walls round it, with a hatch in the left wall (orders come in) and
 * a door in the bottom wall (customers come in from the dining room); a dark kitchen's door is
 * shut. `kind` picks the office's or the dining room's floor.
 */
export function Floor({
  floor: f,
  kind,
  hatchY,
  doorX,
  closed = false,
}: {
  floor: Box;
  kind?: 'office' | 'dining';
  hatchY?: number;
  doorX?: number;
  closed?: boolean;
}) {
  const right = f.x + f.w;
  const bottom = f.y + f.h;
  const left =
    hatchY === undefined
      ? `M${f.x} ${f.y}V${bottom}`
      : `M${f.x} ${f.y}V${hatchY - 11}M${f.x} ${hatchY + 11}V${bottom}`;
  const base =
    doorX === undefined
      ? `M${f.x} ${bottom}H${right}`
      : `M${f.x} ${bottom}H${doorX - 15}M${doorX + 15} ${bottom}H${right}`;
  return (
    <>
      <rect
        className={`floor${kind ? ` ${kind}-floor` : ''}`}
        x={f.x}
        y={f.y}
        width={f.w}
        height={f.h}
        rx={6}
      />
      <g className="walls" aria-hidden="true">
        <path d={`M${f.x} ${f.y}H${right}V${bottom}`} />
        <path d={left} />
        <path d={base} />
        {hatchY !== undefined && (
          <path
            className="hatch-sill"
            d={`M${f.x - 3} ${hatchY - 11}v22M${f.x + 3} ${hatchY - 11}v22`}
          />
        )}
        {doorX !== undefined && (
          <g transform={`translate(${doorX - 15} ${bottom})`}>
            <DoorSwing w={30} closed={closed} />
          </g>
        )}
      </g>
    </>
  );
}

/** A room's title: the zone's tab stop, selects the node (or the room); status and a notice. */
export function RoomHeader({
  id,
  box,
  icon: Icon,
  kitchen,
  kube,
  sub,
  status,
  tone,
  ariaLabel,
  zone,
  contains,
  notice,
  noticeTone = 'warn',
  noticeIcon = false,
  reserveRight = 0,
}: {
  id: string;
  box: Box;
  icon: typeof Utensils;
  kitchen: string;
  kube: string;
  /** What Both mode adds after the kitchen name. */
  sub: string;
  status?: string;
  tone?: string;
  ariaLabel: string;
  zone: string;
  contains?: (h: string) => boolean;
  /** A second pill left of the status (taints, lights out), drawn when there is room. */
  notice?: string;
  noticeTone?: string;
  noticeIcon?: boolean;
  /** Pixels kept free at the right end (a sign hangs there). */
  reserveRight?: number;
}) {
  const mode = useLabels();
  const lit = useLit(id, [], contains);
  const selected = useSelected(id);
  const l1 = mode === 'kubernetes' ? kube : kitchen;
  const pillW = status ? textWidth(status, 11) + 30 : 0;
  const noticeW = notice ? textWidth(notice, 11) + 22 + (noticeIcon ? 16 : 0) : 0;
  const titleW = textWidth(l1, 15) + 44;
  const right = box.w - reserveRight;
  const showNotice = !!notice && titleW + pillW + noticeW < right - 10;
  const room = right - 60 - pillW - (showNotice ? noticeW : 0);
  const l2 = mode === 'both' && textWidth(`${l1}  (${sub})`, 15) + 40 < room ? `(${sub})` : '';
  const head = {
    x: box.x + 6,
    y: box.y + 4,
    w: Math.min(titleW + (l2 ? textWidth(`  ${l2}`, 13) + 4 : 0), right - pillW - 20),
    h: 24,
  };
  return (
    <g
      className={`room-header lit-${lit}${selected ? ' selected' : ''}`}
      role="button"
      tabIndex={0}
      data-nav=""
      data-zone={zone}
      data-select={id}
      aria-label={ariaLabel}
      aria-pressed={selected}
    >
      <FocusRing box={head} r={6} />
      <rect className="plaque" x={head.x} y={head.y} width={head.w} height={head.h} rx={5} />
      <Icon
        x={box.x + 13}
        y={box.y + 8}
        width={16}
        height={16}
        strokeWidth={2}
        aria-hidden="true"
      />
      <text className="room-title" x={box.x + 35} y={box.y + 21}>
        {l1}
        {l2 ? <tspan className="room-sub">{`  ${l2}`}</tspan> : null}
      </text>
      {status && tone && (
        <Pill cx={box.x + right - 10} y={box.y + 7} text={status} tone={tone} anchor="end" />
      )}
      {showNotice && notice && (
        <g>
          <Pill
            cx={box.x + right - 10 - pillW + 8}
            y={box.y + 7}
            text={notice}
            tone={noticeTone}
            anchor="end"
            icon={noticeIcon ? PowerOff : undefined}
          />
        </g>
      )}
    </g>
  );
}
