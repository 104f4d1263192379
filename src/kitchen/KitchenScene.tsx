import { useShallow } from 'zustand/react/shallow';
import { useSim } from '../store';

/** Placeholder scene: one labelled group per node and per pod (the kitchen is being built). */
export function KitchenScene() {
  const nodes = useSim(useShallow((s) => s.frame.nodes));
  const pods = useSim((s) => s.frame.pods);
  return (
    <svg className="scene-svg" viewBox="0 0 800 400">
      <title>Kitchens</title>
      {nodes.map((n, i) => (
        <g key={n.name} role="group" aria-label={`${n.name}, ${n.status}`}>
          <rect
            x={10 + i * 260}
            y={20}
            width={250}
            height={360}
            rx={12}
            fill="none"
            stroke="currentColor"
          />
          <text x={20 + i * 260} y={44}>
            {n.name}
          </text>
          {pods
            .filter((p) => p.nodeName === n.name)
            .map((p, j) => (
              <g key={p.key} role="group" aria-label={`${p.name}, ${p.status}`}>
                <text x={20 + i * 260} y={70 + j * 18} fontSize={12}>
                  {p.name} {p.status}
                </text>
              </g>
            ))}
        </g>
      ))}
    </svg>
  );
}
