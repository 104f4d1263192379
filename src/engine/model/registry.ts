/**
 * The simulated container registry, as data: every repository a pull can find, its tags with
 * their compressed sizes (which decide pull times), and each image's OCI config as
 * `docker inspect` shows it (entrypoint, cmd, env, working dir, user, exposed ports, stop signal)
 * plus what `/bin/sh` is in it. Whatever is not here does not exist: a pull fails with
 * containerd's own error text, as the kubelet reports it.
 *
 * To add an image: add a `RegistryImage` below (repository normalised, no tag), give each tag its
 * compressed amd64 size (Docker Hub's "Compressed size" or `crane manifest` layer sum), and copy
 * the config from the image's Dockerfile or `docker inspect`. Where one tag's config differs
 * (an older version's env, say), put only the difference in `tagConfig`.
 *
 * Sources: the Dockerfiles in the docker-library repositories (nginx/docker-nginx,
 * docker-library/{httpd,busybox,redis,postgres,mysql,python,node,perl}), docker-library/repo-info
 * (`repos/<name>/local/<tag>.md`: Entrypoint, Command, Environment), kubernetes/build (pause),
 * coredns/coredns Dockerfile. Sizes are rounded from Docker Hub / registry manifests for
 * linux/amd64. Docker Hub's images are the versions current around the end of 2024 (nginx 1.27.3
 * is `latest`); the registry does not move with the simulated clock. Values marked "unconfirmed"
 * could not be checked against a source here and are the closest known value.
 *
 * Error texts: containerd v2.1 (CONTAINER_RUNTIME_VERSION), as the kubelet receives them over
 * CRI (gRPC status `rpc error: code = … desc = …`):
 * - internal/cri/server/images/image_pull.go: `failed to pull and unpack image %q: %w`
 * - client/pull.go: `failed to resolve reference %q: %w`
 * - core/remotes/docker/resolver.go: 404 → `%s: not found` (errdefs.ErrNotFound → gRPC NotFound);
 *   an auth failure → `pull access denied, repository does not exist or may require
 *   authorization: %w`; a transport error → `failed to do request: %w`
 * - core/remotes/docker/authorizer.go: `server message: %s: authorization failed`
 * - core/remotes/errors/errors.go: `unexpected status from %s request to %s: %s`
 * Seen verbatim in kubelet events, e.g. forcedotcom/salesforcedx-docker#35 (NotFound),
 * kubernetes/kubernetes#110675 and containerd/containerd#6339 (401), kubesphere/kubekey#1613.
 */
import { hex64, parseImageRef } from './imageRef';

/** What /bin/sh is in the image ('none': distroless or scratch, no shell). */
export type ShellFlavor = 'busybox' | 'dash' | 'bash' | 'none';

/** The image's OCI config, as `docker inspect` shows it. */
export interface ImageConfig {
  /** [] when none. */
  entrypoint: string[];
  cmd: string[];
  /** 'PATH=/usr/local/sbin:…', 'NGINX_VERSION=1.27.3', … */
  env: string[];
  /** '' = /. */
  workingDir: string;
  /** '' = root; '65535:65535' for pause, 'nonroot:nonroot'… as the image has it. */
  user: string;
  /** '80/tcp', '53/udp'. */
  exposedPorts: string[];
  /** 'SIGTERM' unless the image sets one (nginx: SIGQUIT, httpd: SIGWINCH, postgres: SIGINT). */
  stopSignal: string;
  shell: ShellFlavor;
}

export interface RegistryImage {
  /** Normalised, no tag: 'docker.io/library/nginx'. */
  repository: string;
  /** Compressed size, close to the real one. */
  tags: Record<string, { sizeBytes: number }>;
  /** Needs imagePullSecrets. */
  private?: boolean;
  config: ImageConfig;
  /** Where a tag differs (e.g. nginx:1.14.2's env). */
  tagConfig?: Record<string, Partial<ImageConfig>>;
}

