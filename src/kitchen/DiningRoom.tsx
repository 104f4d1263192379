/**
 * The dining room: customers (clients) come in and each Service is a dish on the menu, with its
 * ClusterIP and its open seats (endpoints; ready ones filled). The waiter of the kitchen they
 * enter leads them to a cook by the chart (drawn by the animation layer).
 */
import { Soup, Users } from 'lucide-react';
import { memo } from 'react';
import type { ServiceView } from '../store';
import { RoomHeader } from './Kitchen';
import type { Box, DiningLayout } from './layout';
import { fitText } from './model';
import { Actor, FocusRing, labelLines, useLabels, useLit, useSelected, wrapWords } from './parts';
import { useScene, useSceneT } from './sceneStore';

const ZONE = 'dining';

export const DiningRoom = memo(function DiningRoom({
  layout: d,
  services,
}: {
  layout: DiningLayout;
  services: readonly string[];
}) {
  const t = useSceneT();
  return (
    <g className="dining" role="group" aria-label={t('kitchen.dining')}>
      <rect
        className="room-bg dining-bg"
        x={d.box.x}
        y={d.box.y}
        width={d.box.w}
        height={d.box.h}
        rx={14}
      />
      <RoomHeader
        id="client"
        box={d.box}
        icon={Soup}
        kitchen={t('kitchen.dining')}
        kube="Services"
        sub="Services"
        ariaLabel={`${t('kitchen.dining')} (Services)`}
        zone={ZONE}
        contains={(h) => h.startsWith('service/')}
      />
      <Actor
        id="client"
        box={d.customers}
        icon={Users}
        kitchen={t('kitchen.customers')}
        kube="clients"
        state="up"
        stateText={t('kitchen.state.up')}
        zone={ZONE}
      />
      {services.length === 0 ? (
        <text
          className="section-title"
          x={d.customers.x + d.customers.w + 16}
          y={d.customers.y + 30}
        >
          {wrapWords(
            t('kitchen.noMenu'),
            d.box.x + d.box.w - d.customers.x - d.customers.w - 28,
            3,
          ).map((line, i) => (
            <tspan key={line} x={d.customers.x + d.customers.w + 16} dy={i === 0 ? 0 : 16}>
              {line}
            </tspan>
          ))}
        </text>
      ) : (
        services
          .slice(0, d.services.length)
          .map((key, i) => <ServiceCard key={key} svcKey={key} box={d.services[i]} />)
      )}
    </g>
  );
});

const ServiceCard = memo(function ServiceCard({ svcKey, box }: { svcKey: string; box: Box }) {
  const t = useSceneT();
  const mode = useLabels();
  const svc = useScene((s) => s.frame.services.find((x) => x.key === svcKey));
  const id = `service/${svcKey}`;
  const lit = useLit(id, [], (h) => h === 'client');
  const selected = useSelected(id);
  if (!svc) return null;
  const ready = svc.endpoints.filter((e) => e.ready).length;
  const total = svc.endpoints.length;
  const [l1] = labelLines(mode, svc.name, svc.name);
  return (
    <g
      className={`service lit-${lit}${selected ? ' selected' : ''}`}
      role="button"
      tabIndex={-1}
      data-nav=""
      data-zone={ZONE}
      data-select={id}
      aria-label={t('kitchen.serviceName', { name: svc.name, ip: svc.clusterIP, ready, total })}
      aria-pressed={selected}
    >
      <FocusRing box={box} r={8} />
      <rect className="service-bg" x={box.x} y={box.y} width={box.w} height={box.h} rx={8} />
      <Soup x={box.x + 8} y={box.y + 8} width={18} height={18} strokeWidth={2} aria-hidden="true" />
      <text className="station-name" x={box.x + 32} y={box.y + 22}>
        {fitText(l1, Math.floor((box.w - 40) / 7.2))}
      </text>
      <text className="station-status" x={box.x + 10} y={box.y + 42}>
        {mode === 'kitchen'
          ? t('kitchen.seats', { ready, total })
          : `${svc.clusterIP}:${svc.ports.split('/')[0]} · ${ready}/${total}`}
      </text>
      <Seats svc={svc} box={box} />
    </g>
  );
});

/** One seat per endpoint: filled when ready, hollow when not. */
function Seats({ svc, box }: { svc: ServiceView; box: Box }) {
  const max = Math.floor((box.w - 20) / 12);
  const shown = svc.endpoints.slice(0, max);
  return (
    <g aria-hidden="true">
      {shown.map((e, i) => (
        <rect
          key={e.ip || i}
          className={`seat${e.ready ? ' ready' : ''}`}
          x={box.x + 10 + i * 12}
          y={box.y + box.h - 18}
          width={9}
          height={9}
          rx={2}
        />
      ))}
    </g>
  );
}
