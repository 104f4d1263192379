/** describe.go describers for namespaces, endpoint slices, service accounts and config maps. */
import type { ConfigMap, Namespace, ServiceAccount } from 'kubernetes-types/core/v1';
import type { EndpointSlice } from 'kubernetes-types/discovery/v1';
import type { KObject } from '../kobject';
import { compareStrings } from '../labels';
import { formatRfc1123z } from '../time';
import {
  type DescribeContext,
  describeEvents,
  printAnnotationsMultiline,
  printLabelsMultiline,
} from './common';
import { LEVEL_0, LEVEL_1, LEVEL_2, LEVEL_3, tabbedString } from './writer';

/**
 * describeNamespace. Namespaces show no events; the quota and limit-range sections print their
 * "none" lines, as against an API server that serves both (empty) lists.
 */
export function describeNamespace(obj: KObject): string {
  const ns = obj as Namespace;
  return tabbedString((w) => {
    w.write(LEVEL_0, `Name:\t${obj.metadata.name}\n`);
    printLabelsMultiline(w, 'Labels', obj.metadata.labels);
    printAnnotationsMultiline(w, 'Annotations', obj.metadata.annotations);
    w.write(LEVEL_0, `Status:\t${ns.status?.phase ?? ''}\n`);
    if (ns.status?.conditions?.length) {
      w.write(LEVEL_0, 'Conditions:\n');
      w.write(LEVEL_1, 'Type\tStatus\tLastTransitionTime\tReason\tMessage\n');
      w.write(LEVEL_1, '----\t------\t------------------\t------\t-------\n');
      for (const c of ns.status.conditions) {
        w.write(
          LEVEL_1,
          `${c.type}\t${c.status}\t${formatRfc1123z(c.lastTransitionTime)}\t${c.reason ?? ''}\t${c.message ?? ''}\n`,
        );
      }
    }
    w.write(LEVEL_0, '\n');
    w.write(LEVEL_0, 'No resource quota.\n');
    w.write(LEVEL_0, '\n');
    w.write(LEVEL_0, 'No LimitRange resource.\n');
  });
}

export function describeEndpointSlice(obj: KObject, ctx: DescribeContext): string {
  const slice = obj as EndpointSlice;
  return tabbedString((w) => {
    w.write(LEVEL_0, `Name:\t${obj.metadata.name}\n`);
    w.write(LEVEL_0, `Namespace:\t${obj.metadata.namespace}\n`);
    printLabelsMultiline(w, 'Labels', obj.metadata.labels);
    printAnnotationsMultiline(w, 'Annotations', obj.metadata.annotations);
    w.write(LEVEL_0, `AddressType:\t${slice.addressType}\n`);
    if (!slice.ports?.length) {
      w.write(LEVEL_0, 'Ports: <unset>\n');
    } else {
      w.write(LEVEL_0, 'Ports:\n');
      w.write(LEVEL_1, 'Name\tPort\tProtocol\n');
      w.write(LEVEL_1, '----\t----\t--------\n');
      for (const port of slice.ports) {
        const name = port.name || '<unset>';
        const number =
          port.port === undefined || port.port === null ? '<unset>' : String(port.port);
        w.write(LEVEL_1, `${name}\t${number}\t${port.protocol ?? ''}\n`);
      }
    }
    if (!slice.endpoints?.length) {
      w.write(LEVEL_0, 'Endpoints: <none>\n');
    } else {
      w.write(LEVEL_0, 'Endpoints:\n');
      for (const e of slice.endpoints) {
        w.write(LEVEL_1, `- Addresses:\t${e.addresses.join(', ') || '<none>'}\n`);
        w.write(LEVEL_2, 'Conditions:\n');
        const ready = e.conditions?.ready;
        w.write(
          LEVEL_3,
          `Ready:\t${ready === undefined || ready === null ? '<unset>' : String(ready)}\n`,
        );
        w.write(LEVEL_2, `Hostname:\t${e.hostname ?? '<unset>'}\n`);
        if (e.targetRef) w.write(LEVEL_2, `TargetRef:\t${e.targetRef.kind}/${e.targetRef.name}\n`);
        w.write(LEVEL_2, `NodeName:\t${e.nodeName ?? '<unset>'}\n`);
        w.write(LEVEL_2, `Zone:\t${e.zone ?? '<unset>'}\n`);
      }
    }
    describeEvents(ctx.events, w, ctx.nowMs);
  });
}

