import { defineResource } from './define.js';
import { leaseTable } from '../tables/lease.js';
import { validateLease } from '../kinds/lease.js';

export const leases = defineResource({
  group: 'coordination.k8s.io',
  version: 'v1',
  resource: 'leases',
  kind: 'Lease',
  singular: 'lease',
  namespaced: true,
  generation: 'none',
  table: leaseTable,
  validate: validateLease,
});
