/**
 * The front office (the control-plane node), a cooler room above the kitchens: the order slip
 * (kubectl), the front desk with its service window (kube-apiserver; shuttered when down), the
 * ledger on its shelf (etcd; padlocked when down), the expediter at a board of waiting tickets
 * (kube-scheduler), the floor manager with a clipboard (kube-controller-manager), the "no cooking
 * here" sign (the NoSchedule taint), the office's own head chef, stoves and waiter, and the
 * office staff's own pods: they are cooks too (static pods), each marked at their place.
 */
import { Ban, Hourglass, Landmark, ReceiptText, ShieldCheck } from 'lucide-react';
import { memo } from 'react';
import { useShallow } from 'zustand/react/shallow';
import { Badge, Board, Clipboard, Ledger, Person, ServiceWindow } from './art';
import { Floor, nodeTone, RoomHeader, Staff, useNodeBits } from './Kitchen';
import type { OfficeLayout, Spot, StaffSlot } from './layout';
import {
  CONTROL_PLANE_TAINT,
  fitText,
  type NodeShape,
  officeCooks,
  type PendingTicket,
  podByKey,
  podId,
  podTone,
  wrapText,
} from './model';
import { GroupTicket, MoreTicket } from './PendingTickets';
import {
  type ActorState,
  FocusRing,
  Sign,
  SpotPlace,
  StatusMark,
  textWidth,
  useLabels,
  useLit,
} from './parts';
import { Station } from './Station';
import { useScene, useSceneT } from './sceneStore';

