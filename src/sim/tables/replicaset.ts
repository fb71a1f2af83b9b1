/** `kubectl get replicasets`: NAME DESIRED CURRENT READY AGE (integers), wide CONTAINERS IMAGES SELECTOR. */
import type { KubeObject, ReplicaSet } from '../../kube/types.js';
import type { TableConverter } from '../resources/descriptor.js';
import { formatLabelSelector } from '../kinds/label-selector.js';
import {
  TEMPLATE_CONTAINERS_DESCRIPTION,
  TEMPLATE_IMAGES_DESCRIPTION,
  ageColumn,
  ageOf,
  column,
  containerCells,
  nameColumn,
  nameOf,
} from './columns.js';

export const replicaSetTable: TableConverter = {
  columns: [
    nameColumn(),
    column(
      'Desired',
      'Replicas is the number of desired pods. This is a pointer to distinguish between explicit zero and unspecified. Defaults to 1.',
      { type: 'integer' },
    ),
    column('Current', 'Replicas is the most recently observed number of replicas.', { type: 'integer' }),
    column(
      'Ready',
      'The number of ready replicas for this replica set. A pod is counted as ready when it has the Ready condition.',
      { type: 'integer' },
    ),
    ageColumn(),
    column('Containers', TEMPLATE_CONTAINERS_DESCRIPTION, { priority: 1 }),
    column('Images', TEMPLATE_IMAGES_DESCRIPTION, { priority: 1 }),
    column('Selector', 'Selector is a label query over pods that should match the replica count.', {
      priority: 1,
    }),
  ],
  cells(object: KubeObject, now: number): unknown[] {
    const replicaSet = object as ReplicaSet;
    const [containers, images] = containerCells(replicaSet.spec?.template?.spec?.containers);
    return [
      nameOf(replicaSet),
      replicaSet.spec?.replicas ?? 1,
      replicaSet.status?.replicas ?? 0,
      replicaSet.status?.readyReplicas ?? 0,
      ageOf(replicaSet, now),
      containers,
      images,
      formatLabelSelector(replicaSet.spec?.selector),
    ];
  },
};
