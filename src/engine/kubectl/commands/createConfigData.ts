/**
 * `kubectl create configmap` and `kubectl create secret generic|docker-registry`
 * (kubernetes/kubectl pkg/cmd/create/create_configmap.go, create_secret.go,
 * create_secret_docker.go, pkg/util/util.go, pkg/util/hash/hash.go, pkg/cmd/util/env_file.go):
 * the objects they build, key for key, and their own error texts.
 */
import { apiVersionOf, type ResourceInfo, resourceInfo } from '../../api/resources';
import type { KObject } from '../../api/types';
import { isConfigMapKey, regexError } from '../../apiserver/validation/names';
import { base64Encode, base64OfText, utf8Encode } from '../../model/base64';
import { sha256Hex } from '../../proxy/sha256';
import {
  type CommandContext,
  type CommandDef,
  DRY_RUN_FLAG,
  dryRunOf,
  FIELD_MANAGER_FLAG,
  OUTPUT_FLAG,
  SAVE_CONFIG_FLAG,
  VALIDATE_FLAG,
} from '../command';
import { dialError, errorText, failWith } from '../errors';
import { joinPath } from '../files';
import { goJsonString } from '../print/goJson';
import { nameFromArgs, printResult } from './generated';
import { checkOutputFormat } from './get';

const COMMON_FLAGS = [
  DRY_RUN_FLAG,
  OUTPUT_FLAG,
  SAVE_CONFIG_FLAG,
  FIELD_MANAGER_FLAG,
  VALIDATE_FLAG,
  { name: 'append-hash', kind: 'bool' as const },
];
const SOURCE_FLAGS = [
  { name: 'from-file', kind: 'stringSlice' as const },
  { name: 'from-literal', kind: 'stringArray' as const },
  { name: 'from-env-file', kind: 'stringSlice' as const },
];

/** util.ParseLiteralSource: split at the first `=`; a missing or leading `=` is an error. */
function parseLiteralSource(source: string): [string, string] {
  const eq = source.indexOf('=');
  if (eq <= 0) throw failWith.message(`invalid literal source ${source}, expected key=value`);
  return [source.slice(0, eq), source.slice(eq + 1)];
}

/** util.ParseFileSource: `path` (the key is its base name) or `key=path`. */
function parseFileSource(source: string): { key: string; path: string; named: boolean } {
  const count = source.split('=').length - 1;
  if (count === 0) {
    const trimmed = source.replace(/\/+$/, '');
    const base = trimmed === '' ? '/' : trimmed.slice(trimmed.lastIndexOf('/') + 1);
    return { key: base || '.', path: source, named: false };
  }
  if (count === 1 && source.startsWith('='))
    throw failWith.message(`key name for file path ${source.slice(1)} missing`);
  if (count === 1 && source.endsWith('='))
    throw failWith.message(`file path for key name ${source.slice(0, -1)} missing`);
  if (count > 1) throw failWith.message("key names or file paths cannot contain '='");
  const [key, path] = source.split('=');
  return { key, path, named: true };
}

/** The files one --from-file source names: a file, or the regular files of a directory. */
function readFileSource(ctx: CommandContext, source: string): { key: string; text: string }[] {
  const { key, path, named } = parseFileSource(source);
  const full = joinPath(ctx.cwd, path);
  const text = ctx.host.readFile(full);
  if (text !== undefined) return [{ key, text }];
  const entries = ctx.host.listDir?.(full);
  if (!entries) throw failWith.message(`error reading ${path}: no such file or directory`);
  if (named) throw failWith.message('cannot give a key name for a directory path');
  return entries
    .filter((e) => !e.endsWith('/'))
    .sort()
    .map((e) => ({ key: e, text: ctx.host.readFile(joinPath(full, e)) ?? '' }));
}

