/**
 * `npm run apiserver -- [--port 6443] [--kubeconfig FILE] [--workers N] [--proxy iptables|ipvs]
 * [--seed S] [--speed X]`: the simulation served over the Kubernetes API on 127.0.0.1, for the
 * real kubectl and client libraries. Writes a kubeconfig (context `kube-kitchen`) and prints the
 * line that uses it. Ctrl-C stops it.
 */
import { writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { createInterface } from 'node:readline';
import { kubeconfig } from '../server/kubeconfig';
import { serve } from '../server/server';

interface Args {
  port: number;
  kubeconfig: string;
  workers: number;
  proxy: 'iptables' | 'ipvs';
  seed: number;
  speed: number;
}

const USAGE =
  'usage: npm run apiserver -- [--port 6443] [--kubeconfig FILE] [--workers N] [--proxy iptables|ipvs] [--seed S] [--speed X]';

function parseArgs(argv: string[]): Args | string {
  const args: Args = {
    port: 6443,
    kubeconfig: join(tmpdir(), 'kube-kitchen.kubeconfig'),
    workers: 2,
    proxy: 'iptables',
    seed: 1,
    speed: 1,
  };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    const eq = a.indexOf('=');
    const name = eq > 0 ? a.slice(0, eq) : a;
    const value = eq > 0 ? a.slice(eq + 1) : argv[++i];
    if (value === undefined) return `${name} needs a value\n${USAGE}`;
    const int = (min: number, max: number) => {
      const n = Number(value);
      return /^\d+$/.test(value) && n >= min && n <= max ? n : undefined;
    };
    switch (name) {
      case '--port': {
        const n = int(0, 65535);
        if (n === undefined)
          return `invalid --port ${JSON.stringify(value)}: a port number 0-65535`;
        args.port = n;
        break;
      }
      case '--kubeconfig':
        args.kubeconfig = resolve(value);
        break;
      case '--workers': {
        const n = int(0, 100);
        if (n === undefined) return `invalid --workers ${JSON.stringify(value)}: 0-100`;
        args.workers = n;
        break;
      }
      case '--proxy':
        if (value !== 'iptables' && value !== 'ipvs')
          return `invalid --proxy ${JSON.stringify(value)}: iptables or ipvs`;
        args.proxy = value;
        break;
      case '--seed': {
        const n = int(0, 2 ** 32 - 1);
        if (n === undefined) return `invalid --seed ${JSON.stringify(value)}: a whole number`;
        args.seed = n;
        break;
      }
      case '--speed': {
        const n = Number(value);
        if (!Number.isFinite(n) || n <= 0 || n > 1000)
          return `invalid --speed ${JSON.stringify(value)}: a number above 0, at most 1000`;
        args.speed = n;
        break;
      }
      default:
        return `unknown flag ${JSON.stringify(name)}\n${USAGE}`;
    }
  }
  return args;
}

async function main(): Promise<void> {
  const args = parseArgs(process.argv.slice(2));
  if (typeof args === 'string') {
    console.error(args);
    process.exit(2);
  }
  const server = await serve({
    port: args.port,
    workers: args.workers,
    proxyMode: args.proxy,
    seed: args.seed,
    speed: args.speed,
  }).catch((e: NodeJS.ErrnoException) => {
    console.error(
      e.code === 'EADDRINUSE'
        ? `port ${args.port} is in use: choose another with --port`
        : `cannot start: ${e.message}`,
    );
    process.exit(1);
  });
  writeFileSync(
    args.kubeconfig,
    kubeconfig({ server: server.url, caCertPem: server.certificates.caCert, token: server.token }),
    { mode: 0o600 },
  );
  console.log(
    `kube-kitchen API server on ${server.url} (${args.workers} workers, seed ${args.seed}, speed ×${args.speed})`,
  );
  console.log(`  export KUBECONFIG=${args.kubeconfig}`);
  console.log('  kubectl get nodes');
  console.log('Watch it in the kitchen (with `npm run dev` running):');
  console.log(
    `  http://localhost:5173/?server=${encodeURIComponent(server.attachUrl)}&token=${encodeURIComponent(server.token)}`,
  );
  console.log(
    'Type lab lines here (break apiserver, repair apiserver, request web 3, wait 1m, …).',
  );
  const rl = createInterface({ input: process.stdin, terminal: false });
  rl.on('line', (line) => {
    if (!line.trim()) return;
    process.stdout.write(server.cluster.runLine(line).output);
  });
  const stop = () => {
    server.close().then(() => process.exit(0));
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
}

main();
