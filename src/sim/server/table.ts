/** Server-side printing (meta.k8s.io/v1 Table), reference §4: what makes `kubectl get` show real columns. */
import type { KubeObject } from '../../kube/types.js';
import type { ResourceDescriptor, TableConverter } from '../resources/descriptor.js';

const NAME_DESCRIPTION =
  'Name must be unique within a namespace. Is required when creating resources, although some resources may allow a client to request the generation of an appropriate name automatically. Name is primarily intended for creation idempotence and configuration definition. Cannot be updated. More info: https://kubernetes.io/docs/concepts/overview/working-with-objects/names#names';

/** Kinds without a printer get Name and Created At (apiserver registry/rest/table.go). */
const DEFAULT_CONVERTER: TableConverter = {
  columns: [
    { name: 'Name', type: 'string', format: 'name', description: NAME_DESCRIPTION, priority: 0 },
    {
      name: 'Created At',
      type: 'date',
      format: '',
      description:
        'CreationTimestamp is a timestamp representing the server time when this object was created.',
      priority: 0,
    },
  ],
  cells: (object) => [object.metadata?.name ?? '', object.metadata?.creationTimestamp ?? ''],
};

export type IncludeObject = 'None' | 'Metadata' | 'Object';

export function parseIncludeObject(value: string | null): IncludeObject {
  return value === 'None' || value === 'Object' ? value : 'Metadata';
}

function rowObject(object: KubeObject, include: IncludeObject): unknown {
  if (include === 'None') return undefined;
  if (include === 'Object') return object;
  return { kind: 'PartialObjectMetadata', apiVersion: 'meta.k8s.io/v1', metadata: object.metadata ?? {} };
}

export function toTable(
  descriptor: ResourceDescriptor,
  objects: KubeObject[],
  options: {
    now: number;
    include: IncludeObject;
    resourceVersion?: string;
    continueToken?: string;
    withColumns: boolean;
  },
) {
  const converter = descriptor.table ?? DEFAULT_CONVERTER;
  return {
    kind: 'Table',
    apiVersion: 'meta.k8s.io/v1',
    metadata: {
      ...(options.resourceVersion ? { resourceVersion: options.resourceVersion } : {}),
      ...(options.continueToken ? { continue: options.continueToken } : {}),
    },
    ...(options.withColumns ? { columnDefinitions: converter.columns } : {}),
    rows: objects.map((object) => {
      const conditions = converter.conditions?.(object);
      const embedded = rowObject(object, options.include);
      return {
        cells: converter.cells(object, options.now),
        ...(conditions ? { conditions } : {}),
        ...(embedded !== undefined ? { object: embedded } : {}),
      };
    }),
  };
}