/** validation.IsEnvVarName (the strict form kubectl checks env files with). */
function isEnvVarName(value: string): string[] {
  const errs: string[] = [];
  if (!/^[-._a-zA-Z][-._a-zA-Z0-9]*$/.test(value)) {
    errs.push(
      regexError(
        "a valid environment variable name must consist of alphabetic characters, digits, '_', '-', or '.', and must not start with a digit",
        '[-._a-zA-Z][-._a-zA-Z0-9]*',
        'my.env-name',
        'MY_ENV.NAME',
        'MyEnvName1',
      ),
    );
  }
  if (value === '.') errs.push("must not be '.'");
  else if (value === '..') errs.push("must not be '..'");
  else if (value.startsWith('..')) errs.push("must not start with '..'");
  return errs;
}

/**
 * AddFromEnvFile: `KEY=value` lines; blank lines and `#` comments are skipped; a line without `=`
 * takes the value from kubectl's own environment, which is empty here.
 */
function readEnvFile(ctx: CommandContext, path: string): [string, string][] {
  const full = joinPath(ctx.cwd, path);
  const text = ctx.host.readFile(full);
  if (text === undefined) {
    if (ctx.host.listDir?.(full)) return [];
    throw failWith.message(`error reading ${path}: no such file or directory`);
  }
  const pairs: [string, string][] = [];
  text.split('\n').forEach((raw, i) => {
    let line = raw.endsWith('\r') ? raw.slice(0, -1) : raw;
    if (i === 0 && line.startsWith('\ufeff')) line = line.slice(1);
    line = line.replace(/^\s+/, '');
    if (line === '' || line.startsWith('#')) return;
    const eq = line.indexOf('=');
    const key = eq < 0 ? line : line.slice(0, eq);
    const errs = isEnvVarName(key);
    if (errs.length)
      throw failWith.message(`${JSON.stringify(key)} is not a valid key name: ${errs.join(';')}`);
    pairs.push([key, eq < 0 ? '' : line.slice(eq + 1)]);
  });
  return pairs;
}

/** Go's json.Marshal of a map (keys sorted, HTML-safe escapes), for the hashes and auths. */
function compactJson(value: unknown): string {
  if (value === null || value === undefined) return 'null';
  if (typeof value === 'string') return goJsonString(value);
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  if (Array.isArray(value)) return `[${value.map(compactJson).join(',')}]`;
  const obj = value as Record<string, unknown>;
  const keys = Object.keys(obj)
    .filter((k) => obj[k] !== undefined)
    .sort();
  return `{${keys.map((k) => `${goJsonString(k)}:${compactJson(obj[k])}`).join(',')}}`;
}

/** hash.encodeHash: the first ten hex digits of the sha256, vowel-like digits swapped. */
function encodeHash(text: string): string {
  const swap: Record<string, string> = { '0': 'g', '1': 'h', '3': 'k', a: 'm', e: 't' };
  return [...sha256Hex(text).slice(0, 10)].map((c) => swap[c] ?? c).join('');
}

/** The generated object is sent (or printed), with Run's own wrapping of a failed create. */
function send(ctx: CommandContext, r: ResourceInfo, obj: KObject, what: string, sep: string): void {
  const dryRun = dryRunOf(ctx);
  checkOutputFormat(ctx.flags.string('output'), ['yaml', 'json', 'name']);
  if (dryRun === 'client') return printResult(ctx, obj, 'created', dryRun);
  const res = ctx.client.tryCreate(r, ctx.namespace, obj, dryRun === 'server');
  if (res.ok) return printResult(ctx, res.value, 'created', dryRun);
  let detail = errorText(res.failure, ctx.host.serverAddress);
  if (res.failure.type === 'network') {
    // A *url.Error: the request line, then the dial error.
    const params = `${dryRun === 'server' ? 'dryRun=All&' : ''}fieldManager=kubectl-create&fieldValidation=Strict`;
    detail = `Post "https://${ctx.host.serverAddress}/api/v1/namespaces/${ctx.namespace}/${r.resource}?${params}": ${dialError(res.failure.detail, ctx.host.serverAddress)}`;
  }
  throw failWith.message(`failed to create ${what}${sep}${detail}`);
}