export type ImageLookup =
  | {
      ok: true;
      /** The normalised reference pulled: 'docker.io/library/nginx:1.27.3' or '…@sha256:…'. */
      ref: string;
      repository: string;
      /** '' when pulled by a digest that names no tag here. */
      tag: string;
      sizeBytes: number;
      /** The manifest digest (`sha256:…`), stable per repository and tag. */
      digest: string;
      config: ImageConfig;
    }
  | {
      ok: false;
      reason: 'not-found' | 'unauthorized';
      /** What the kubelet reports after `Failed to pull image "X": ` (containerd's text over gRPC). */
      message: string;
    };

/** The PATH every Debian/Alpine/scratch-based image sets (Docker's default). */
const PATH = 'PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin';

/** An ImageConfig with Docker's defaults for whatever the image does not set. */
function config(c: Partial<ImageConfig> & { shell: ShellFlavor }): ImageConfig {
  return {
    entrypoint: [],
    cmd: [],
    env: [PATH],
    workingDir: '',
    user: '',
    exposedPorts: [],
    stopSignal: 'SIGTERM',
    ...c,
  };
}

/** `{ tag: sizeBytes }` → the tags map. */
function sized(sizes: Record<string, number>): Record<string, { sizeBytes: number }> {
  const out: Record<string, { sizeBytes: number }> = {};
  for (const [tag, sizeBytes] of Object.entries(sizes)) out[tag] = { sizeBytes };
  return out;
}

// nginx: nginx/docker-nginx mainline/bookworm/Dockerfile. Since 1.19 an entrypoint script runs
// /docker-entrypoint.d/ before `nginx -g 'daemon off;'`; STOPSIGNAL SIGQUIT (graceful) since
// 1.19.x; before that STOPSIGNAL SIGTERM and no entrypoint (1.14.2 stretch, 1.16.1 buster).
const NGINX_CMD = ['nginx', '-g', 'daemon off;'];
const nginxEnv = (version: string, njs: string, release: string, dynpkg: boolean) => [
  PATH,
  `NGINX_VERSION=${version}`,
  `NJS_VERSION=${njs}`,
  `NJS_RELEASE=${release}`,
  `PKG_RELEASE=${release}`,
  ...(dynpkg ? [`DYNPKG_RELEASE=${release}`] : []),
];
const NGINX_OLD = { entrypoint: [], stopSignal: 'SIGTERM' };

const NGINX: RegistryImage = {
  repository: 'docker.io/library/nginx',
  tags: sized({
    latest: 72_188_133,
    mainline: 72_188_133,
    '1': 72_188_133,
    '1.27': 72_404_118,
    '1.27.3': 72_188_133,
    '1.26': 72_105_602,
    '1.26.3': 72_105_602,
    stable: 72_105_602,
    '1.25': 70_543_781,
    '1.25.5': 70_543_781,
    '1.16.1': 51_032_578,
    '1.14.2': 44_709_945,
    alpine: 20_298_436,
    '1.27-alpine': 20_298_436,
    '1.27.3-alpine': 20_298_436,
    'stable-alpine': 20_187_214,
  }),
  config: config({
    entrypoint: ['/docker-entrypoint.sh'],
    cmd: NGINX_CMD,
    env: nginxEnv('1.27.3', '0.8.7', '1~bookworm', true),
    exposedPorts: ['80/tcp'],
    stopSignal: 'SIGQUIT',
    shell: 'dash',
  }),
  tagConfig: {
    // 1.27.5 is the last 1.27; njs 0.8.10 (unconfirmed).
    '1.27': { env: nginxEnv('1.27.5', '0.8.10', '1~bookworm', true) },
    '1.26': { env: nginxEnv('1.26.3', '0.8.9', '1~bookworm', false) },
    '1.26.3': { env: nginxEnv('1.26.3', '0.8.9', '1~bookworm', false) },
    stable: { env: nginxEnv('1.26.3', '0.8.9', '1~bookworm', false) },
    // 1.25.5's njs version unconfirmed.
    '1.25': { env: nginxEnv('1.25.5', '0.8.4', '3~bookworm', false) },
    '1.25.5': { env: nginxEnv('1.25.5', '0.8.4', '3~bookworm', false) },
    '1.16.1': {
      ...NGINX_OLD,
      env: [PATH, 'NGINX_VERSION=1.16.1', 'NJS_VERSION=0.3.8', 'PKG_RELEASE=1~buster'],
    },
    '1.14.2': {
      ...NGINX_OLD,
      env: [PATH, 'NGINX_VERSION=1.14.2-1~stretch', 'NJS_VERSION=1.14.2.0.2.6-1~stretch'],
    },
    alpine: { shell: 'busybox', env: nginxEnv('1.27.3', '0.8.7', '1', true) },
    '1.27-alpine': { shell: 'busybox', env: nginxEnv('1.27.5', '0.8.10', '1', true) },
    '1.27.3-alpine': { shell: 'busybox', env: nginxEnv('1.27.3', '0.8.7', '1', true) },
    'stable-alpine': { shell: 'busybox', env: nginxEnv('1.26.3', '0.8.9', '1', false) },
  },
};

