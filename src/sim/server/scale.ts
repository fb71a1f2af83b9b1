/**
 * The `scale` subresource (autoscaling/v1 Scale) of Deployments and ReplicaSets: `kubectl scale` PATCHes it with
 * a merge patch, `--current-replicas` GETs and PUTs it (with a resourceVersion precondition and no Content-Type).
 */
import type { KubeObject } from '../../kube/types.js';
import type { WriteOptions } from '../api/context.js';
import type { SimCluster } from '../cluster.js';
import { errors, fieldErrors } from '../errors.js';
import { applyPatch, type PatchType } from '../patch/index.js';
import type { ResourceDescriptor } from '../resources/descriptor.js';
import { labelSelectorToString } from '../selectors.js';

type ScaleTarget = {
  spec?: { replicas?: number; selector?: unknown };
  status?: { replicas?: number };
};

export function readScale(
  cluster: SimCluster,
  descriptor: ResourceDescriptor,
  namespace: string | undefined,
  name: string,
) {
  return toScale(cluster.api.get(descriptor, namespace, name));
}

function toScale(object: KubeObject) {
  const target = object as KubeObject & ScaleTarget;
  const selector = target.spec?.selector;
  return {
    kind: 'Scale',
    apiVersion: 'autoscaling/v1',
    metadata: {
      name: object.metadata?.name,
      namespace: object.metadata?.namespace,
      uid: object.metadata?.uid,
      resourceVersion: object.metadata?.resourceVersion,
      creationTimestamp: object.metadata?.creationTimestamp,
    },
    spec: { replicas: target.spec?.replicas ?? 0 },
    status: {
      replicas: target.status?.replicas ?? 0,
      ...(selector ? { selector: labelSelectorToString(selector) } : {}),
    },
  };
}

/** PUT or PATCH of the Scale: validates it, then writes `spec.replicas` on the owning object. */
export function writeScale(
  cluster: SimCluster,
  descriptor: ResourceDescriptor,
  namespace: string | undefined,
  name: string,
  change: { kind: 'replace'; body: unknown } | { kind: 'patch'; type: PatchType; body: unknown },
  options: WriteOptions,
) {
  const current = readScale(cluster, descriptor, namespace, name);
  const next = (
    change.kind === 'replace' ? change.body : applyPatch(change.type, current, change.body, 'Scale')
  ) as {
    metadata?: { resourceVersion?: string };
    spec?: { replicas?: unknown };
  };
  const precondition = next.metadata?.resourceVersion;
  if (precondition && precondition !== current.metadata.resourceVersion)
    throw errors.conflict(descriptor, name);
  const replicas = next.spec?.replicas;
  if (typeof replicas !== 'number' || !Number.isInteger(replicas) || replicas < 0) {
    throw errors.invalid('Scale', 'autoscaling', name, [
      fieldErrors.invalid('spec.replicas', replicas ?? null, 'must be greater than or equal to 0'),
    ]);
  }
  const target = structuredClone(cluster.api.get(descriptor, namespace, name)) as KubeObject & ScaleTarget;
  target.spec = { ...target.spec, replicas };
  const updated = cluster.api.replace(descriptor, namespace, name, target, {
    ...options,
    subresource: 'scale',
  });
  return toScale(updated);
}