/** Type meta first, then metadata (namespace only with -n, as kubectl's EnforceNamespace). */
function newObject(ctx: CommandContext, r: ResourceInfo, name: string): KObject {
  const metadata: KObject['metadata'] = { creationTimestamp: null as unknown as string, name };
  if (ctx.explicitNamespace) metadata.namespace = ctx.namespace;
  return { apiVersion: apiVersionOf(r), kind: r.kind, metadata };
}

function checkSourceMix(ctx: CommandContext): void {
  if (
    ctx.flags.list('from-env-file').length > 0 &&
    (ctx.flags.list('from-file').length > 0 || ctx.flags.list('from-literal').length > 0)
  ) {
    throw failWith.message('from-env-file cannot be combined with from-file or from-literal');
  }
}

const createConfigMap: CommandDef = {
  name: 'configmap',
  aliases: ['cm'],
  short: 'Create a config map from a local file, directory or literal value',
  flags: [...COMMON_FLAGS, ...SOURCE_FLAGS],
  run(ctx) {
    const name = nameFromArgs(ctx);
    checkSourceMix(ctx);
    const data: Record<string, string> = {};
    const add = (key: string, value: string) => {
      const errs = isConfigMapKey(key);
      if (errs.length)
        throw failWith.message(
          `${JSON.stringify(key)} is not a valid key name for a ConfigMap: ${errs.join(',')}`,
        );
      if (Object.hasOwn(data, key))
        throw failWith.message(
          `cannot add key ${JSON.stringify(key)}, another key by that name already exists in Data for ConfigMap ${JSON.stringify(name)}`,
        );
      data[key] = value;
    };
    // createConfigMap: files, then literals, then env files.
    for (const source of ctx.flags.list('from-file'))
      for (const f of readFileSource(ctx, source)) add(f.key, f.text);
    for (const source of ctx.flags.list('from-literal')) add(...parseLiteralSource(source));
    for (const path of ctx.flags.list('from-env-file'))
      for (const [k, v] of readEnvFile(ctx, path)) add(k, v);
    const r = resourceInfo('configmaps');
    const obj = newObject(ctx, r, name);
    if (Object.keys(data).length) obj.data = data;
    if (ctx.flags.bool('append-hash')) {
      obj.metadata.name = `${name}-${encodeHash(compactJson({ kind: 'ConfigMap', name, data }))}`;
    }
    send(ctx, r, obj, 'configmap', ': ');
  },
};

/** The Secret both secret generators start from (newSecretObj), its data added after. */
function secretObject(ctx: CommandContext, name: string, type: string): KObject {
  const obj = newObject(ctx, resourceInfo('secrets'), name);
  if (type) obj.type = type;
  return obj;
}

function finishSecret(ctx: CommandContext, obj: KObject, data: Record<string, string>): void {
  if (Object.keys(data).length) obj.data = data;
  if (ctx.flags.bool('append-hash')) {
    const name = obj.metadata.name as string;
    const hash = encodeHash(compactJson({ kind: 'Secret', type: obj.type ?? '', name, data }));
    obj.metadata.name = `${name}-${hash}`;
  }
  send(ctx, resourceInfo('secrets'), obj, 'secret', ' ');
}

function secretAdder(data: Record<string, string>) {
  return (key: string, base64: string) => {
    const errs = isConfigMapKey(key);
    if (errs.length)
      throw failWith.message(
        `${JSON.stringify(key)} is not valid key name for a Secret ${errs.join(';')}`,
      );
    if (Object.hasOwn(data, key))
      throw failWith.message(`cannot add key ${key}, another key by that name already exists`);
    data[key] = base64;
  };
}