// httpd: docker-library/httpd 2.4/Dockerfile: CMD httpd-foreground, STOPSIGNAL SIGWINCH
// (apache's graceful stop), WORKDIR $HTTPD_PREFIX. HTTPD_SHA256 and HTTPD_PATCHES omitted.
const HTTPD_ENV = [
  'PATH=/usr/local/apache2/bin:/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin',
  'HTTPD_PREFIX=/usr/local/apache2',
  'HTTPD_VERSION=2.4.62',
];
const HTTPD: RegistryImage = {
  repository: 'docker.io/library/httpd',
  tags: sized({
    latest: 58_321_906,
    '2': 58_321_906,
    '2.4': 58_321_906,
    '2.4.62': 58_321_906,
    alpine: 21_564_220,
    '2.4-alpine': 21_564_220,
  }),
  config: config({
    cmd: ['httpd-foreground'],
    env: HTTPD_ENV,
    workingDir: '/usr/local/apache2',
    exposedPorts: ['80/tcp'],
    stopSignal: 'SIGWINCH',
    shell: 'dash',
  }),
  tagConfig: { alpine: { shell: 'busybox' }, '2.4-alpine': { shell: 'busybox' } },
};

// busybox: docker-library/busybox: FROM scratch, one static binary, CMD ["sh"].
const BUSYBOX: RegistryImage = {
  repository: 'docker.io/library/busybox',
  tags: sized({
    latest: 2_167_176,
    '1.37': 2_167_176,
    '1.37.0': 2_167_176,
    '1.36': 2_152_262,
    '1.36.1': 2_152_262,
    stable: 2_152_262,
    '1.28': 727_029,
    musl: 927_344,
    glibc: 2_167_176,
    uclibc: 2_098_190,
  }),
  config: config({ cmd: ['sh'], shell: 'busybox' }),
};

// alpine: docker-library/alpine (alpinelinux/docker-alpine): FROM scratch, CMD ["/bin/sh"].
const ALPINE: RegistryImage = {
  repository: 'docker.io/library/alpine',
  tags: sized({
    latest: 3_642_193,
    '3': 3_642_193,
    '3.21': 3_642_193,
    '3.20': 3_625_741,
    '3.19': 3_417_858,
    edge: 3_652_116,
  }),
  config: config({ cmd: ['/bin/sh'], shell: 'busybox' }),
};

// ubuntu: CMD ["/bin/bash"]; /bin/sh is dash.
const UBUNTU: RegistryImage = {
  repository: 'docker.io/library/ubuntu',
  tags: sized({
    latest: 29_754_290,
    '24.04': 29_754_290,
    noble: 29_754_290,
    '22.04': 29_535_116,
    jammy: 29_535_116,
    '20.04': 27_508_716,
  }),
  config: config({ cmd: ['/bin/bash'], shell: 'dash' }),
};

