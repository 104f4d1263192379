import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { KUBERNETES_VERSION, PAUSE_IMAGE } from '../sim/defaults';
import { exampleFiles } from '../testing/examples';
import { imageId, imageSizeBytes, normalizeImage } from './images';
import { imageConfig, lookupImage, REGISTRY } from './registry';

function found(image: string) {
  const r = lookupImage(image);
  if (!r.ok) throw new Error(`${image}: ${r.message}`);
  return r;
}

function failed(image: string, pullSecrets?: string[]) {
  const r = lookupImage(image, { pullSecrets });
  if (r.ok) throw new Error(`${image} was found`);
  return r;
}

describe('lookupImage', () => {
  it('resolves short names to Docker Hub official images with their size and config', () => {
    const r = found('nginx');
    expect(r.ref).toBe('docker.io/library/nginx:latest');
    expect(r.repository).toBe('docker.io/library/nginx');
    expect(r.tag).toBe('latest');
    expect(r.sizeBytes).toBe(72_188_133);
    expect(r.digest).toMatch(/^sha256:[0-9a-f]{64}$/);
    expect(r.config.entrypoint).toEqual(['/docker-entrypoint.sh']);
    expect(r.config.cmd).toEqual(['nginx', '-g', 'daemon off;']);
    expect(r.config.exposedPorts).toEqual(['80/tcp']);
    expect(r.config.stopSignal).toBe('SIGQUIT');
    expect(r.config.env).toContain('NGINX_VERSION=1.27.3');
  });

  it('applies a tag’s own config over the repository’s', () => {
    const old = found('nginx:1.14.2').config;
    expect(old.entrypoint).toEqual([]);
    expect(old.stopSignal).toBe('SIGTERM');
    expect(old.env).toContain('NGINX_VERSION=1.14.2-1~stretch');
    expect(old.cmd).toEqual(['nginx', '-g', 'daemon off;']);
    expect(found('nginx:alpine').config.shell).toBe('busybox');
    expect(found('nginx:1.27.3').config.shell).toBe('dash');
  });

  it('knows the images learners and kubeadm use', () => {
    expect(found('busybox').config.cmd).toEqual(['sh']);
    expect(found('httpd:2.4').config.stopSignal).toBe('SIGWINCH');
    expect(found('postgres:16').config.stopSignal).toBe('SIGINT');
    expect(found('redis:7.2').config.exposedPorts).toEqual(['6379/tcp']);
    expect(found(PAUSE_IMAGE).config).toMatchObject({ entrypoint: ['/pause'], shell: 'none' });
    expect(found('registry.k8s.io/coredns/coredns:v1.12.1').config.exposedPorts).toContain(
      '53/udp',
    );
    for (const c of ['kube-apiserver', 'kube-controller-manager', 'kube-scheduler', 'kube-proxy'])
      found(`registry.k8s.io/${c}:${KUBERNETES_VERSION}`);
  });

  it('says not found for a missing tag, with containerd’s words', () => {
    const r = failed('nginx:no-such-tag');
    expect(r.reason).toBe('not-found');
    expect(r.message).toBe(
      'rpc error: code = NotFound desc = failed to pull and unpack image "docker.io/library/nginx:no-such-tag": failed to resolve reference "docker.io/library/nginx:no-such-tag": docker.io/library/nginx:no-such-tag: not found',
    );
  });

  it('answers a missing Docker Hub repository as Docker Hub does (insufficient_scope)', () => {
    const r = failed('nginxx');
    expect(r.reason).toBe('not-found');
    expect(r.message).toBe(
      'rpc error: code = Unknown desc = failed to pull and unpack image "docker.io/library/nginxx:latest": failed to resolve reference "docker.io/library/nginxx:latest": pull access denied, repository does not exist or may require authorization: server message: insufficient_scope: authorization failed',
    );
  });

  it('fails an unknown registry host at DNS', () => {
    expect(failed('nosuch.example.com/app:1.0').message).toBe(
      'rpc error: code = Unknown desc = failed to pull and unpack image "nosuch.example.com/app:1.0": failed to resolve reference "nosuch.example.com/app:1.0": failed to do request: Head "https://nosuch.example.com/v2/app/manifests/1.0": dial tcp: lookup nosuch.example.com on 172.18.0.1:53: no such host',
    );
    expect(failed('localhost:5000/app').message).toContain(
      'dial tcp 127.0.0.1:5000: connect: connection refused',
    );
  });

  it('refuses a private repository without pull secrets (401) and opens it with one', () => {
    const image = 'registry.example.com/kitchen/secret-sauce:1.0';
    const r = failed(image);
    expect(r.reason).toBe('unauthorized');
    expect(r.message).toBe(
      'rpc error: code = Unknown desc = failed to pull and unpack image "registry.example.com/kitchen/secret-sauce:1.0": failed to resolve reference "registry.example.com/kitchen/secret-sauce:1.0": unexpected status from HEAD request to https://registry.example.com/v2/kitchen/secret-sauce/manifests/1.0: 401 Unauthorized',
    );
    expect(failed(`${image}x`).reason).toBe('unauthorized');
    expect(lookupImage(image, { pullSecrets: ['regcred'] }).ok).toBe(true);
    expect(failed(`${image}x`, ['regcred']).reason).toBe('not-found');
    expect(imageConfig(image)?.exposedPorts).toEqual(['8080/tcp']);
  });

  it('resolves digest references of known repositories', () => {
    const tagged = found('nginx:1.14.2');
    const byDigest = found(`nginx@${tagged.digest}`);
    expect(byDigest.ref).toBe(`docker.io/library/nginx@${tagged.digest}`);
    expect(byDigest.tag).toBe('1.14.2');
    expect(byDigest.config.stopSignal).toBe('SIGTERM');
    const any = found(`busybox@sha256:${'ab'.repeat(32)}`);
    expect(any.tag).toBe('');
    expect(any.sizeBytes).toBe(found('busybox').sizeBytes);
    expect(failed('nginx@sha256:abc').reason).toBe('not-found');
    expect(failed(`nosuch@sha256:${'ab'.repeat(32)}`).reason).toBe('not-found');
  });

  it('gives undefined config for what it does not have', () => {
    expect(imageConfig('nginx:no-such-tag')).toBeUndefined();
    expect(imageConfig('busybox:1.36')?.shell).toBe('busybox');
  });
});

