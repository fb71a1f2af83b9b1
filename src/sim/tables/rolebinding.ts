/**
 * `kubectl get rolebindings` / `clusterrolebindings`: NAME ROLE AGE, wide USERS GROUPS SERVICEACCOUNTS
 * (service accounts as `namespace/name`, each list joined with `, `).
 */
import type { V1RoleBinding } from '@kubernetes/client-node';
import type { KubeObject, Wire } from '../../kube/types.js';
import type { TableConverter } from '../resources/descriptor.js';
import { ageColumn, ageOf, column, nameColumn, nameOf } from './columns.js';

/** RoleBinding and ClusterRoleBinding share this shape. */
type Binding = Wire<V1RoleBinding>;

function subjectsByKind(binding: Binding): { users: string[]; groups: string[]; serviceAccounts: string[] } {
  const users: string[] = [];
  const groups: string[] = [];
  const serviceAccounts: string[] = [];
  for (const subject of binding.subjects ?? []) {
    if (subject.kind === 'User') users.push(subject.name);
    else if (subject.kind === 'Group') groups.push(subject.name);
    else if (subject.kind === 'ServiceAccount')
      serviceAccounts.push(`${subject.namespace ?? ''}/${subject.name}`);
  }
  return { users, groups, serviceAccounts };
}

function bindingTable(subject: 'roleBinding' | 'clusterRoleBinding'): TableConverter {
  return {
    columns: [
      nameColumn(),
      column(
        'Role',
        'RoleRef can only reference the current namespace. It can reference a ClusterRole in the global namespace. If the RoleRef cannot be resolved, the Authorizer must return an error.',
      ),
      ageColumn(),
      column('Users', `Users in the ${subject}`, { priority: 1 }),
      column('Groups', `Groups in the ${subject}`, { priority: 1 }),
      column('ServiceAccounts', `ServiceAccounts in the ${subject}`, { priority: 1 }),
    ],
    cells(object: KubeObject, now: number): unknown[] {
      const binding = object as Binding;
      const { users, groups, serviceAccounts } = subjectsByKind(binding);
      return [
        nameOf(binding),
        `${binding.roleRef?.kind ?? ''}/${binding.roleRef?.name ?? ''}`,
        ageOf(binding, now),
        users.join(', '),
        groups.join(', '),
        serviceAccounts.join(', '),
      ];
    },
  };
}

export const roleBindingTable = bindingTable('roleBinding');
export const clusterRoleBindingTable = bindingTable('clusterRoleBinding');