export const FrontOffice = memo(function FrontOffice({
  layout: o,
  node,
  shape,
  pending,
  groups,
}: {
  layout: OfficeLayout;
  node: string;
  shape: NodeShape;
  pending: readonly string[];
  /** Many pending pods: one ticket per owner (then `pending` is empty). */
  groups: readonly PendingTicket[];
}) {
  const t = useSceneT();
  const mode = useLabels();
  const cp = useScene(useShallow((s) => s.frame.control));
  const bits = useNodeBits(node);
  const proxyMode = useScene((s) => s.frame.proxyMode);
  const tainted = useScene((s) =>
    (s.frame.nodes.find((n) => n.name === node)?.taints ?? []).some(
      (x) => x.effect === CONTROL_PLANE_TAINT.effect && x.key === CONTROL_PLANE_TAINT.key,
    ),
  );
  // Pods that are not the office's own staff (CoreDNS on a fresh kubeadm cluster): why they may.
  const cooks = useScene((s) =>
    officeCooks(
      shape.pods.flatMap((key) => podByKey(s.frame.pods, key) ?? []),
      tainted,
    ),
  );
  const zone = `node/${node}`;
  const status = bits?.status ?? 'Unknown';
  const anc = [zone];
  const up = t('kitchen.state.up');
  const down = t('kitchen.state.down');
  const deskUp = cp.apiserver === 'up';
  const etcdUp = cp.etcd === 'up';
  const leader = (healthy: string, leading: boolean): [ActorState, string] =>
    healthy !== 'up'
      ? ['down', down]
      : leading
        ? ['up', up]
        : ['warn', t('kitchen.state.notLeading')];
  const [schedState, schedText] = leader(cp.scheduler, cp.schedulerLeading);
  const [kcmState, kcmText] = leader(cp.controllerManager, cp.controllerManagerLeading);
  const title = mode === 'kubernetes' ? `Control plane · Node ${node}` : t('kitchen.office');
  const titleEnd =
    o.box.x +
    44 +
    textWidth(title, 15) +
    (mode === 'both' ? textWidth(`(Node ${node})`, 13) + 12 : 0);
  const caption = t(mode === 'kubernetes' ? 'kitchen.staffCaptionKube' : 'kitchen.staffCaption', {
    staff: t('kitchen.staff'),
  });
  const captionW = textWidth(caption, 12);
  const captionX = o.sign.x - 14 - captionW;
  const showCaption = o.staffCaption && captionX > titleEnd + 12;
  const staffPod = (slot: StaffSlot) => shape.strips[slot];
  const cooksTitle = o.officeCooksTitle;
  return (
    <>
      <g className="office" role="group" aria-label={`${node}, ${status}`}>
        <Floor floor={o.floor} kind="office" />
        <RoomHeader
          id={zone}
          box={o.box}
          icon={Landmark}
          kitchen={t('kitchen.office')}
          kube={`Control plane · Node ${node}`}
          sub={`Node ${node}`}
          status={status}
          tone={bits ? nodeTone(bits) : 'warn'}
          ariaLabel={t('kitchen.officeHeader', { name: node, status })}
          zone={zone}
          contains={(h) =>
            h.endsWith(`/${node}`) ||
            ['kube-apiserver', 'etcd', 'kube-scheduler', 'kube-controller-manager'].includes(h)
          }
        />
        {showCaption && (
          <text className="section-title caption" x={captionX} y={o.box.y + 21}>
            {caption}
          </text>
        )}
        {tainted && (
          <Sign
            box={o.sign}
            icon={Ban}
            text={mode === 'kubernetes' ? 'taint: NoSchedule' : t('kitchen.noSchedule')}
            sub={mode === 'both' ? 'NoSchedule' : undefined}
            tone="warn"
          />
        )}
        <SpotPlace
          id="kubectl"
          spot={o.kubectl}
          kitchen={t('kitchen.orderSlip')}
          kube="kubectl"
          state="up"
          stateText={up}
          zone={zone}
        >
          <ReceiptText x={-13} y={-32} width={26} height={26} strokeWidth={2} className="slip" />
        </SpotPlace>
        <SpotPlace
          id="kube-apiserver"
          spot={o.desk}
          kitchen={t('kitchen.desk')}
          kube="kube-apiserver"
          state={deskUp ? 'up' : 'down'}
          stateText={deskUp ? up : t('kitchen.closed')}
          zone={zone}
          ancestors={anc}
        >
          {deskUp && <Person kind="clerk" scale={0.9} />}
          <g transform="translate(0 -8)">
            <ServiceWindow closed={!deskUp} w={42} />
          </g>
        </SpotPlace>
        <SpotPlace
          id="etcd"
          spot={o.ledger}
          kitchen={t('kitchen.ledger')}
          kube="etcd"
          state={etcdUp ? 'up' : 'down'}
          stateText={etcdUp ? up : down}
          zone={zone}
          ancestors={anc}
        >
          <g transform="translate(0 -12)">
            <Ledger locked={!etcdUp} />
          </g>
        </SpotPlace>
        <SpotPlace
          id="kube-scheduler"
          spot={o.scheduler}
          kitchen={t('kitchen.expediter')}
          kube="kube-scheduler"
          state={schedState}
          stateText={schedText}
          zone={zone}
          ancestors={anc}
        >
          <g transform="translate(-12 0)">
            <Clerk state={schedState} />
          </g>
          <g transform="translate(17 -20)">
            <Board tickets={pending.length + groups.length} w={30} />
          </g>
        </SpotPlace>
        <SpotPlace
          id="kube-controller-manager"
          spot={o.controllerManager}
          kitchen={t('kitchen.floorManager')}
          kube="kube-controller-manager"
          state={kcmState}
          stateText={kcmText}
          zone={zone}
          ancestors={anc}
        >
          <g transform="translate(-6 0)">
            <Clerk state={kcmState} />
          </g>
          {kcmState !== 'down' && (
            <g transform="translate(12 -10)">
              <Clipboard />
            </g>
          )}
        </SpotPlace>
        {bits && (
          <Staff
            node={node}
            bits={bits}
            chef={o.chef}
            stoves={o.stoves}
            waiter={o.waiter}
            burners={Math.max(2, Math.min(4, Math.floor((o.stoves.w - 16) / 22)))}
            zone={zone}
            proxyMode={proxyMode}
          />
        )}
        {(
          [
            ['desk', o.desk],
            ['ledger', o.ledger],
            ['scheduler', o.scheduler],
            ['controllerManager', o.controllerManager],
            ['waiter', o.waiter],
          ] as [StaffSlot, Spot][]
        ).map(([slot, spot]) => {
          const key = staffPod(slot);
          return key ? (
            <StaffPod
              key={key}
              podKey={key}
              spot={spot}
              zone={zone}
              nodeId={zone}
              staff={slot !== 'waiter'}
            />
          ) : null;
        })}
        {cooksTitle && shape.pods.length > 0 && (
          <g className="office-cooks">
            <ShieldCheck
              x={cooksTitle.x}
              y={cooksTitle.y - 12}
              width={15}
              height={15}
              aria-hidden="true"
              className="section-icon"
            />
            <text className="section-title" x={cooksTitle.x + 20} y={cooksTitle.y}>
              {wrapText(
                t(`kitchen.officeCooks.${cooks}${mode === 'kubernetes' ? 'Kube' : ''}`),
                o.officeCooksWidth,
                o.officeCooksLines,
                (s) => textWidth(s, 12.5),
              ).map((line, i) => (
                <tspan key={line} x={cooksTitle.x + 20} dy={i ? 15 : 0}>
                  {line}
                </tspan>
              ))}
            </text>
          </g>
        )}
        {shape.pods.slice(0, o.staff.length).map((key, i) => (
          <Station key={key} podKey={key} box={o.staff[i]} size="mini" zone={zone} nodeId={zone} />
        ))}
      </g>
      {o.pendingTitle && (
        <g className="pending" role="group" aria-label={t('kitchen.pending')}>
          <Hourglass
            x={o.pendingTitle.x}
            y={o.pendingTitle.y - 12}
            width={15}
            height={15}
            aria-hidden="true"
            className="section-icon"
          />
          <text className="section-title" x={o.pendingTitle.x + 20} y={o.pendingTitle.y}>
            {t('kitchen.pending')}
          </text>
          {pending.slice(0, o.pending.length - (o.pendingHidden ? 1 : 0)).map((key, i) => (
            <Station
              tabStop={i === 0}
              key={key}
              podKey={key}
              box={o.pending[i]}
              size="mini"
              zone="pending"
              nodeId="kube-scheduler"
            />
          ))}
          {groups.slice(0, o.pending.length - (o.pendingHidden ? 1 : 0)).map((g, i) => (
            <GroupTicket key={g.id} group={g} box={o.pending[i]} tabStop={i === 0} />
          ))}
          {o.pendingHidden > 0 && (
            <MoreTicket
              box={o.pending[o.pending.length - 1]}
              pods={Math.min(pending.length, o.pending.length - 1)}
              groups={groups.slice(0, o.pending.length - 1)}
            />
          )}
        </g>
      )}
    </>
  );
});

