/** `kubectl get namespaces`: NAME STATUS AGE. */
import type { KubeObject, Namespace } from '../../kube/types.js';
import type { TableConverter } from '../resources/descriptor.js';
import { ageColumn, ageOf, column, nameColumn, nameOf } from './columns.js';

export const namespaceTable: TableConverter = {
  columns: [nameColumn(), column('Status', 'The status of the namespace'), ageColumn()],
  cells(object: KubeObject, now: number): unknown[] {
    const namespace = object as Namespace;
    return [nameOf(namespace), namespace.status?.phase ?? '', ageOf(namespace, now)];
  },
};
