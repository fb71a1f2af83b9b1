/** `kubectl get secrets`: NAME TYPE DATA AGE. */
import type { KubeObject, Secret } from '../../kube/types.js';
import type { TableConverter } from '../resources/descriptor.js';
import { ageColumn, ageOf, column, nameColumn, nameOf } from './columns.js';

export const secretTable: TableConverter = {
  columns: [
    nameColumn(),
    column(
      'Type',
      'Used to facilitate programmatic handling of secret data. More info: https://kubernetes.io/docs/concepts/configuration/secret/#secret-types',
    ),
    column(
      'Data',
      "Data contains the secret data. Each key must consist of alphanumeric characters, '-', '_' or '.'. The serialized form of the secret data is a base64 encoded string, representing the arbitrary (possibly non-string) data value here. Described in https://tools.ietf.org/html/rfc4648#section-4",
    ),
    ageColumn(),
  ],
  cells(object: KubeObject, now: number): unknown[] {
    const secret = object as Secret;
    return [nameOf(secret), secret.type ?? '', Object.keys(secret.data ?? {}).length, ageOf(secret, now)];
  },
};
