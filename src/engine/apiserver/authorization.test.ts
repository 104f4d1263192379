import { describe, expect, it } from 'vitest';
import { resourceInfo } from '../api/resources';
import { ADMIN, KCM_USER, nodeUser, PROXY_USER, SCHEDULER_USER } from '../api/types';
import { authorize } from './authorization';

const worker1 = nodeUser('worker-1');
const message = (err: ReturnType<typeof authorize>) => err?.message;

describe('authorize', () => {
  it('lets cluster admins do anything', () => {
    expect(
      authorize(ADMIN, 'delete', resourceInfo('nodes'), undefined, 'worker-1'),
    ).toBeUndefined();
  });

  it('denies a node what RBAC never granted it, in the RBAC authorizer words', () => {
    const err = authorize(worker1, 'delete', resourceInfo('deployments'), 'default', 'web');
    expect(err).toMatchObject({ code: 403, reason: 'Forbidden' });
    expect(message(err)).toBe(
      'deployments.apps "web" is forbidden: User "system:node:worker-1" cannot delete resource "deployments" in API group "apps" in the namespace "default"',
    );
  });

  it('lets a node register and update Nodes but never delete one', () => {
    expect(
      authorize(worker1, 'create', resourceInfo('nodes'), undefined, 'worker-1'),
    ).toBeUndefined();
    expect(
      authorize(worker1, 'update', resourceInfo('nodes'), undefined, 'worker-1', 'status'),
    ).toBeUndefined();
    expect(
      message(authorize(worker1, 'delete', resourceInfo('nodes'), undefined, 'worker-1')),
    ).toBe(
      'nodes "worker-1" is forbidden: User "system:node:worker-1" cannot delete resource "nodes" in API group "" at the cluster scope',
    );
  });

  it('names no object on create, as a create URL names none', () => {
    expect(message(authorize(PROXY_USER, 'create', resourceInfo('pods'), 'default', 'nginx'))).toBe(
      'pods is forbidden: User "system:kube-proxy" cannot create resource "pods" in API group "" in the namespace "default"',
    );
  });

  it('adds the Node authorizer reason for another node’s lease', () => {
    expect(
      message(authorize(worker1, 'update', resourceInfo('leases'), 'kube-node-lease', 'worker-2')),
    ).toBe(
      'leases.coordination.k8s.io "worker-2" is forbidden: User "system:node:worker-1" cannot update resource "leases" in API group "coordination.k8s.io" in the namespace "kube-node-lease": can only access node lease with the same name as the requesting node',
    );
    expect(
      authorize(worker1, 'update', resourceInfo('leases'), 'kube-node-lease', 'worker-1'),
    ).toBeUndefined();
  });

  it('lets a node update pod status but not pod specs', () => {
    expect(
      authorize(worker1, 'update', resourceInfo('pods'), 'default', 'nginx', 'status'),
    ).toBeUndefined();
    expect(message(authorize(worker1, 'update', resourceInfo('pods'), 'default', 'nginx'))).toBe(
      'pods "nginx" is forbidden: User "system:node:worker-1" cannot update resource "pods" in API group "" in the namespace "default"',
    );
  });

  it('lets the scheduler bind pods and read nodes, and nothing more', () => {
    expect(
      authorize(SCHEDULER_USER, 'create', resourceInfo('pods'), 'default', 'nginx', 'binding'),
    ).toBeUndefined();
    expect(authorize(SCHEDULER_USER, 'list', resourceInfo('nodes'))).toBeUndefined();
    expect(message(authorize(SCHEDULER_USER, 'create', resourceInfo('pods'), 'default'))).toBe(
      'pods is forbidden: User "system:kube-scheduler" cannot create resource "pods" in API group "" in the namespace "default"',
    );
  });

  it('lets kube-proxy watch services and endpoint slices', () => {
    expect(authorize(PROXY_USER, 'list', resourceInfo('services'))).toBeUndefined();
    expect(authorize(PROXY_USER, 'watch', resourceInfo('endpointslices'))).toBeUndefined();
    expect(authorize(PROXY_USER, 'create', resourceInfo('events'), 'default')).toBeUndefined();
    expect(message(authorize(PROXY_USER, 'get', resourceInfo('services'), 'default', 'web'))).toBe(
      'services "web" is forbidden: User "system:kube-proxy" cannot get resource "services" in API group "" in the namespace "default"',
    );
  });

  it('lets the controller manager manage workloads', () => {
    expect(authorize(KCM_USER, 'create', resourceInfo('pods'), 'default')).toBeUndefined();
  });

  it('denies anyone else', () => {
    const user = { username: 'jane', groups: ['system:authenticated'] };
    expect(message(authorize(user, 'list', resourceInfo('pods')))).toBe(
      'pods is forbidden: User "jane" cannot list resource "pods" in API group "" at the cluster scope',
    );
  });
});
