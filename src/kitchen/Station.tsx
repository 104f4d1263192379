/**
 * A pod as a station: a counter (the pause container holding the pod's network) with its cooks
 * (containers) behind it, each in a pose that tells its state, and a plate on the counter when
 * the pod is Ready. Three sizes: a full station, a compact tile (many pods on one node) and a
 * one-line ticket (orders waiting for a kitchen, other pods in the office). Each station
 * subscribes to its own pod view only, and is drawn in its own coordinates so it can glide to
 * a new place when the kitchen's stations move.
 */
import { Zap } from 'lucide-react';
import { AnimatePresence, m } from 'motion/react';
import { memo, useRef } from 'react';
import type { ContainerView, PodView } from '../store';
import {
  Burner,
  Clock,
  Crate,
  HungApron,
  Pan,
  Person,
  Plate,
  PlateStack,
  type Pose,
  Smoke,
  Ticket,
} from './art';
import type { Box } from './layout';
import { type CookState, cookState, fitText, podByKey, podId, podTone } from './model';
import { FocusRing, StatusMark, useLabels, useLit, useSelected } from './parts';
import { useScene, useSceneT } from './sceneStore';
import { useSceneTransition } from './useInstant';

export type StationSize = 'full' | 'compact' | 'mini';

interface StationProps {
  podKey: string;
  box: Box;
  size: StationSize;
  zone: string;
  /** The node it stands in (`node/worker-1`), for the highlight and the runtime's pulls. */
  nodeId: string;
  /** The tab stop of its zone (the first order waiting for a kitchen). */
  tabStop?: boolean;
}

export const Station = memo(function Station({
  podKey,
  box,
  size,
  zone,
  nodeId,
  tabStop,
}: StationProps) {
  const live = useScene((s) => podByKey(s.frame.pods, podKey));
  // A pod that is gone keeps its last look while it fades out.
  const last = useRef(live);
  if (live) last.current = live;
  const pod = live ?? last.current;
  const node = nodeId.startsWith('node/') ? nodeId.slice(5) : '';
  const pulling = useScene((s) => s.frame.nodes.find((n) => n.name === node)?.pulling.join(' '));
  const id = podId(podKey);
  const lit = useLit(id, [nodeId], (h) => h.startsWith(`container/${podKey}/`));
  const selected = useSelected(id);
  const glide = useSceneTransition({ duration: 0.35 });
  if (!pod) return null;
  const tone = podTone(pod);
  const cls = `station size-${size} tone-${tone} lit-${lit}${selected ? ' selected' : ''}${
    pod.mirror ? ' mirror' : ''
  }`;
  const local = { x: 0, y: 0, w: box.w, h: box.h };
  return (
    <m.g
      className={cls}
      role="group"
      aria-label={`${pod.name}, ${pod.status}`}
      tabIndex={tabStop ? 0 : -1}
      data-nav=""
      data-zone={zone}
      data-select={id}
      initial={{ opacity: 0, x: box.x, y: box.y }}
      animate={{ opacity: pod.terminating ? 0.6 : 1, x: box.x, y: box.y }}
      exit={{ opacity: 0 }}
      transition={glide}
    >
      <FocusRing box={local} r={size === 'compact' ? 5 : 8} />
      <rect className="station-bg" width={box.w} height={box.h} rx={size === 'full' ? 8 : 5} />
      {size === 'full' ? (
        <FullStation pod={pod} w={box.w} zone={zone} pulling={pulling ?? ''} />
      ) : size === 'mini' ? (
        <MiniStation pod={pod} box={local} tone={tone} />
      ) : (
        <CompactStation pod={pod} w={box.w} pulling={pulling ?? ''} />
      )}
    </m.g>
  );
});

/** A pending order or an office pod: a ticket with the pod's name and status. */
function MiniStation({ pod, box, tone }: { pod: PodView; box: Box; tone: string }) {
  const statusW = Math.min(110, pod.status.length * 6.4 + 4);
  const nameChars = Math.max(6, Math.floor((box.w - 34 - statusW) / 6.9));
  return (
    <>
      <g transform="translate(11 6)" aria-hidden="true">
        <Ticket w={10} h={15} />
      </g>
      <text className="station-name" x={24} y={18.5}>
        {fitText(pod.name, nameChars)}
      </text>
      <text className={`station-status tone-${tone}`} x={box.w - 8} y={18.5} textAnchor="end">
        {pod.status}
      </text>
    </>
  );
}

