/**
 * NamespaceLifecycle (k8s.io/apiserver/pkg/admission/plugin/namespace/lifecycle/admission.go):
 * nothing goes into a namespace that does not exist or is being deleted, and the system
 * namespaces cannot be deleted.
 */
import { forbidden, namespaceNotFound } from '../../api/errors';
import {
  type AdmissionContext,
  type AdmissionResult,
  admissionForbidden,
  requestName,
  requestNamespace,
} from './context';

const IMMORTAL_NAMESPACES = new Set(['default', 'kube-system', 'kube-public']);

export function namespaceLifecycle(ctx: AdmissionContext): AdmissionResult {
  const isNamespace = ctx.resource.kind === 'Namespace';
  if (ctx.operation === 'DELETE' && isNamespace && IMMORTAL_NAMESPACES.has(requestName(ctx))) {
    return {
      error: forbidden(ctx.resource, requestName(ctx), 'this namespace may not be deleted'),
    };
  }
  const ns = requestNamespace(ctx);
  if (!ctx.resource.namespaced || isNamespace || !ns) return {};
  if (ctx.operation === 'DELETE') return {};
  if (!ctx.namespaceExists(ns)) return { error: namespaceNotFound(ns) };
  if (ctx.operation === 'CREATE' && ctx.namespaceTerminating?.(ns)) {
    const error = admissionForbidden(
      ctx,
      `unable to create new content in namespace ${ns} because it is being terminated`,
    );
    error.details = {
      ...error.details,
      causes: [
        {
          reason: 'NamespaceTerminating',
          message: `namespace ${ns} is being terminated`,
          field: 'metadata.namespace',
        },
      ],
    };
    return { error };
  }
  return {};
}
