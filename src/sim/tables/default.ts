/**
 * The apiserver's default table convertor (`registry/rest/table.go`) for kinds without a printer (Role,
 * ClusterRole): NAME and CREATED AT, the latter an RFC 3339 date that kubectl renders as-is.
 */
import type { KubeObject } from '../../kube/types.js';
import type { TableConverter } from '../resources/descriptor.js';
import { formatTime } from '../clock.js';
import { CREATION_TIMESTAMP_DESCRIPTION, column, nameColumn, nameOf } from './columns.js';
import { timestampOf } from './human-duration.js';

/** What Go prints for a zero `metav1.Time` formatted as RFC 3339. */
const GO_ZERO_TIME = '0001-01-01T00:00:00Z';

export const defaultTable: TableConverter = {
  columns: [nameColumn(), column('Created At', CREATION_TIMESTAMP_DESCRIPTION, { type: 'date' })],
  cells(object: KubeObject): unknown[] {
    const created = timestampOf(object.metadata?.creationTimestamp);
    return [nameOf(object), created === undefined ? GO_ZERO_TIME : formatTime(created)];
  },
};
