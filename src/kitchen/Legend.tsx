/**
 * What the moving things mean, in the Labels mode's words: a ticket is a watch event, a card an
 * API call, a heart a heartbeat… The same drawings as the moving layer.
 */
import { memo } from 'react';
import { Token } from './AnimationLayer';
import { type AnimShape, type AnimSpec, REAL_MS } from './animation';
import { useLabels } from './parts';
import { useSceneT } from './sceneStore';

const ITEMS: {
  shape: AnimShape;
  tone: AnimSpec['tone'];
  key: string;
  kube: string;
  kind?: AnimSpec['kind'];
}[] = [
  { shape: 'ticket', tone: 'info', key: 'kitchen.legend.ticket', kube: 'watch event' },
  { shape: 'card', tone: 'info', key: 'kitchen.legend.card', kube: 'API call' },
  { shape: 'card', tone: 'warm', key: 'kitchen.legend.stove', kube: 'CRI call', kind: 'cri' },
  { shape: 'dot', tone: 'info', key: 'kitchen.legend.dot', kube: 'etcd write' },
  { shape: 'heart', tone: 'warm', key: 'kitchen.legend.heart', kube: 'Lease renewal' },
  { shape: 'customer', tone: 'ok', key: 'kitchen.legend.customer', kube: 'request to a Service' },
  { shape: 'ping', tone: 'ok', key: 'kitchen.legend.ping', kube: 'process / rules change' },
];

export const Legend = memo(function Legend() {
  const t = useSceneT();
  const mode = useLabels();
  return (
    <ul className="kitchen-legend" aria-label={t('kitchen.legend')}>
      {ITEMS.map((item) => {
        const spec: AnimSpec = {
          key: 0,
          kind: item.kind ?? 'api',
          shape: item.shape,
          from: '',
          to: '',
          startMs: 0,
          realMs: REAL_MS[item.shape],
          error: false,
          bounce: false,
          label: '',
          tone: item.tone,
          count: 1,
        };
        const words =
          mode === 'kubernetes'
            ? item.kube
            : mode === 'both'
              ? `${t(item.key)} (${item.kube})`
              : t(item.key);
        return (
          <li key={item.key}>
            <svg width={22} height={22} viewBox="-11 -11 22 22" aria-hidden="true">
              <g className={`anim shape-${item.shape} tone-${item.tone}`}>
                {item.shape === 'ping' ? (
                  <circle className="ring" r={8} strokeWidth={2.5} />
                ) : (
                  <g transform={item.shape === 'ticket' ? 'scale(0.75)' : undefined}>
                    <Token spec={spec} />
                  </g>
                )}
              </g>
            </svg>
            {words}
          </li>
        );
      })}
    </ul>
  );
});