/** Many pods on one node: a tile with one head, in the pose's colours, and its status mark. */
function CompactStation({ pod, w, pulling }: { pod: PodView; w: number; pulling: string }) {
  const first = pod.containers.find((c) => !c.init) ?? pod.containers[0];
  const look = useScene((s) => (first ? s.frame.runtime[`${pod.uid}/${first.name}`] : undefined));
  const state = first ? cookState(first, pod, pulling.split(' '), look) : 'arriving';
  return (
    <>
      <g transform={`translate(${w / 2} ${w - 4})`} aria-hidden="true">
        <Person kind="cook" pose={poseFor(state)} scale={0.72} />
      </g>
      <StatusMark tone={podTone(pod)} x={w - 13} y={1} size={12} />
      <title>{`${pod.name}: ${pod.status}`}</title>
    </>
  );
}

const COOK_W = 34;
const COOKS_SHOWN = 3;
/** The counter's top edge, in the station's coordinates. */
const COUNTER_Y = 35;

function FullStation({
  pod,
  w,
  zone,
  pulling,
}: {
  pod: PodView;
  w: number;
  zone: string;
  pulling: string;
}) {
  const mode = useLabels();
  const nameChars = Math.floor((w - 10) / 6.65);
  const cooks = pod.containers
    .filter((c) => !c.init || c.state === 'running')
    .slice(0, COOKS_SHOWN);
  const extra = pod.containers.filter((c) => !c.init).length - cooks.filter((c) => !c.init).length;
  const restarts = pod.restarts.split(' ')[0];
  const pulls = pulling.split(' ');
  const looks = useScene((s) =>
    cooks.map((c) => s.frame.runtime[`${pod.uid}/${c.name}`] ?? '').join('|'),
  ).split('|');
  const states = cooks.map((c, i) => cookState(c, pod, pulls, looks[i] || undefined));
  const ready = podTone(pod) === 'ok';
  const built = !!pod.podIP;
  const status = `${pod.status}${restarts !== '0' ? ` ↻${restarts}` : ''}${extra > 0 ? ` +${extra}` : ''}`;
  return (
    <>
      <StatusMark tone={podTone(pod)} x={4} y={4} />
      {cooks.map((c, i) => (
        <Cook
          key={c.name}
          pod={pod}
          container={c}
          state={states[i]}
          x={30 + i * COOK_W}
          zone={zone}
        />
      ))}
      {/* The counter: the pause container holding the pod's network namespace and IP. */}
      <rect
        className={`counter${built ? '' : ' unbuilt'}`}
        x={6}
        y={COUNTER_Y}
        width={w - 12}
        height={11}
        rx={3}
        aria-hidden="true"
      />
      {cooks.map((c, i) => (
        <CounterTop key={c.name} state={states[i]} x={30 + i * COOK_W} />
      ))}
      {ready && (
        <g transform={`translate(${w - 16} ${COUNTER_Y + 5})`} aria-hidden="true">
          <Plate />
        </g>
      )}
      <text className="station-name" x={6} y={61}>
        {fitText(pod.name, nameChars)}
      </text>
      <text className={`station-status tone-${podTone(pod)}`} x={6} y={75}>
        {mode === 'kitchen' || !pod.podIP || w < 150
          ? status
          : `${status} · ${pod.podIP}`.length * 6.3 < w - 10
            ? `${status} · ${pod.podIP}`
            : status}
      </text>
    </>
  );
}

/** Where a cook stands off its place: at the door while arriving, on the way out when walked off. */
function standOffset(state: CookState): number {
  if (state === 'arriving' || state === 'setup') return -8;
  return state === 'walkedOff' ? 9 : 0;
}

export function poseFor(state: CookState): Pose {
  switch (state) {
    case 'working':
    case 'warming':
      return 'cook';
    case 'collapsed':
      return 'slump';
    case 'fainted':
      return 'faint';
    case 'leaving':
    case 'walkedOff':
      return 'walk';
    case 'arriving':
    case 'setup':
      return 'wait';
    default:
      return 'stand';
  }
}

