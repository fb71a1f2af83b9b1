/**
 * The control-plane components the simulated cluster runs, in reconcile order. Adding one is one file in this
 * folder (a factory returning a Controller) and one line here.
 */
import type { Controller, ControllerContext } from './controller.js';
import { createDeploymentController } from './deployment/index.js';
import { createEndpointsController } from './endpoints-controller.js';
import { createEventTtlController } from './event-ttl.js';
import { createGarbageCollector } from './garbage-collector/index.js';
import { createServiceAccountController } from './namespace/default-service-account.js';
import { createNamespaceController } from './namespace/lifecycle.js';
import { createRootCaPublisher } from './namespace/root-ca-configmap.js';
import { createPersistentVolumeClaimController } from './pvc-controller.js';
import { createQuotaAdmission } from './quota/admission.js';
import { createResourceQuotaController } from './quota/controller.js';
import { createReplicaSetController } from './replicaset/index.js';
import { createKubelet } from './kubelet/kubelet.js';
import { createScheduler } from './scheduler/scheduler.js';
import type { PodLogSource } from './pod-logs.js';

export type Components = {
  controllers: Controller[];
  /** The kubelet's log store, read by the API server's log endpoint. */
  podLogs: PodLogSource;
};

export function createComponents(context: ControllerContext): Components {
  context.api.addAdmission(createQuotaAdmission());
  const controllers: Controller[] = [];
  // Workloads first (a Deployment's ReplicaSets, then their pods), then what follows from pods and deletions.
  controllers.push(createDeploymentController(context));
  controllers.push(createReplicaSetController(context));
  // Pods get a node, then run there (the kubelet also serves their logs).
  controllers.push(createScheduler(context));
  const kubelet = createKubelet(context);
  controllers.push(kubelet.controller);
  controllers.push(createEndpointsController(context));
  controllers.push(createPersistentVolumeClaimController(context));
  controllers.push(createResourceQuotaController(context));
  controllers.push(createGarbageCollector(context));
  controllers.push(createNamespaceController(context));
  controllers.push(createServiceAccountController(context));
  controllers.push(createRootCaPublisher(context));
  controllers.push(createEventTtlController(context));
  return {
    controllers,
    podLogs: kubelet.podLogs,
  };
}
