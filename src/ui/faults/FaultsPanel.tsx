import { Power, Wrench, Zap } from 'lucide-react';
import { useShallow } from 'zustand/react/shallow';
import { type ComponentHealth, useSim, useSimStore } from '../../store';
import { useT } from '../useT';
import './faults.css';

interface FaultTarget {
  /** Lab-script component word (`break apiserver`, `break kubelet worker-1`). */
  component: string;
  node?: string;
  /** English accessible name (the UI contract) and its i18n key. */
  nameKey: string;
  health: ComponentHealth;
}

/** Break and repair every component; each button runs the lab command, so the console shows it. */
export function FaultsPanel() {
  const t = useT();
  const runLine = useSimStore().getState().runLine;
  const control = useSim((s) => s.frame.control);
  const nodes = useSim(
    useShallow((s) =>
      s.frame.nodes.map((n) => `${n.name}|${n.up}|${n.kubelet}|${n.proxy}|${n.runtime}`),
    ),
  );
  const cluster: FaultTarget[] = [
    { component: 'apiserver', nameKey: 'faults.apiserver', health: control.apiserver },
    { component: 'etcd', nameKey: 'faults.etcd', health: control.etcd },
    { component: 'scheduler', nameKey: 'faults.scheduler', health: control.scheduler },
    {
      component: 'controller-manager',
      nameKey: 'faults.controllerManager',
      health: control.controllerManager,
    },
  ];
  return (
    <section className="faults" aria-labelledby="faults-heading">
      <h2 id="faults-heading" className="panel-heading">
        {t('faults.heading')}
      </h2>
      <p className="panel-intro">{t('faults.intro')}</p>
      <FaultGroup title={t('faults.controlPlane')} targets={cluster} run={runLine} />
      {nodes.map((row) => {
        const [node, up, kubelet, proxy, runtime] = row.split('|');
        const h = (v: string) => v as ComponentHealth;
        return (
          <FaultGroup
            key={node}
            title={node}
            run={runLine}
            targets={[
              {
                component: 'node',
                node,
                nameKey: 'faults.node',
                health: up === 'true' ? 'up' : 'down',
              },
              { component: 'kubelet', node, nameKey: 'faults.kubelet', health: h(kubelet) },
              { component: 'kube-proxy', node, nameKey: 'faults.proxy', health: h(proxy) },
              { component: 'runtime', node, nameKey: 'faults.runtime', health: h(runtime) },
            ]}
          />
        );
      })}
    </section>
  );
}

function FaultGroup({
  title,
  targets,
  run,
}: {
  title: string;
  targets: FaultTarget[];
  run: (line: string) => unknown;
}) {
  const t = useT();
  return (
    <fieldset className="fault-group">
      <legend>{title}</legend>
      {targets.map((f) => {
        const broken = f.health === 'down';
        const name = t(f.nameKey, { node: f.node ?? '' });
        const verb = broken ? 'repair' : 'break';
        const Icon = f.component === 'node' ? Power : broken ? Wrench : Zap;
        return (
          <button
            key={f.nameKey}
            type="button"
            className={broken ? 'fault-button broken' : 'fault-button'}
            onClick={() => run(`${verb} ${f.component}${f.node ? ` ${f.node}` : ''}`)}
          >
            <Icon aria-hidden="true" size={16} />
            {t(broken ? 'faults.repair' : 'faults.break', { name })}
          </button>
        );
      })}
    </fieldset>
  );
}
