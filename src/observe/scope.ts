/**
 * Narrows a namespace's objects to one Deployment and what it touches: its ReplicaSets, their pods, the
 * Services selecting those pods (and their Endpoints), the claims its pods mount, and events about any of them.
 */
import type {
  Deployment,
  Endpoints,
  Event,
  PersistentVolumeClaim,
  Pod,
  ReplicaSet,
  Service,
} from '../kube/types.js';

export type NamespaceObjects = {
  deployments: Deployment[];
  replicaSets: ReplicaSet[];
  pods: Pod[];
  events: Event[];
  services: Service[];
  endpoints: Endpoints[];
  persistentVolumeClaims: PersistentVolumeClaim[];
};

export function scopeToDeployment(all: NamespaceObjects, deployment: Deployment): NamespaceObjects {
  const deploymentUid = deployment.metadata?.uid;
  const replicaSets = all.replicaSets.filter((rs) =>
    rs.metadata?.ownerReferences?.some((owner) => owner.controller && owner.uid === deploymentUid),
  );
  const replicaSetUids = new Set(replicaSets.map((rs) => rs.metadata?.uid));
  const pods = all.pods.filter((pod) =>
    pod.metadata?.ownerReferences?.some((owner) => owner.controller && replicaSetUids.has(owner.uid)),
  );
  const templateLabels = deployment.spec?.template.metadata?.labels ?? {};
  // A Service named like the Deployment belongs to it even when its selector is the bug (matches nothing).
  const services = all.services.filter(
    (service) =>
      selects(service.spec?.selector, templateLabels) || service.metadata?.name === deployment.metadata?.name,
  );
  const serviceNames = new Set(services.map((service) => service.metadata?.name));
  const endpoints = all.endpoints.filter((endpoint) => serviceNames.has(endpoint.metadata?.name));
  const claimNames = new Set(
    (deployment.spec?.template.spec?.volumes ?? [])
      .map((volume) => volume.persistentVolumeClaim?.claimName)
      .filter((name): name is string => name !== undefined),
  );
  const persistentVolumeClaims = all.persistentVolumeClaims.filter((claim) =>
    claimNames.has(claim.metadata?.name ?? ''),
  );
  const involved = new Set<string>([
    `Deployment/${deployment.metadata?.name}`,
    ...replicaSets.map((rs) => `ReplicaSet/${rs.metadata?.name}`),
    ...pods.map((pod) => `Pod/${pod.metadata?.name}`),
    ...services.map((service) => `Service/${service.metadata?.name}`),
    ...[...claimNames].map((claim) => `PersistentVolumeClaim/${claim}`),
  ]);
  const events = all.events.filter((event) =>
    involved.has(`${event.involvedObject.kind}/${event.involvedObject.name}`),
  );
  return {
    deployments: [deployment],
    replicaSets,
    pods,
    events,
    services,
    endpoints,
    persistentVolumeClaims,
  };
}

/** A Service selector (map) selects a pod template when every pair matches; an empty selector selects nothing. */
export function selects(
  selector: Record<string, string> | undefined,
  labels: Record<string, string>,
): boolean {
  const entries = Object.entries(selector ?? {});
  return entries.length > 0 && entries.every(([key, value]) => labels[key] === value);
}
