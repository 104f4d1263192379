/**
 * A pod as a station: the counter (the pause container holding the pod's network) with its cooks
 * (containers) standing on it. Three sizes: a full card with cooks, a compact tile (many pods on
 * one node) and a one-line mini card (office staff, orders waiting for a kitchen). Each station
 * subscribes to its own pod view only.
 */
import { Zap } from 'lucide-react';
import { memo } from 'react';
import type { ContainerView, PodView } from '../store';
import type { Box } from './layout';
import { cookState, fitText, podByKey, podId, podTone } from './model';
import { FocusRing, StatusMark, useLit, useSelected } from './parts';
import { useScene, useSceneT } from './sceneStore';

export type StationSize = 'full' | 'compact' | 'mini' | 'strip';

interface StationProps {
  podKey: string;
  box: Box;
  size: StationSize;
  zone: string;
  /** The node it stands in (`node/worker-1`), for the highlight. */
  nodeId: string;
  /** A static pod: the office staff member above is a cook too. */
  staff?: boolean;
  /** The tab stop of its zone (the first order waiting for a kitchen). */
  tabStop?: boolean;
}

export const Station = memo(function Station({
  podKey,
  box,
  size,
  zone,
  nodeId,
  staff,
  tabStop,
}: StationProps) {
  const t = useSceneT();
  const pod = useScene((s) => podByKey(s.frame.pods, podKey));
  const id = podId(podKey);
  const lit = useLit(id, [nodeId], (h) => h.startsWith(`container/${podKey}/`));
  const selected = useSelected(id);
  if (!pod) return null;
  const tone = podTone(pod);
  const cls = `station size-${size} tone-${tone} lit-${lit}${selected ? ' selected' : ''}${
    pod.mirror ? ' mirror' : ''
  }`;
  return (
    <g
      className={cls}
      role="group"
      aria-label={`${pod.name}, ${pod.status}`}
      tabIndex={tabStop ? 0 : -1}
      data-nav=""
      data-zone={zone}
      data-select={id}
    >
      <FocusRing box={box} r={size === 'compact' ? 5 : 8} />
      <rect
        className="station-bg"
        x={box.x}
        y={box.y}
        width={box.w}
        height={box.h}
        rx={size === 'compact' || size === 'strip' ? 5 : 8}
      />
      {size === 'full' ? (
        <FullStation pod={pod} box={box} zone={zone} tone={tone} />
      ) : size === 'mini' ? (
        <MiniStation pod={pod} box={box} tone={tone} />
      ) : size === 'strip' ? (
        <>
          <StatusMark tone={tone} x={box.x + 5} y={box.y + 5} />
          <text className="station-status strip-text" x={box.x + 23} y={box.y + 16}>
            {fitText(pod.status, Math.floor((box.w - 25) / 5.9))}
          </text>
          <title>{`${pod.name}: ${pod.status}${staff ? ` — ${t('kitchen.staff')}` : ''}`}</title>
        </>
      ) : (
        <>
          <StatusMark tone={tone} x={box.x + box.w / 2 - 8} y={box.y + box.h / 2 - 8} size={16} />
          <title>{`${pod.name}: ${pod.status}`}</title>
        </>
      )}
    </g>
  );
});

function MiniStation({
  pod,
  box,
  tone,
}: {
  pod: PodView;
  box: Box;
  tone: ReturnType<typeof podTone>;
}) {
  const statusW = Math.min(110, pod.status.length * 6.4 + 4);
  const nameChars = Math.max(6, Math.floor((box.w - 30 - statusW) / 6.9));
  return (
    <>
      <StatusMark tone={tone} x={box.x + 8} y={box.y + 8} />
      <text className="station-name" x={box.x + 28} y={box.y + 19.5}>
        {fitText(pod.name, nameChars)}
      </text>
      <text className="station-status" x={box.x + box.w - 8} y={box.y + 19.5} textAnchor="end">
        {pod.status}
      </text>
    </>
  );
}

const COOK_W = 46;
const COOKS_SHOWN = 3;

