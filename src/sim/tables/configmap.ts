/** `kubectl get configmaps`: NAME DATA AGE, DATA counting both `data` and `binaryData` keys. */
import type { ConfigMap, KubeObject } from '../../kube/types.js';
import type { TableConverter } from '../resources/descriptor.js';
import { ageColumn, ageOf, column, nameColumn, nameOf } from './columns.js';

export const configMapTable: TableConverter = {
  columns: [
    nameColumn(),
    column(
      'Data',
      "Data contains the configuration data. Each key must consist of alphanumeric characters, '-', '_' or '.'. Values with non-UTF-8 byte sequences must use the BinaryData field. The keys stored in Data must not overlap with the keys in the BinaryData field, this is enforced during validation process.",
    ),
    ageColumn(),
  ],
  cells(object: KubeObject, now: number): unknown[] {
    const configMap = object as ConfigMap;
    const keys = Object.keys(configMap.data ?? {}).length + Object.keys(configMap.binaryData ?? {}).length;
    return [nameOf(configMap), keys, ageOf(configMap, now)];
  },
};
