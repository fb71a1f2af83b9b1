/** `kubectl get serviceaccounts`: NAME SECRETS AGE. */
import type { V1ServiceAccount } from '@kubernetes/client-node';
import type { KubeObject, Wire } from '../../kube/types.js';
import type { TableConverter } from '../resources/descriptor.js';
import { ageColumn, ageOf, column, nameColumn, nameOf } from './columns.js';

type ServiceAccount = Wire<V1ServiceAccount>;

export const serviceAccountTable: TableConverter = {
  columns: [
    nameColumn(),
    column(
      'Secrets',
      'Secrets is a list of the secrets in the same namespace that pods running using this ServiceAccount are allowed to use.',
    ),
    ageColumn(),
  ],
  cells(object: KubeObject, now: number): unknown[] {
    const serviceAccount = object as ServiceAccount;
    return [nameOf(serviceAccount), (serviceAccount.secrets ?? []).length, ageOf(serviceAccount, now)];
  },
};
