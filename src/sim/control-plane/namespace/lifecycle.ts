/**
 * The namespace controller's deletion half (kubernetes `pkg/controller/namespace`): a namespace marked for
 * deletion (phase Terminating) has all its content deleted — pods gracefully, objects with finalizers only
 * marked — and once nothing is left it is finalized (its `spec.finalizers` cleared) and the API server removes it.
 */
import type { Namespace } from '../../../kube/types.js';
import { ApiError } from '../../errors.js';
import { namespaces } from '../../resources/namespaces.js';
import { resources } from '../../resources/registry.js';
import type { Controller, ControllerContext } from '../controller.js';
import { CONTROLLER_USERS } from '../shared/controller-users.js';

const WRITE = { user: CONTROLLER_USERS.namespace };

/** Namespaced kinds once each (core and events.k8s.io events share storage). */
const NAMESPACED_KINDS = resources.filter(
  (descriptor, index) =>
    descriptor.namespaced && resources.findIndex((other) => other.storage === descriptor.storage) === index,
);

export function createNamespaceController(context: ControllerContext): Controller {
  const { api } = context;

  /** Deletes what is left; returns how many objects remain (being deleted or not). */
  const deleteContent = (namespace: string): number => {
    let remaining = 0;
    for (const descriptor of NAMESPACED_KINDS) {
      for (const object of api.store.list(descriptor.storage, namespace)) {
        remaining += 1;
        if (object.metadata.deletionTimestamp) continue;
        try {
          const result = api.delete(
            descriptor,
            namespace,
            object.metadata.name,
            { propagationPolicy: 'Background' },
            WRITE,
          );
          if (result.removed) remaining -= 1;
        } catch (error) {
          if (!(error instanceof ApiError)) throw error;
        }
      }
    }
    return remaining;
  };

  const finalize = (namespace: Namespace): void => {
    const copy = structuredClone(namespace);
    copy.spec = { ...copy.spec, finalizers: [] };
    api.replace(namespaces, undefined, namespace.metadata?.name ?? '', copy, WRITE);
  };

  return {
    name: 'namespace-controller',
    reconcile() {
      for (const namespace of api.list(namespaces, undefined).items as Namespace[]) {
        if (!namespace.metadata?.deletionTimestamp) continue;
        if (deleteContent(namespace.metadata.name ?? '') === 0) finalize(namespace);
      }
    },
  };
}
