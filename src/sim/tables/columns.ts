/**
 * Column definitions shared by the printers, with the descriptions the real server sends (kubectl ignores them, but
 * `kubectl get --raw` shows them). Mirrors the helpers of kubernetes `pkg/printers/internalversion/printers.go`.
 */
import type { KubeObject } from '../../kube/types.js';
import type { TableColumn } from '../resources/descriptor.js';
import { timeSince } from './human-duration.js';

export const NAME_DESCRIPTION =
  'Name must be unique within a namespace. Is required when creating resources, although some resources may allow a client to request the generation of an appropriate name automatically. Name is primarily intended for creation idempotence and configuration definition. Cannot be updated. More info: https://kubernetes.io/docs/concepts/overview/working-with-objects/names#names';

export const CREATION_TIMESTAMP_DESCRIPTION =
  'CreationTimestamp is a timestamp representing the server time when this object was created. It is not guaranteed to be set in happens-before order across separate operations. Clients may not set this value. It is represented in RFC3339 form and is in UTC.\n\nPopulated by the system. Read-only. Null for lists. More info: https://git.k8s.io/community/contributors/devel/sig-architecture/api-conventions.md#metadata';

export const TEMPLATE_CONTAINERS_DESCRIPTION = 'Names of each container in the template.';
export const TEMPLATE_IMAGES_DESCRIPTION = 'Images referenced by each container in the template.';

type ColumnOptions = { type?: TableColumn['type']; priority?: TableColumn['priority']; format?: string };

export function column(name: string, description: string, options: ColumnOptions = {}): TableColumn {
  return {
    name,
    type: options.type ?? 'string',
    format: options.format ?? '',
    description,
    priority: options.priority ?? 0,
  };
}

/** `Name` with `format: name`: kubectl uses it to print `kind/name` with `-o name` and for `--show-kind`. */
export function nameColumn(priority: TableColumn['priority'] = 0): TableColumn {
  return column('Name', NAME_DESCRIPTION, { format: 'name', priority });
}

export function ageColumn(): TableColumn {
  return column('Age', CREATION_TIMESTAMP_DESCRIPTION);
}

export function nameOf(object: KubeObject): string {
  return object.metadata?.name ?? '';
}

/** The AGE cell: HumanDuration since creation, `<unknown>` without a creationTimestamp. */
export function ageOf(object: KubeObject, now: number): string {
  return timeSince(object.metadata?.creationTimestamp, now);
}

/** `layoutContainerCells`: container names and images, each comma-joined in spec order. */
export function containerCells(
  containers: readonly { name: string; image?: string }[] | undefined,
): [string, string] {
  const list = containers ?? [];
  return [list.map((c) => c.name).join(','), list.map((c) => c.image ?? '').join(',')];
}
