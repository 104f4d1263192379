/**
 * A kitchen (worker node): its head chef (kubelet), stoves (container runtime), waiter
 * (kube-proxy) with the seating chart (rules), and one station per pod. It subscribes to its own
 * node's few fields; each station to its own pod.
 */
import {
  ChefHat,
  CookingPot,
  HandPlatter,
  Map as MapIcon,
  MoonStar,
  PowerOff,
  Utensils,
} from 'lucide-react';
import { memo } from 'react';
import { useShallow } from 'zustand/react/shallow';
import type { Box, KitchenLayout } from './layout';
import type { NodeShape } from './model';
import { Actor, FocusRing, Pill, Sign, textWidth, useLabels, useLit, useSelected } from './parts';
import { Station } from './Station';
import { useScene, useSceneT } from './sceneStore';

export interface NodeBits {
  status: string;
  ready: boolean;
  up: boolean;
  kubelet: string;
  runtime: string;
  proxy: string;
  rules: boolean;
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

/** The node's staff: head chef, stoves, waiter, seating chart (shared by kitchens and office). */
export function Staff({
  node,
  bits,
  chef,
  stoves,
  waiter,
  chart,
  zone,
  proxyMode,
}: {
  node: string;
  bits: NodeBits;
  chef: Box;
  stoves: Box;
  waiter: Box;
  chart?: Box;
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
  return (
    <>
      <Actor
        id={`kubelet/${node}`}
        box={chef}
        icon={kubeletUp ? ChefHat : MoonStar}
        kitchen={t('kitchen.chef')}
        kube="kubelet"
        state={kubeletUp ? 'up' : 'down'}
        stateText={down ? dark : kubeletUp ? t('kitchen.state.up') : t('kitchen.state.asleep')}
        zone={zone}
        ancestors={anc}
        quiet={down}
      />
      <Actor
        id={`containerd/${node}`}
        box={stoves}
        icon={CookingPot}
        kitchen={t('kitchen.stoves')}
        kube="containerd"
        state={runtimeUp ? 'up' : 'down'}
        stateText={down ? dark : runtimeUp ? t('kitchen.state.up') : t('kitchen.state.cold')}
        zone={zone}
        ancestors={anc}
        quiet={down}
      />
      <Actor
        id={`kube-proxy/${node}`}
        box={waiter}
        icon={HandPlatter}
        kitchen={t('kitchen.waiter')}
        kube="kube-proxy"
        state={proxyUp ? 'up' : 'down'}
        stateText={down ? dark : proxyUp ? t('kitchen.state.up') : t('kitchen.state.still')}
        zone={zone}
        ancestors={anc}
        quiet={down}
      />
      {chart && (
        <Actor
          id={`rules/${node}`}
          box={chart}
          icon={MapIcon}
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
        />
      )}
    </>
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
  const zone = `node/${k.name}`;
  if (!bits) return null;
  const shown = pods.slice(0, k.stations.length);
  return (
    <g
      className={`kitchen${bits.up ? '' : ' is-down'}`}
      role="group"
      aria-label={`${k.name}, ${bits.status}`}
    >
      <rect className="room-bg" x={k.box.x} y={k.box.y} width={k.box.w} height={k.box.h} rx={14} />
      <RoomHeader
        id={zone}
        box={k.box}
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
          bits.taints
            ? mode === 'kubernetes'
              ? strongestTaint(bits.taints)
              : t('kitchen.noNewOrders')
            : undefined
        }
        zone={zone}
        contains={(h) =>
          h.endsWith(`/${k.name}`) ||
          [...pods, shape.strips.waiter ?? ''].some(
            (p) => h === `pod/${p}` || h.startsWith(`container/${p}/`),
          )
        }
      />
      <Staff
        node={k.name}
        bits={bits}
        chef={k.chef}
        stoves={k.stoves}
        waiter={k.waiter}
        chart={k.chart}
        zone={zone}
        proxyMode={proxyMode}
      />
      {shape.strips.waiter && (
        <Station
          podKey={shape.strips.waiter}
          box={k.waiterStrip}
          size="strip"
          zone={zone}
          nodeId={zone}
        />
      )}
      {pods.length === 0 && (
        <text
          className="section-title"
          x={k.box.x + k.box.w / 2}
          y={k.box.y + k.box.h - 46}
          textAnchor="middle"
        >
          {t(mode === 'kubernetes' ? 'kitchen.emptyKube' : 'kitchen.empty')}
        </text>
      )}
      {shown.map((key, i) => (
        <Station
          key={key}
          podKey={key}
          box={k.stations[i]}
          size={k.mode === 'full' ? 'full' : 'compact'}
          zone={zone}
          nodeId={zone}
        />
      ))}
      {k.more && (
        <g className="more" role="img" aria-label={t('kitchen.more', { count: k.hidden })}>
          <rect x={k.more.x} y={k.more.y} width={k.more.w} height={k.more.h} rx={5} />
          <text x={k.more.x + k.more.w / 2} y={k.more.y + k.more.h / 2 + 4} textAnchor="middle">
            +{k.hidden}
          </text>
          <title>{t('kitchen.more', { count: k.hidden })}</title>
        </g>
      )}
      {!bits.up && (
        <>
          <rect
            className="lights-out"
            x={k.box.x}
            y={k.box.y + 36}
            width={k.box.w}
            height={k.box.h - 36}
            rx={14}
          />
          <Sign
            box={{ x: k.box.x + k.box.w / 2 - 70, y: k.box.y + 44, w: 140, h: 26 }}
            icon={PowerOff}
            text={t('kitchen.lightsOut')}
            tone="bad"
          />
        </>
      )}
    </g>
  );
});

/** A room's title bar: the zone's tab stop, selects the node (or the room). */
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
  /** A second pill left of the status (the kitchen's taints), drawn when there is room. */
  notice?: string;
}) {
  const mode = useLabels();
  const lit = useLit(id, [], contains);
  const selected = useSelected(id);
  const l1 = mode === 'kubernetes' ? kube : kitchen;
  const pillW = status ? textWidth(status, 11) + 30 : 0;
  const noticeW = notice ? textWidth(notice, 11) + 22 : 0;
  const titleW = textWidth(l1, 15.5) + 40;
  const showNotice = !!notice && titleW + pillW + noticeW < box.w - 10;
  const room = box.w - 60 - pillW - (showNotice ? noticeW : 0);
  const l2 = mode === 'both' && textWidth(`${l1}  (${sub})`, 15) < room ? `(${sub})` : '';
  const head = { x: box.x + 8, y: box.y + 6, w: Math.min(box.w - 16, 420), h: 28 };
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
      <Icon
        x={box.x + 14}
        y={box.y + 11}
        width={18}
        height={18}
        strokeWidth={2}
        aria-hidden="true"
      />
      <text className="room-title" x={box.x + 38} y={box.y + 25}>
        {l1}
        {l2 ? <tspan className="room-sub">{`  ${l2}`}</tspan> : null}
      </text>
      {status && tone && (
        <Pill cx={box.x + box.w - 14} y={box.y + 11} text={status} tone={tone} anchor="end" />
      )}
      {showNotice && notice && (
        <Pill
          cx={box.x + box.w - 14 - pillW + 8}
          y={box.y + 11}
          text={notice}
          tone="warn"
          anchor="end"
        />
      )}
    </g>
  );
}
