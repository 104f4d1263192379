/**
 * The front office (the control-plane node): the desk (kube-apiserver), the ledger (etcd), the
 * expediter (kube-scheduler), the floor manager (kube-controller-manager), the order slip
 * (kubectl), the "no cooking here" sign (the NoSchedule taint), the office's own head chef,
 * stoves and waiter, and its static pods: office staff who are cooks themselves. Orders no
 * kitchen has taken yet wait on the expediter's rail.
 */
import {
  Ban,
  BookOpen,
  ClipboardList,
  ConciergeBell,
  DatabaseZap,
  DoorClosed,
  Hourglass,
  Landmark,
  ReceiptText,
  UserCog,
  UserX,
} from 'lucide-react';
import { memo } from 'react';
import { useShallow } from 'zustand/react/shallow';
import { nodeTone, RoomHeader, Staff, useNodeBits } from './Kitchen';
import type { OfficeLayout, StaffSlot } from './layout';
import type { NodeShape } from './model';
import { Actor, type ActorState, Sign, useLabels, wrapWords } from './parts';
import { Station } from './Station';
import { useScene, useSceneT } from './sceneStore';

export const FrontOffice = memo(function FrontOffice({
  layout: o,
  node,
  shape,
  pending,
}: {
  layout: OfficeLayout;
  node: string;
  shape: NodeShape;
  pending: readonly string[];
}) {
  const t = useSceneT();
  const mode = useLabels();
  const cp = useScene(useShallow((s) => s.frame.control));
  const bits = useNodeBits(node);
  const proxyMode = useScene((s) => s.frame.proxyMode);
  const tainted = useScene((s) =>
    (s.frame.nodes.find((n) => n.name === node)?.taints ?? []).some(
      (x) => x.effect === 'NoSchedule' && x.key === 'node-role.kubernetes.io/control-plane',
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
  return (
    <>
      <g className="office" role="group" aria-label={`${node}, ${status}`}>
        <rect
          className="room-bg office-bg"
          x={o.box.x}
          y={o.box.y}
          width={o.box.w}
          height={o.box.h}
          rx={14}
        />
        <RoomHeader
          id={zone}
          box={o.sign.y > o.box.y + 20 ? o.box : { ...o.box, w: o.sign.x - o.box.x }}
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
        {tainted && (
          <Sign
            box={o.sign}
            icon={Ban}
            text={mode === 'kubernetes' ? 'taint: NoSchedule' : t('kitchen.noSchedule')}
            sub={mode === 'both' ? 'NoSchedule' : undefined}
            tone="warn"
          />
        )}
        <Actor
          id="kubectl"
          box={o.kubectl}
          icon={ReceiptText}
          kitchen={t('kitchen.orderSlip')}
          kube="kubectl"
          state="up"
          stateText={up}
          zone={zone}
        />
        <Actor
          id="kube-apiserver"
          box={o.desk}
          icon={deskUp ? ConciergeBell : DoorClosed}
          kitchen={t('kitchen.desk')}
          kube="kube-apiserver"
          state={deskUp ? 'up' : 'down'}
          stateText={deskUp ? up : t('kitchen.closed')}
          zone={zone}
          ancestors={anc}
        />
        <Actor
          id="etcd"
          box={o.ledger}
          icon={etcdUp ? BookOpen : DatabaseZap}
          kitchen={t('kitchen.ledger')}
          kube="etcd"
          state={etcdUp ? 'up' : 'down'}
          stateText={etcdUp ? up : down}
          zone={zone}
          ancestors={anc}
        />
        <Actor
          id="kube-scheduler"
          box={o.scheduler}
          icon={schedState === 'down' ? UserX : ClipboardList}
          kitchen={t('kitchen.expediter')}
          kube="kube-scheduler"
          state={schedState}
          stateText={schedText}
          zone={zone}
          ancestors={anc}
        />
        <Actor
          id="kube-controller-manager"
          box={o.controllerManager}
          icon={kcmState === 'down' ? UserX : UserCog}
          kitchen={t('kitchen.floorManager')}
          kube="kube-controller-manager"
          state={kcmState}
          stateText={kcmText}
          zone={zone}
          ancestors={anc}
        />
        {bits && (
          <Staff
            node={node}
            bits={bits}
            chef={o.chef}
            stoves={o.stoves}
            waiter={o.waiter}
            zone={zone}
            proxyMode={proxyMode}
          />
        )}
        <text className="section-title caption" x={o.staffCaption.x} y={o.staffCaption.y}>
          {wrapWords(
            t('kitchen.staffCaption', { staff: t('kitchen.staff') }),
            o.captionWidth,
            2,
          ).map((line, i) => (
            <tspan key={line} x={o.staffCaption.x} dy={i === 0 ? 0 : 16}>
              {line}
            </tspan>
          ))}
        </text>
        {(Object.entries(shape.strips) as [StaffSlot, string][]).map(([slot, key]) => (
          <Station
            key={key}
            podKey={key}
            box={o.strips[slot]}
            size="strip"
            zone={zone}
            nodeId={zone}
            staff={slot !== 'waiter'}
          />
        ))}
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
          {o.pendingHidden > 0 && (
            <text
              className="section-title"
              x={o.pending[o.pending.length - 1].x + 8}
              y={o.pending[o.pending.length - 1].y + 20}
            >
              {t('kitchen.morePending', { count: o.pendingHidden })}
            </text>
          )}
        </g>
      )}
    </>
  );
});