function FullStation({
  pod,
  box,
  zone,
  tone,
}: {
  pod: PodView;
  box: Box;
  zone: string;
  tone: ReturnType<typeof podTone>;
}) {
  const nameChars = Math.floor((box.w - 34) / 7.1);
  const cooks = pod.containers
    .filter((c) => !c.init || c.state === 'running')
    .slice(0, COOKS_SHOWN);
  const extra = pod.containers.length - cooks.length;
  const restarts = pod.restarts.split(' ')[0];
  return (
    <>
      <StatusMark tone={tone} x={box.x + 8} y={box.y + 8} />
      <text className="station-name" x={box.x + 28} y={box.y + 19.5}>
        {fitText(pod.name, nameChars)}
      </text>
      <text className="station-status" x={box.x + 28} y={box.y + 33}>
        {pod.status}
        {restarts !== '0' ? ` ↻${restarts}` : ''}
      </text>
      {pod.podIP && box.w >= 150 && (
        <text className="station-ip" x={box.x + box.w - 8} y={box.y + box.h - 16} textAnchor="end">
          {pod.podIP}
        </text>
      )}
      {/* The counter: the pause container holding the pod's network namespace and IP. */}
      <rect
        className={`counter${pod.podIP ? '' : ' unbuilt'}`}
        x={box.x + 6}
        y={box.y + box.h - 10}
        width={box.w - 12}
        height={5}
        rx={2.5}
        aria-hidden="true"
      />
      {cooks.map((c, i) => (
        <Cook
          key={c.name}
          pod={pod}
          container={c}
          x={box.x + 10 + i * COOK_W}
          baseY={box.y + box.h - 10}
          zone={zone}
        />
      ))}
      {extra > 0 && (
        <text
          className="station-status"
          x={box.x + box.w - 8}
          y={box.y + box.h - 16}
          textAnchor="end"
        >
          +{extra}
        </text>
      )}
    </>
  );
}

/** A cook (container) on the counter: working, warming up, collapsed (back-off) or arriving. */
function Cook({
  pod,
  container: c,
  x,
  baseY,
  zone,
}: {
  pod: PodView;
  container: ContainerView;
  x: number;
  baseY: number;
  zone: string;
}) {
  const t = useSceneT();
  const state = cookState(c);
  const id = `container/${pod.key}/${c.name}`;
  const selected = useSelected(id);
  const box = { x, y: baseY - 26, w: 22, h: 26 };
  const canCrash = c.state === 'running';
  return (
    <>
      <g
        className={`cook cook-${state}${selected ? ' selected' : ''}`}
        role="button"
        tabIndex={-1}
        data-nav=""
        data-zone={zone}
        data-select={id}
        aria-label={t('kitchen.cookName', {
          name: c.name,
          state: t(`kitchen.cookState.${state}`),
          restarts: c.restartCount,
        })}
      >
        <FocusRing box={box} r={4} />
        <g className="cook-body" aria-hidden="true">
          {/* A cook in the icon stroke style: toque, head, shoulders. */}
          <path
            d={`M${x + 5} ${baseY - 20}h12v-2.5a3 3 0 0 0-2-2.8 3.5 3.5 0 0 0-8 0 3 3 0 0 0-2 2.8Z`}
            className="cook-hat"
          />
          <circle cx={x + 11} cy={baseY - 14.5} r={3.6} />
          <path d={`M${x + 3.5} ${baseY - 1}v-2.5a7.5 5.5 0 0 1 15 0v2.5`} />
        </g>
      </g>
      {canCrash && (
        <g
          className="crash"
          role="button"
          tabIndex={-1}
          data-nav=""
          data-zone={zone}
          data-line={`crash ${pod.namespace}/${pod.name} ${c.name}`}
          aria-label={t('kitchen.crash', { name: c.name })}
        >
          <FocusRing box={{ x: x + 24, y: baseY - 27, w: 20, h: 20 }} r={10} />
          <circle cx={x + 34} cy={baseY - 17} r={10} className="crash-bg" />
          <Zap
            x={x + 27.5}
            y={baseY - 23.5}
            width={13}
            height={13}
            strokeWidth={2.25}
            aria-hidden="true"
          />
        </g>
      )}
    </>
  );
}
