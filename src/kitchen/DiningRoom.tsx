/**
 * The dining room, under the kitchens: customers (clients) come in at the street door, and each
 * Service is a table with a seat per endpoint (filled when the endpoint is ready). The waiter of
 * the kitchen they walk into leads them to a cook by the chart (drawn by the moving layer).
 */
import { Soup } from 'lucide-react';
import { memo } from 'react';
import { Person, Table } from './art';
import { Floor, RoomHeader } from './Kitchen';
import type { Box, DiningLayout } from './layout';
import { clipTo, FocusRing, SpotPlace, useLabels, useLit, useSelected, wrapWords } from './parts';
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
      <Floor
        floor={d.floor}
        kind="dining"
        hatchY={d.customers.figure.y + d.customers.figure.h / 2}
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
      <SpotPlace
        id="client"
        spot={d.customers}
        kitchen={t('kitchen.customers')}
        kube="clients"
        state="up"
        stateText={t('kitchen.state.up')}
        zone={ZONE}
      >
        <g transform="translate(-10 0)">
          <Person kind="customer" scale={0.85} />
        </g>
        <g transform="translate(10 0)">
          <Person kind="customer" scale={0.85} />
        </g>
      </SpotPlace>
      {services.length === 0 ? (
        <text
          className="section-title"
          x={d.customers.x + d.customers.w + 16}
          y={d.customers.y + 28}
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
          .map((key, i) => <ServiceTable key={key} svcKey={key} box={d.services[i]} />)
      )}
      {d.hiddenServices > 0 && (
        <text
          className="section-title"
          x={d.box.x + d.box.w - 14}
          y={d.box.y + 21}
          textAnchor="end"
        >
          {t('kitchen.moreTables', { count: d.hiddenServices })}
        </text>
      )}
    </g>
  );
});

const ServiceTable = memo(function ServiceTable({ svcKey, box }: { svcKey: string; box: Box }) {
  const t = useSceneT();
  const mode = useLabels();
  const svc = useScene((s) => s.frame.services.find((x) => x.key === svcKey));
  const id = `service/${svcKey}`;
  const lit = useLit(id, [], (h) => h === 'client');
  const selected = useSelected(id);
  if (!svc) return null;
  const ready = svc.endpoints.filter((e) => e.ready).length;
  const total = svc.endpoints.length;
  const textW = box.w - 66;
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
      <g transform={`translate(${box.x + 30} ${box.y + box.h / 2})`} aria-hidden="true">
        <Table seats={svc.endpoints.map((e) => e.ready)} />
      </g>
      <text className="station-name" x={box.x + 62} y={box.y + 26}>
        {clipTo(svc.name, textW, 12.5)}
      </text>
      <text className="station-status" x={box.x + 62} y={box.y + 44}>
        {clipTo(
          mode === 'kitchen'
            ? t('kitchen.seats', { ready, total })
            : `${svc.clusterIP}:${svc.ports.split('/')[0]} · ${ready}/${total}`,
          textW,
          11,
        )}
      </text>
    </g>
  );
});
