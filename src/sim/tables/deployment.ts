/** `kubectl get deployments`: NAME READY UP-TO-DATE AVAILABLE AGE, wide CONTAINERS IMAGES SELECTOR. */
import type { Deployment, KubeObject } from '../../kube/types.js';
import type { TableConverter } from '../resources/descriptor.js';
import { selectorString } from '../kinds/label-selector.js';
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

export const deploymentTable: TableConverter = {
  columns: [
    nameColumn(),
    column('Ready', 'Number of the pod with ready state'),
    column(
      'Up-to-date',
      'Total number of non-terminated pods targeted by this deployment that have the desired template spec.',
    ),
    column(
      'Available',
      'Total number of available pods (ready for at least minReadySeconds) targeted by this deployment.',
    ),
    ageColumn(),
    column('Containers', TEMPLATE_CONTAINERS_DESCRIPTION, { priority: 1 }),
    column('Images', TEMPLATE_IMAGES_DESCRIPTION, { priority: 1 }),
    column(
      'Selector',
      'Label selector for pods. Existing ReplicaSets whose pods are selected by this will be the ones affected by this deployment.',
      { priority: 1 },
    ),
  ],
  cells(object: KubeObject, now: number): unknown[] {
    const deployment = object as Deployment;
    const status = deployment.status ?? {};
    const [containers, images] = containerCells(deployment.spec?.template?.spec?.containers);
    return [
      nameOf(deployment),
      `${status.readyReplicas ?? 0}/${deployment.spec?.replicas ?? 1}`,
      status.updatedReplicas ?? 0,
      status.availableReplicas ?? 0,
      ageOf(deployment, now),
      containers,
      images,
      selectorString(deployment.spec?.selector) ?? '<invalid>',
    ];
  },
};
