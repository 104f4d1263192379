/**
 * A long lab script of the kind a learner's session grows into: waits, gets, scales and
 * requests, round after round. For the runner's memory test and for `scripts/long-lab.ts`
 * (the 50,000-line run).
 */
const SETUP = [
  'kubectl create deployment web --image=nginx --replicas=3',
  'kubectl expose deployment web --port=80',
  'wait 30s',
];

const ROUND = [
  'kubectl get pods -A -o wide',
  'kubectl scale deployment web --replicas=6',
  'wait 20s',
  'request web 5',
  'kubectl describe deployment web',
  'kubectl get events',
  'kubectl scale deployment web --replicas=2',
  'wait 40s',
  'kubectl get deploy,rs,svc,endpointslices',
  'request web 3',
];

/** The first `lines` lines (setup, then rounds), each ending in a newline. */
export function longLabScript(lines: number): string {
  const out: string[] = [];
  for (let i = 0; i < lines; i++)
    out.push(i < SETUP.length ? SETUP[i] : ROUND[(i - SETUP.length) % ROUND.length]);
  return `${out.join('\n')}\n`;
}