// debian: CMD ["bash"]; /bin/sh is dash. latest is bookworm (12) in this registry.
const DEBIAN: RegistryImage = {
  repository: 'docker.io/library/debian',
  tags: sized({
    latest: 48_494_272,
    '12': 48_494_272,
    bookworm: 48_494_272,
    'bookworm-slim': 28_228_468,
    '11': 53_738_905,
    bullseye: 53_738_905,
  }),
  config: config({ cmd: ['bash'], shell: 'dash' }),
};

// redis: docker-library/redis 7.4/Dockerfile: docker-entrypoint.sh (drops to user redis via
// gosu), CMD redis-server, WORKDIR /data. REDIS_DOWNLOAD_URL / _SHA omitted.
const redisEnv = (version: string) => [PATH, 'GOSU_VERSION=1.17', `REDIS_VERSION=${version}`];
const REDIS: RegistryImage = {
  repository: 'docker.io/library/redis',
  tags: sized({
    latest: 45_123_420,
    '7': 45_123_420,
    '7.4': 45_123_420,
    '7.2': 40_765_300,
    alpine: 17_223_648,
  }),
  config: config({
    entrypoint: ['docker-entrypoint.sh'],
    cmd: ['redis-server'],
    env: redisEnv('7.4.1'),
    workingDir: '/data',
    exposedPorts: ['6379/tcp'],
    shell: 'dash',
  }),
  tagConfig: {
    '7.2': { env: redisEnv('7.2.6') },
    alpine: { env: [PATH, `REDIS_VERSION=7.4.1`], shell: 'busybox' },
  },
};

// postgres: docker-library/postgres 17/bookworm/Dockerfile: STOPSIGNAL SIGINT ("fast" shutdown).
const postgresEnv = (major: string, version: string) => [
  `${PATH}:/usr/lib/postgresql/${major}/bin`,
  'GOSU_VERSION=1.17',
  'LANG=en_US.utf8',
  `PG_MAJOR=${major}`,
  `PG_VERSION=${version}`,
  'PGDATA=/var/lib/postgresql/data',
];
const POSTGRES: RegistryImage = {
  repository: 'docker.io/library/postgres',
  tags: sized({
    latest: 154_901_208,
    '17': 154_901_208,
    '16': 151_336_514,
    alpine: 104_115_200,
  }),
  config: config({
    entrypoint: ['docker-entrypoint.sh'],
    cmd: ['postgres'],
    env: postgresEnv('17', '17.2-1.pgdg120+1'),
    exposedPorts: ['5432/tcp'],
    stopSignal: 'SIGINT',
    shell: 'dash',
  }),
  tagConfig: {
    '16': { env: postgresEnv('16', '16.6-1.pgdg120+1') },
    alpine: {
      env: [
        PATH,
        'LANG=en_US.utf8',
        'PG_MAJOR=17',
        'PG_VERSION=17.2',
        'PGDATA=/var/lib/postgresql/data',
      ],
      shell: 'busybox',
    },
  },
};

// mysql: docker-library/mysql (oraclelinux9): /bin/sh is bash.
const mysqlEnv = (major: string, version: string) => [
  PATH,
  'GOSU_VERSION=1.17',
  `MYSQL_MAJOR=${major}`,
  `MYSQL_VERSION=${version}`,
  `MYSQL_SHELL_VERSION=${version}`,
];
const MYSQL: RegistryImage = {
  repository: 'docker.io/library/mysql',
  tags: sized({
    latest: 171_642_903,
    '9': 171_642_903,
    '8': 164_770_412,
    '8.4': 164_770_412,
    lts: 164_770_412,
    '8.0': 163_380_224,
  }),
  config: config({
    entrypoint: ['docker-entrypoint.sh'],
    cmd: ['mysqld'],
    env: mysqlEnv('innovation', '9.1.0-1.el9'),
    exposedPorts: ['3306/tcp', '33060/tcp'],
    shell: 'bash',
  }),
  tagConfig: {
    '8': { env: mysqlEnv('8.4', '8.4.3-1.el9') },
    '8.4': { env: mysqlEnv('8.4', '8.4.3-1.el9') },
    lts: { env: mysqlEnv('8.4', '8.4.3-1.el9') },
    '8.0': { env: mysqlEnv('8.0', '8.0.40-1.el9') },
  },
};