/**
 * describeServiceAccount. Only mountable secrets are checked against the namespace's Secrets
 * (and only when they could be listed); tokens are the service-account-token Secrets annotated
 * with this account's name and uid.
 */
export function describeServiceAccount(obj: KObject, ctx: DescribeContext): string {
  const sa = obj as ServiceAccount;
  const secrets = ctx.related?.secrets;
  const missing = new Set<string>();
  const tokens: string[] = [];
  if (secrets) {
    for (const s of sa.secrets ?? []) missing.add(s.name ?? '');
    for (const s of secrets) {
      const a = s.metadata.annotations ?? {};
      if (
        s.type === 'kubernetes.io/service-account-token' &&
        a['kubernetes.io/service-account.name'] === obj.metadata.name &&
        a['kubernetes.io/service-account.uid'] === obj.metadata.uid
      )
        tokens.push(s.metadata.name ?? '');
      missing.delete(s.metadata.name ?? '');
    }
  }
  // Sorted headers, as sets.List(sets.KeySet(types)) orders them.
  const sections: [string, string[]][] = [
    ['Image pull secrets:', (sa.imagePullSecrets ?? []).map((s) => s.name ?? '')],
    ['Mountable secrets: ', (sa.secrets ?? []).map((s) => s.name ?? '')],
    ['Tokens:            ', tokens],
  ];
  return tabbedString((w) => {
    w.write(LEVEL_0, `Name:\t${obj.metadata.name}\n`);
    w.write(LEVEL_0, `Namespace:\t${obj.metadata.namespace}\n`);
    printLabelsMultiline(w, 'Labels', obj.metadata.labels);
    printAnnotationsMultiline(w, 'Annotations', obj.metadata.annotations);
    for (const [header, names] of sections) {
      if (names.length === 0) {
        w.write(LEVEL_0, `${header}\t<none>\n`);
        continue;
      }
      names.forEach((name, i) => {
        const shown = missing.has(name) ? `${name} (not found)` : name;
        w.write(LEVEL_0, `${i === 0 ? header : ' '.repeat(19)}\t${shown}\n`);
      });
    }
    describeEvents(ctx.events, w, ctx.nowMs);
  });
}

/** describe.go ConfigMapDescriber; keys sorted (Go's map order is random). */
export function describeConfigMap(obj: KObject, ctx: DescribeContext): string {
  const cm = obj as ConfigMap;
  return tabbedString((w) => {
    w.write(LEVEL_0, `Name:\t${obj.metadata.name}\n`);
    w.write(LEVEL_0, `Namespace:\t${obj.metadata.namespace}\n`);
    printLabelsMultiline(w, 'Labels', obj.metadata.labels);
    printAnnotationsMultiline(w, 'Annotations', obj.metadata.annotations);
    w.write(LEVEL_0, '\nData\n====\n');
    for (const key of Object.keys(cm.data ?? {}).sort(compareStrings)) {
      w.write(LEVEL_0, `${key}:\n----\n`);
      w.write(LEVEL_0, `${cm.data?.[key]}\n`);
      w.write(LEVEL_0, '\n');
    }
    w.write(LEVEL_0, '\nBinaryData\n====\n');
    for (const key of Object.keys(cm.binaryData ?? {}).sort(compareStrings)) {
      w.write(LEVEL_0, `${key}: ${base64Length(cm.binaryData?.[key] ?? '')} bytes\n`);
    }
    w.write(LEVEL_0, '\n');
    describeEvents(ctx.events, w, ctx.nowMs);
  });
}

/** Decoded length of base64 text (binaryData is stored base64-encoded). */
function base64Length(text: string): number {
  const padding = text.endsWith('==') ? 2 : text.endsWith('=') ? 1 : 0;
  return Math.floor((text.length * 3) / 4) - padding;
}