/** What lies on the counter in front of a cook: a lit burner and pan, a crate, plates. */
const CounterTop = memo(function CounterTop({ state, x }: { state: CookState; x: number }) {
  const at = `translate(${x} ${COUNTER_Y + 5.5})`;
  switch (state) {
    case 'working':
    case 'warming':
      return (
        <g transform={at} aria-hidden="true">
          <Burner lit r={4.5} />
          <g transform="translate(0 -3)">
            <Pan />
          </g>
        </g>
      );
    case 'pulling':
    case 'pullFailed':
      return (
        <g transform={`translate(${x + 12} ${COUNTER_Y + 8})`} aria-hidden="true">
          <Crate empty={state === 'pullFailed'} />
        </g>
      );
    case 'done':
      return (
        <g transform={`translate(${x} ${COUNTER_Y + 5.5})`} aria-hidden="true">
          <Burner lit={false} r={4.5} />
        </g>
      );
    default:
      return null;
  }
});

/** A cook (container): a figure in its pose, with the pose's props; a button to crash it. */
function Cook({
  pod,
  container: c,
  state,
  x,
  zone,
}: {
  pod: PodView;
  container: ContainerView;
  state: CookState;
  x: number;
  zone: string;
}) {
  const t = useSceneT();
  const id = `container/${pod.key}/${c.name}`;
  const selected = useSelected(id);
  const fade = useSceneTransition({ duration: 0.3 });
  const feet = COUNTER_Y + 5;
  // The crash button kills what the runtime runs (the kitchen's truth, not the API's view).
  const canCrash = state === 'working' || state === 'warming';
  const restarts = pod.pod.spec?.restartPolicy !== 'Never';
  const hit = { x: x - 12, y: 0, w: 24, h: COUNTER_Y + 4 };
  // The back-off clock: over a cook the head chef will call back, or an empty crate still waited on.
  const clock =
    (restarts && (state === 'collapsed' || state === 'fainted' || state === 'walkedOff')) ||
    (state === 'pullFailed' && c.state === 'waiting');
  const name = t('kitchen.cookName', {
    name: c.name,
    state: t(`kitchen.cookState.${state}`),
    restarts: c.restartCount,
  });
  return (
    <>
      <g
        className={`cook cook-${state}${selected ? ' selected' : ''}`}
        role="button"
        tabIndex={-1}
        data-nav=""
        data-zone={zone}
        data-select={id}
        // The clock's delay is drawn as text the reader skips (aria-hidden): the name says it.
        aria-label={
          clock && c.backOff ? t('kitchen.cookBackOff', { cook: name, delay: c.backOff }) : name
        }
      >
        <FocusRing box={hit} r={4} />
        <rect className="hit" x={hit.x} y={hit.y} width={hit.w} height={hit.h} />
        {/* A new look fades in as the old one fades out: a cook arrives, falls, gets up. */}
        <AnimatePresence initial={false}>
          <m.g
            key={state}
            aria-hidden="true"
            initial={{ opacity: 0 }}
            animate={{ opacity: 1 }}
            exit={{ opacity: 0 }}
            transition={fade}
          >
            {state === 'done' ? (
              <g transform={`translate(${x} ${feet})`}>
                <HungApron />
              </g>
            ) : state === 'fainted' ? (
              <g transform={`translate(${x} ${COUNTER_Y - 1})`}>
                <Person kind="cook" pose="faint" scale={0.8} />
                <g transform="translate(2 -8)">
                  <PlateStack />
                </g>
              </g>
            ) : (
              <g transform={`translate(${x + standOffset(state)} ${feet})`}>
                <Person kind="cook" pose={poseFor(state)} />
              </g>
            )}
            {state === 'collapsed' && (
              <g transform={`translate(${x - 6} ${COUNTER_Y - 8})`}>
                <Smoke />
              </g>
            )}
            {clock && (
              <g transform={`translate(${x + 11} 7)`}>
                <Clock />
                {/* The back-off doubles with each restart: the cook comes back slower each time. */}
                {c.backOff && (
                  <text className="clock-label" y={13.5} textAnchor="middle">
                    {c.backOff}
                  </text>
                )}
              </g>
            )}
          </m.g>
        </AnimatePresence>
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
          <FocusRing box={{ x: x + 6, y: -1, w: 16, h: 16 }} r={8} />
          <circle cx={x + 14} cy={7} r={7.5} className="crash-bg" />
          <Zap x={x + 9} y={2} width={10} height={10} strokeWidth={2.25} aria-hidden="true" />
        </g>
      )}
    </>
  );
}