// python: docker-library/python 3.13/bookworm: CMD ["python3"]; 3.13 images dropped LANG.
// GPG_KEY and PYTHON_SHA256 omitted.
const pythonEnv = (version: string, lang: boolean) => [
  'PATH=/usr/local/bin:/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin',
  ...(lang ? ['LANG=C.UTF-8'] : []),
  `PYTHON_VERSION=${version}`,
];
const PYTHON: RegistryImage = {
  repository: 'docker.io/library/python',
  tags: sized({
    latest: 388_153_240,
    '3': 388_153_240,
    '3.13': 388_153_240,
    '3.12': 386_903_412,
    slim: 43_617_380,
    '3.13-slim': 43_617_380,
    '3.12-slim': 44_124_600,
    alpine: 17_345_220,
    '3.13-alpine': 17_345_220,
  }),
  config: config({ cmd: ['python3'], env: pythonEnv('3.13.1', false), shell: 'dash' }),
  tagConfig: {
    '3.12': { env: pythonEnv('3.12.8', true) },
    '3.12-slim': { env: pythonEnv('3.12.8', true) },
    alpine: { shell: 'busybox' },
    '3.13-alpine': { shell: 'busybox' },
  },
};

// node: nodejs/docker-node 22/bookworm: docker-entrypoint.sh, CMD ["node"].
const nodeEnv = (version: string) => [PATH, `NODE_VERSION=${version}`, 'YARN_VERSION=1.22.22'];
const NODE: RegistryImage = {
  repository: 'docker.io/library/node',
  tags: sized({
    latest: 394_312_730,
    '23': 394_312_730,
    '22': 392_611_200,
    lts: 392_611_200,
    '20': 391_022_460,
    slim: 75_113_562,
    '22-slim': 75_113_562,
    alpine: 56_812_331,
    '22-alpine': 56_812_331,
  }),
  config: config({
    entrypoint: ['docker-entrypoint.sh'],
    cmd: ['node'],
    env: nodeEnv('23.4.0'),
    shell: 'dash',
  }),
  tagConfig: {
    '22': { env: nodeEnv('22.12.0') },
    lts: { env: nodeEnv('22.12.0') },
    '22-slim': { env: nodeEnv('22.12.0') },
    '22-alpine': { env: nodeEnv('22.12.0'), shell: 'busybox' },
    '20': { env: nodeEnv('20.18.1') },
    alpine: { shell: 'busybox' },
  },
};

// perl: docker-library/perl 5.40/bookworm: WORKDIR /usr/src/app, CMD ["perl5.40.0","-de0"].
const PERL: RegistryImage = {
  repository: 'docker.io/library/perl',
  tags: sized({ latest: 331_412_876, '5': 331_412_876, '5.40': 331_412_876, slim: 38_402_196 }),
  config: config({ cmd: ['perl5.40.0', '-de0'], workingDir: '/usr/src/app', shell: 'dash' }),
};

// hello-world: FROM scratch, CMD ["/hello"]: prints its greeting and exits 0.
const HELLO_WORLD: RegistryImage = {
  repository: 'docker.io/library/hello-world',
  tags: sized({ latest: 2_459, linux: 2_459 }),
  config: config({ cmd: ['/hello'], shell: 'none' }),
};

// kubernetes/build pause: FROM scratch, ENTRYPOINT ["/pause"], USER 65535:65535.
const PAUSE: RegistryImage = {
  repository: 'registry.k8s.io/pause',
  tags: sized({ '3.10.1': 320_448, '3.10': 320_368, '3.9': 321_520, latest: 320_368 }),
  config: config({ entrypoint: ['/pause'], user: '65535:65535', shell: 'none' }),
};

