/**
 * The stale check: what a proposal was made against (generation, pod template, revision, pod uid) and
 * whether the live object still matches it. Status changes (replica counts, conditions) do not make a
 * proposal stale; a changed template, generation or a replaced pod does.
 */
import { createHash } from 'node:crypto';
import type { ProposalBasis } from '../domain/proposal.js';
import type { Deployment, Pod } from '../kube/types.js';

/** Canonical JSON (sorted keys) so that key order never changes the hash. */
function canonical(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonical).join(',')}]`;
  if (value && typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>)
      .filter(([, entry]) => entry !== undefined && entry !== null)
      .sort(([a], [b]) => (a < b ? -1 : 1));
    return `{${entries.map(([key, entry]) => `${JSON.stringify(key)}:${canonical(entry)}`).join(',')}}`;
  }
  return JSON.stringify(value);
}

export function templateHash(deployment: Deployment): string {
  return createHash('sha256')
    .update(canonical(deployment.spec?.template ?? {}))
    .digest('hex')
    .slice(0, 16);
}

export function deploymentBasis(deployment: Deployment): ProposalBasis {
  const revision = deployment.metadata?.annotations?.['deployment.kubernetes.io/revision'];
  return {
    ...(deployment.metadata?.generation !== undefined ? { generation: deployment.metadata.generation } : {}),
    templateHash: templateHash(deployment),
    ...(revision ? { revision } : {}),
    ...(deployment.spec?.replicas !== undefined ? { replicas: deployment.spec.replicas } : {}),
  };
}

export function podBasis(pod: Pod): ProposalBasis {
  return pod.metadata?.uid ? { uid: pod.metadata.uid } : {};
}

/** Why the live object no longer matches the proposal's basis, or undefined when it still does. */
export function staleReason(
  basis: ProposalBasis | undefined,
  live: { deployment?: Deployment; pod?: Pod },
  /** Whether the proposal is about the replica count (scale): then a replicas change makes it stale. */
  options: { replicasMatter?: boolean } = {},
): string | undefined {
  if (!basis) return undefined;
  if (live.pod) {
    return basis.uid && basis.uid !== live.pod.metadata?.uid
      ? 'the pod was replaced since the proposal'
      : undefined;
  }
  const deployment = live.deployment;
  if (!deployment) return 'the target no longer exists';
  if (basis.templateHash && basis.templateHash !== templateHash(deployment)) {
    return 'its pod template changed since the proposal';
  }
  if (
    basis.generation !== undefined &&
    deployment.metadata?.generation !== undefined &&
    deployment.metadata.generation !== basis.generation
  ) {
    // The template is unchanged (checked above). If the replica count moved (an autoscaler, kubectl scale),
    // that alone is why the generation moved, as far as a template fix is concerned.
    const scaled = basis.replicas !== undefined && deployment.spec?.replicas !== basis.replicas;
    if (scaled && !options.replicasMatter) return undefined;
    return `its generation moved from ${basis.generation} to ${deployment.metadata.generation} since the proposal`;
  }
  return undefined;
}
