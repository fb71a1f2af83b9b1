/**
 * `kubectl get resourcequotas` (1.32 column order): NAME AGE REQUEST LIMIT, e.g.
 * `requests.cpu: 500m/2, requests.memory: 1Gi/4Gi` and `limits.cpu: 1/4`. Every resource that is not `limits.*`
 * (pods, count/…, requests.*) goes to REQUEST.
 */
import type { KubeObject, ResourceQuota } from '../../kube/types.js';
import type { TableConverter } from '../resources/descriptor.js';
import { ageColumn, ageOf, column, nameColumn, nameOf } from './columns.js';

function usage(quota: ResourceQuota): { request: string; limit: string } {
  const hard = quota.status?.hard ?? {};
  const used = quota.status?.used ?? {};
  const request: string[] = [];
  const limit: string[] = [];
  for (const resource of Object.keys(hard).sort()) {
    const target = resource.startsWith('limits.') ? limit : request;
    target.push(`${resource}: ${used[resource] ?? '0'}/${hard[resource] ?? '0'}`);
  }
  return { request: request.join(', '), limit: limit.join(', ') };
}

export const resourceQuotaTable: TableConverter = {
  columns: [
    nameColumn(),
    ageColumn(),
    column('Request', 'Request represents a minimum amount of cpu/memory that a container may consume.'),
    column(
      'Limit',
      'Limits control the maximum amount of cpu/memory that a container may use independent of contention on the node.',
    ),
  ],
  cells(object: KubeObject, now: number): unknown[] {
    const quota = object as ResourceQuota;
    const { request, limit } = usage(quota);
    return [nameOf(quota), ageOf(quota, now), request, limit];
  },
};