const createSecretGeneric: CommandDef = {
  name: 'generic',
  short: 'Create a secret from a local file, directory, or literal value',
  flags: [...COMMON_FLAGS, ...SOURCE_FLAGS, { name: 'type', kind: 'string' }],
  run(ctx) {
    const name = nameFromArgs(ctx);
    checkSourceMix(ctx);
    const data: Record<string, string> = {};
    const add = secretAdder(data);
    // createSecret: literals, then files, then env files.
    for (const source of ctx.flags.list('from-literal')) {
      const [key, value] = parseLiteralSource(source);
      add(key, base64OfText(value));
    }
    for (const source of ctx.flags.list('from-file'))
      for (const f of readFileSource(ctx, source)) add(f.key, base64OfText(f.text));
    for (const path of ctx.flags.list('from-env-file'))
      for (const [k, v] of readEnvFile(ctx, path)) add(k, base64OfText(v));
    finishSecret(ctx, secretObject(ctx, name, ctx.flags.string('type')), data);
  },
};

const DOCKER_CONFIG_JSON_KEY = '.dockerconfigjson';

const createSecretDockerRegistry: CommandDef = {
  name: 'docker-registry',
  short: 'Create a secret for use with a Docker registry',
  flags: [
    ...COMMON_FLAGS,
    { name: 'docker-username', kind: 'string' },
    { name: 'docker-password', kind: 'string' },
    { name: 'docker-email', kind: 'string' },
    { name: 'docker-server', kind: 'string', default: 'https://index.docker.io/v1/' },
    { name: 'from-file', kind: 'stringSlice' },
  ],
  run(ctx) {
    const name = nameFromArgs(ctx);
    // Complete: a bare path is the .dockerconfigjson key.
    const files = ctx.flags
      .list('from-file')
      .map((f) => (f.includes('=') ? f : `${DOCKER_CONFIG_JSON_KEY}=${f}`));
    const username = ctx.flags.string('docker-username');
    const password = ctx.flags.string('docker-password');
    const server = ctx.flags.string('docker-server');
    if (files.length === 0 && (!username || !password || !server)) {
      throw failWith.message(
        'either --from-file or the combination of --docker-username, --docker-password and --docker-server is required',
      );
    }
    const data: Record<string, string> = {};
    if (files.length > 0) {
      const add = secretAdder(data);
      for (const source of files)
        for (const f of readFileSource(ctx, source)) add(f.key, base64OfText(f.text));
    } else {
      const email = ctx.flags.string('docker-email');
      // DockerConfigEntry fields are omitempty; auth is base64("user:password").
      const entry = {
        username,
        password,
        email: email || undefined,
        auth: base64Encode(utf8Encode(`${username}:${password}`)),
      };
      const json = `{"auths":{${goJsonString(server)}:{"username":${goJsonString(entry.username)},"password":${goJsonString(entry.password)}${entry.email ? `,"email":${goJsonString(entry.email)}` : ''},"auth":${goJsonString(entry.auth)}}}}`;
      data[DOCKER_CONFIG_JSON_KEY] = base64OfText(json);
    }
    finishSecret(ctx, secretObject(ctx, name, 'kubernetes.io/dockerconfigjson'), data);
  },
};

const createSecretTls: CommandDef = {
  name: 'tls',
  short: 'Create a TLS secret',
  flags: [...COMMON_FLAGS, { name: 'cert', kind: 'string' }, { name: 'key', kind: 'string' }],
  run() {
    throw failWith.message(
      'kubectl create secret tls is not available in this simulated cluster (it reads and checks a real certificate); write a kubernetes.io/tls Secret manifest instead',
    );
  },
};

export const createSecret: CommandDef = {
  name: 'secret',
  short: 'Create a secret using a specified subcommand',
  flags: [],
  subcommands: [createSecretDockerRegistry, createSecretGeneric, createSecretTls],
};

export { createConfigMap };
