/** `kubectl get leases`: NAME HOLDER AGE. */
import type { KubeObject, Lease } from '../../kube/types.js';
import type { TableConverter } from '../resources/descriptor.js';
import { ageColumn, ageOf, column, nameColumn, nameOf } from './columns.js';

export const leaseTable: TableConverter = {
  columns: [
    nameColumn(),
    column(
      'Holder',
      'holderIdentity contains the identity of the holder of a current lease. If Coordinated Leader Election is used, the holder identity must be equal to the elected LeaseCandidate.metadata.name field.',
    ),
    ageColumn(),
  ],
  cells(object: KubeObject, now: number): unknown[] {
    const lease = object as Lease;
    return [nameOf(lease), lease.spec?.holderIdentity ?? '', ageOf(lease, now)];
  },
};