// coredns/coredns Dockerfile: distroless static (nonroot), ENTRYPOINT ["/coredns"], EXPOSE 53
// 53/udp. kubeadm v1.34 (KUBERNETES_VERSION) uses v1.12.1 (cmd/kubeadm/app/constants). The
// USER line is unconfirmed for v1.11.3.
const COREDNS: RegistryImage = {
  repository: 'registry.k8s.io/coredns/coredns',
  tags: sized({ 'v1.12.1': 22_374_196, 'v1.12.0': 20_939_036, 'v1.11.3': 18_562_039 }),
  config: config({
    entrypoint: ['/coredns'],
    env: [PATH, 'SSL_CERT_FILE=/etc/ssl/certs/ca-certificates.crt'],
    user: 'nonroot:nonroot',
    exposedPorts: ['53/tcp', '53/udp'],
    shell: 'none',
  }),
};

// The control-plane images kubeadm pulls (src/engine/sim/bootstrap.ts). kube-apiserver,
// -controller-manager and -scheduler are built on go-runner (ENTRYPOINT ["/go-runner"]);
// kube-proxy on distroless-iptables; etcd on distroless. Static pods always give `command`, so
// only the sizes show. Sizes unconfirmed (approximate).
const controlPlane = (name: string, sizeBytes: number, c: Partial<ImageConfig>): RegistryImage => ({
  repository: `registry.k8s.io/${name}`,
  tags: sized({ 'v1.34.2': sizeBytes }),
  config: config({ shell: 'none', ...c }),
});
const CONTROL_PLANE: RegistryImage[] = [
  controlPlane('kube-apiserver', 27_954_612, { entrypoint: ['/go-runner'] }),
  controlPlane('kube-controller-manager', 25_612_420, { entrypoint: ['/go-runner'] }),
  controlPlane('kube-scheduler', 20_114_392, { entrypoint: ['/go-runner'] }),
  controlPlane('kube-proxy', 30_936_220, { entrypoint: ['/usr/local/bin/kube-proxy'] }),
  {
    repository: 'registry.k8s.io/etcd',
    tags: sized({ '3.6.4-0': 22_874_530, '3.5.21-0': 57_681_230 }),
    config: config({
      cmd: ['/usr/local/bin/etcd'],
      exposedPorts: ['2379/tcp', '2380/tcp'],
      shell: 'none',
    }),
  },
];

// The images the Kubernetes docs' examples use (shared/k8s-examples) and the test images.
const DOCS_IMAGES: RegistryImage[] = [
  {
    // The old gcr.io/google_containers/busybox, mirrored: busybox 1.24-era, CMD ["sh"].
    repository: 'registry.k8s.io/busybox',
    tags: sized({ latest: 1_144_547, '1.27.2': 1_144_547, '1.24': 676_040 }),
    config: config({ cmd: ['sh'], shell: 'busybox' }),
  },
  {
    // The probes page's TCP example: an HTTP proxy on 8080 (FROM scratch; unconfirmed).
    repository: 'registry.k8s.io/goproxy',
    tags: sized({ '0.1': 2_880_442 }),
    config: config({ entrypoint: ['/goproxy'], exposedPorts: ['8080/tcp'], shell: 'none' }),
  },
  {
    // GoogleCloudPlatform/kubernetes-engine-samples hello-app: distroless, serves on $PORT 8080
    // and prints "Hello, world!" with its version and hostname (config unconfirmed).
    repository: 'gcr.io/google-samples/hello-app',
    tags: sized({ '1.0': 4_731_036, '2.0': 4_734_162 }),
    config: config({ cmd: ['/hello-app'], env: [PATH, 'PORT=8080'], shell: 'none' }),
  },
  {
    // The "connect a frontend to a backend" tutorial's backend: serves on 80 (unconfirmed).
    repository: 'gcr.io/google-samples/hello-go-gke',
    tags: sized({ '1.0': 4_112_780 }),
    config: config({ cmd: ['/hello-go'], exposedPorts: ['80/tcp'], shell: 'none' }),
  },
  {
    // The DaemonSet page's fluentd (debian stretch-slim based; config unconfirmed).
    repository: 'quay.io/fluentd_elasticsearch/fluentd',
    tags: sized({ 'v2.5.2': 139_608_331 }),
    config: config({ entrypoint: ['/entrypoint.sh'], cmd: ['/run.sh'], shell: 'dash' }),
  },
  {
    // The StatefulSet docs' `web` example: kubernetes/contrib's nginx-slim (nginx 1.11 on
    // ubuntu-slim), CMD ["nginx", "-g", "daemon off;"], EXPOSE 80 443 (sizes and config
    // unconfirmed).
    repository: 'registry.k8s.io/nginx-slim',
    tags: sized({ '0.7': 51_362_410, '0.8': 52_101_672 }),
    config: config({
      cmd: NGINX_CMD,
      exposedPorts: ['443/tcp', '80/tcp'],
      shell: 'dash',
    }),
  },
  {
    // vishh/stress: busybox + a Go program that burns CPU and memory; ENTRYPOINT
    // ["/stress", "-logtostderr"] (unconfirmed).
    repository: 'docker.io/vish/stress',
    tags: sized({ latest: 1_932_400 }),
    config: config({ entrypoint: ['/stress', '-logtostderr'], shell: 'busybox' }),
  },
  {
    // polinux/stress: alpine + stress(1); the docs always give command: ["stress"] (unconfirmed).
    repository: 'docker.io/polinux/stress',
    tags: sized({ latest: 4_211_604, '1.0.4': 4_211_604 }),
    config: config({ cmd: ['stress', '--help'], shell: 'busybox' }),
  },
];

