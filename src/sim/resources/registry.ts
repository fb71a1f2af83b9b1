/**
 * Every resource the simulated API server serves. Adding a kind is one file in this folder and one line here.
 * Order matters for discovery: core first, then groups in the order kubectl expects to prefer them.
 */
import type { ResourceDescriptor } from './descriptor.js';
import { clusterRoleBindings } from './clusterrolebindings.js';
import { clusterRoles } from './clusterroles.js';
import { configMaps } from './configmaps.js';
import { deployments } from './deployments.js';
import { endpoints } from './endpoints.js';
import { events } from './events.js';
import { eventsK8sIo } from './events-k8s-io.js';
import { leases } from './leases.js';
import { namespaces } from './namespaces.js';
import { nodes } from './nodes.js';
import { persistentVolumeClaims } from './persistentvolumeclaims.js';
import { pods } from './pods.js';
import { replicaSets } from './replicasets.js';
import { resourceQuotas } from './resourcequotas.js';
import { roleBindings } from './rolebindings.js';
import { roles } from './roles.js';
import { secrets } from './secrets.js';
import { serviceAccounts } from './serviceaccounts.js';
import { services } from './services.js';
import { storageClasses } from './storageclasses.js';

export const resources = [
  namespaces,
  nodes,
  pods,
  events,
  configMaps,
  secrets,
  services,
  endpoints,
  persistentVolumeClaims,
  resourceQuotas,
  serviceAccounts,
  deployments,
  replicaSets,
  eventsK8sIo,
  leases,
  storageClasses,
  roles,
  roleBindings,
  clusterRoles,
  clusterRoleBindings,
] as const satisfies readonly ResourceDescriptor[];

/** Finds a resource by API group, version and plural name (the URL segments). */
export function findResource(
  group: string,
  version: string,
  resource: string,
): ResourceDescriptor | undefined {
  return resources.find((r) => r.group === group && r.version === version && r.resource === resource);
}

/** The preferred descriptor of a kind (core events before events.k8s.io): how controllers name what they write. */
export function resourceForKind(kind: string, group = ''): ResourceDescriptor {
  const found = resources.find((r) => r.kind === kind && r.group === group);
  if (!found) throw new Error(`unknown kind ${group ? `${kind}.${group}` : kind}`);
  return found;
}