/** Images the stories and walkthroughs name to show a failed pull (image-pull.lab, cookDebug). */
const MISSING_ON_PURPOSE = new Set([
  'nginx:1.277',
  'nginx:no-such-tag',
  'kitchen/does-not-exist:1.0',
  'registry.nowhere.example/soup:1',
  'nginx:1.99.9',
]);

describe('the registry data', () => {
  it('has each repository once, normalised, with a sane size per tag', () => {
    const names = REGISTRY.map((r) => r.repository);
    expect(new Set(names).size).toBe(names.length);
    for (const r of REGISTRY) {
      expect(normalizeImage(`${r.repository}:x`)).toBe(`${r.repository}:x`);
      for (const [tag, { sizeBytes }] of Object.entries(r.tags)) {
        expect(sizeBytes, `${r.repository}:${tag}`).toBeGreaterThan(1_000);
        expect(sizeBytes, `${r.repository}:${tag}`).toBeLessThan(1_000_000_000);
      }
      for (const tag of Object.keys(r.tagConfig ?? {})) expect(r.tags[tag]).toBeDefined();
      expect(r.config.env.some((e) => e.startsWith('PATH='))).toBe(true);
    }
  });

  it('has every image the Kubernetes docs’ examples use', () => {
    const images = exampleFiles().flatMap((f) =>
      [...readFileSync(f, 'utf8').matchAll(/^\s*-?\s*image:\s*"?([^"\s]+)"?/gm)].map((m) => m[1]),
    );
    expect(images.length).toBeGreaterThan(10);
    for (const image of images) expect(lookupImage(image).ok, image).toBe(true);
  });

  it('has every image the lab stories, walkthroughs and e2e run', () => {
    const root = join(import.meta.dirname, '..', '..');
    const files = (dir: string): string[] =>
      readdirSync(dir).flatMap((n) => {
        const p = join(dir, n);
        if (statSync(p).isDirectory()) return files(p);
        return /\.(lab|yaml|ts)$/.test(n) && !n.endsWith('.test.ts') ? [p] : [];
      });
    const sources = [
      ...files(join(root, 'engine', 'lab', 'stories')),
      ...files(join(root, 'scenarios')),
      ...files(join(root, '..', 'e2e')),
    ];
    const images = new Set<string>();
    for (const f of sources) {
      const text = readFileSync(f, 'utf8');
      for (const m of text.matchAll(/--image[= ]([A-Za-z0-9./_:@-]+)/g)) images.add(m[1]);
      for (const m of text.matchAll(/^\s*-?\s*image:\s*"?([A-Za-z0-9./_:@-]+)"?\s*$/gm))
        images.add(m[1]);
    }
    expect(images.size).toBeGreaterThanOrEqual(3);
    for (const image of images) {
      const exists = lookupImage(image, { pullSecrets: ['regcred'] }).ok;
      expect(exists, image).toBe(!MISSING_ON_PURPOSE.has(image));
    }
  });
});

describe('images.ts over the registry', () => {
  it('reads sizes from the registry and keeps a stable size for anything else', () => {
    expect(imageSizeBytes('nginx:1.14.2')).toBe(44_709_945);
    expect(imageSizeBytes('registry.example.com/kitchen/secret-sauce:1.0')).toBe(9_413_220);
    expect(imageSizeBytes('docker.io/kindest/kindnetd:v20250512-df8de77b')).toBe(
      imageSizeBytes('kindest/kindnetd:v20250512-df8de77b'),
    );
    expect(imageId('nginx')).toBe(imageId('docker.io/library/nginx:latest'));
    expect(imageId('nginx')).toMatch(/^sha256:[0-9a-f]{64}$/);
  });

  it('normalises digests without adding a tag', () => {
    expect(normalizeImage('nginx@sha256:abc')).toBe('docker.io/library/nginx@sha256:abc');
    expect(normalizeImage('nginx:1.2@sha256:abc')).toBe('docker.io/library/nginx:1.2@sha256:abc');
    expect(normalizeImage('localhost:5000/app')).toBe('localhost:5000/app:latest');
    expect(normalizeImage('vish/stress')).toBe('docker.io/vish/stress:latest');
  });
});