// A private repository for teaching imagePullSecrets: its registry answers 401 to anonymous
// requests (basic auth), so containerd reports the bare `401 Unauthorized`.
const SECRET_SAUCE: RegistryImage = {
  repository: 'registry.example.com/kitchen/secret-sauce',
  private: true,
  tags: sized({ '1.0': 9_413_220, latest: 9_413_220 }),
  config: config({
    entrypoint: ['/secret-sauce'],
    exposedPorts: ['8080/tcp'],
    user: '65532:65532',
    shell: 'none',
  }),
};

export const REGISTRY: readonly RegistryImage[] = [
  NGINX,
  HTTPD,
  BUSYBOX,
  ALPINE,
  UBUNTU,
  DEBIAN,
  REDIS,
  POSTGRES,
  MYSQL,
  PYTHON,
  NODE,
  PERL,
  HELLO_WORLD,
  PAUSE,
  COREDNS,
  ...CONTROL_PLANE,
  ...DOCS_IMAGES,
  SECRET_SAUCE,
];

/** Constant data, so a module-level index is safe (nothing in it is simulation state). */
const byRepository = new Map<string, RegistryImage>(REGISTRY.map((r) => [r.repository, r]));

/**
 * Registry hosts that answer (DNS resolves). A reference to any other host fails as the
 * node's resolver does: `no such host`.
 */
const KNOWN_HOSTS = new Set<string>([
  ...REGISTRY.map((r) => r.repository.split('/')[0]),
  'ghcr.io',
  'k8s.gcr.io',
  'mcr.microsoft.com',
  'public.ecr.aws',
]);

/** The node's DNS server (kind rewrites Docker's 127.0.0.11 to the network gateway). */
const NODE_RESOLVER = '172.18.0.1:53';

/** The manifest digest of a tag: stable, 64 hex digits. */
function manifestDigest(repository: string, tag: string): string {
  return `sha256:${hex64(`manifest:${repository}:${tag}`)}`;
}

function tagConfig(image: RegistryImage, tag: string): ImageConfig {
  const over = tag ? image.tagConfig?.[tag] : undefined;
  return over ? { ...image.config, ...over } : image.config;
}

/** Results are pure functions of the name; remembered (bounded) like normalizeImage. */
const found = new Map<string, ImageLookup>();

/**
 * Resolves a reference as a pull would: the tag (or digest) in a known repository, or the error
 * containerd gives. `pullSecrets` names the secrets the pull may use (any one opens a private
 * repository; the caller decides which exist).
 */