/** An office clerk in a state: at work, waiting for the lease (hourglass), or gone (outline). */
function Clerk({ state }: { state: ActorState }) {
  return (
    <>
      <Person kind="clerk" pose={state === 'down' ? 'absent' : 'stand'} scale={0.9} />
      {state === 'warn' && (
        <g transform="translate(10 -28)">
          <Badge kind="hourglass" />
        </g>
      )}
    </>
  );
}

/**
 * The office staff's own pod (a static pod, or the office's kube-proxy): a status mark at the
 * place's corner, named for screen readers and selectable like any station.
 */
function StaffPod({
  podKey,
  spot,
  zone,
  nodeId,
  staff,
}: {
  podKey: string;
  spot: Spot;
  zone: string;
  nodeId: string;
  staff: boolean;
}) {
  const t = useSceneT();
  const pod = useScene((s) => podByKey(s.frame.pods, podKey));
  const id = podId(podKey);
  const lit = useLit(id, [nodeId]);
  if (!pod) return null;
  const box = { x: spot.figure.x + 3, y: spot.figure.y + 2, w: 18, h: 18 };
  return (
    <g
      className={`staff-pod lit-${lit}`}
      role="group"
      aria-label={`${pod.name}, ${pod.status}`}
      tabIndex={-1}
      data-nav=""
      data-zone={zone}
      data-select={id}
    >
      <FocusRing box={box} r={9} />
      <StatusMark tone={podTone(pod)} x={box.x + 2} y={box.y + 2} />
      <title>{`${fitText(pod.name, 60)}: ${pod.status}${staff ? ` — ${t('kitchen.staff')}` : ''}`}</title>
    </g>
  );
}