export function lookupImage(image: string, opts?: { pullSecrets?: string[] }): ImageLookup {
  const r = parseImageRef(image);
  // Without credentials a private registry refuses the manifest HEAD before it looks at the tag.
  if (byRepository.get(r.repository)?.private && !opts?.pullSecrets?.length) {
    return failure('unauthorized', 'Unknown', refOf(r), unauthorizedText(r));
  }
  return resolve(image);
}

/** The config of an image the registry has (whatever its privacy); undefined otherwise. */
export function imageConfig(image: string): ImageConfig | undefined {
  const result = resolve(image);
  return result.ok ? result.config : undefined;
}

function resolve(image: string): ImageLookup {
  let result = found.get(image);
  if (result === undefined) {
    if (found.size >= 4096) found.clear();
    result = resolveUncached(image);
    found.set(image, result);
  }
  return result;
}

function refOf(r: ReturnType<typeof parseImageRef>): string {
  return `${r.repository}${r.tag ? `:${r.tag}` : ''}${r.digest ? `@${r.digest}` : ''}`;
}

function resolveUncached(image: string): ImageLookup {
  const r = parseImageRef(image);
  const ref = refOf(r);
  const hostname = r.host.split(':')[0];
  if (!KNOWN_HOSTS.has(r.host)) {
    const scheme = hostname === 'localhost' || hostname === '127.0.0.1' ? 'http' : 'https';
    const dial =
      scheme === 'http'
        ? `dial tcp 127.0.0.1:${r.host.split(':')[1] ?? '80'}: connect: connection refused`
        : `dial tcp: lookup ${hostname} on ${NODE_RESOLVER}: no such host`;
    return failure(
      'not-found',
      'Unknown',
      ref,
      `failed to do request: Head "${scheme}://${r.host}/v2/${r.path}/manifests/${r.digest || r.tag}": ${dial}`,
    );
  }
  const repo = byRepository.get(r.repository);
  if (!repo) {
    // Docker Hub answers an anonymous token request for a repository it does not have with
    // insufficient_scope (it cannot tell "missing" from "private"); other registries say 404.
    if (r.host === 'docker.io') {
      return failure(
        'not-found',
        'Unknown',
        ref,
        'pull access denied, repository does not exist or may require authorization: server message: insufficient_scope: authorization failed',
      );
    }
    return failure('not-found', 'NotFound', ref, `${ref}: not found`);
  }
  let tag = r.tag;
  if (r.digest) {
    const named = Object.keys(repo.tags).find(
      (t) => manifestDigest(repo.repository, t) === r.digest,
    );
    if (named) tag = named;
    else if (/^sha256:[0-9a-f]{64}$/.test(r.digest)) tag = '';
    else return failure('not-found', 'NotFound', ref, `${ref}: not found`);
    const sizeTag = tag || ('latest' in repo.tags ? 'latest' : Object.keys(repo.tags)[0]);
    return {
      ok: true,
      ref,
      repository: repo.repository,
      tag,
      sizeBytes: repo.tags[sizeTag].sizeBytes,
      digest: r.digest,
      config: tagConfig(repo, sizeTag),
    };
  }
  const entry = repo.tags[tag];
  if (!entry) return failure('not-found', 'NotFound', ref, `${ref}: not found`);
  return {
    ok: true,
    ref,
    repository: repo.repository,
    tag,
    sizeBytes: entry.sizeBytes,
    digest: manifestDigest(repo.repository, tag),
    config: tagConfig(repo, tag),
  };
}

function unauthorizedText(r: ReturnType<typeof parseImageRef>): string {
  return `unexpected status from HEAD request to https://${r.host}/v2/${r.path}/manifests/${r.digest || r.tag}: 401 Unauthorized`;
}

/** containerd's error as the kubelet receives it over CRI (a gRPC status). */
function failure(
  reason: 'not-found' | 'unauthorized',
  code: 'NotFound' | 'Unknown',
  ref: string,
  cause: string,
): ImageLookup {
  return {
    ok: false,
    reason,
    message: `rpc error: code = ${code} desc = failed to pull and unpack image "${ref}": failed to resolve reference "${ref}": ${cause}`,
  };
}
