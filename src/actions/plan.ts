/**
 * Planning: an action turns into the exact API call it will make, computed from the live object. Every change
 * to a Deployment is a JSON patch that (1) carries the resourceVersion it was planned against, so a concurrent
 * change makes the API server answer 409 instead of being overwritten, (2) tests that the container it edits
 * is still at the index it was found, and (3) lists what it changes with the previous values, from which the
 * undo patch is built once the server has answered (see remediate/undo-patch.ts).
 */
import type { ProposalTarget } from '../domain/proposal.js';
import type { Container, Deployment, Pod, ReplicaSet } from '../kube/types.js';

export type JsonPatchOperation =
  { op: 'add' | 'replace' | 'test'; path: string; value: unknown } | { op: 'remove'; path: string };

export type PlanContext = {
  target: ProposalTarget;
  /** The live Deployment (for Deployment targets). */
  deployment?: Deployment;
  /** The Deployment's ReplicaSets (rollback needs the revision history). */
  replicaSets?: ReplicaSet[];
  /** The live Pod (for Pod targets). */
  pod?: Pod;
  /** Recorded as `sre-bot.dev/incident` and in `kubernetes.io/change-cause`. */
  incidentId: string;
  /** Who approved, for the change-cause line. */
  approvedBy: string;
  now: Date;
};

export type ActionPlan =
  | {
      operation: 'patch';
      kind: 'Deployment';
      namespace: string;
      name: string;
      patch: JsonPatchOperation[];
      /** The fields changed and their previous values (absent = did not exist); undefined = cannot be undone. */
      restore: FieldRestore[] | undefined;
      description: string;
    }
  | {
      operation: 'delete';
      kind: 'Pod';
      namespace: string;
      name: string;
      uid: string;
      description: string;
      restore: undefined;
    };

export type FieldRestore = { path: string; previous: unknown };

/** A plan cannot be made against the live object (container gone, revision missing …): refuse, with the reason. */
export class PlanError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'PlanError';
  }
}

/** JSON pointer escaping (RFC 6901): `kubernetes.io/change-cause` ⇒ `kubernetes.io~1change-cause`. */
export function pointer(...segments: (string | number)[]): string {
  return segments
    .map((segment) => `/${String(segment).replaceAll('~', '~0').replaceAll('/', '~1')}`)
    .join('');
}

export function requireDeployment(context: PlanContext): Deployment {
  if (!context.deployment) throw new PlanError(`deployment ${context.target.name} not found`);
  return context.deployment;
}

/** The container the action edits and its index in the pod template. */
export function locateContainer(
  deployment: Deployment,
  name: string | undefined,
): { container: Container; index: number } {
  const containers = deployment.spec?.template.spec?.containers ?? [];
  const index = containers.findIndex((container) => container.name === name);
  if (name === undefined || index === -1) {
    throw new PlanError(
      `container ${name ?? '(unspecified)'} not found in deployment ${deployment.metadata?.name} (containers: ${containers.map((c) => c.name).join(', ')})`,
    );
  }
  return { container: containers[index]!, index };
}

/**
 * Wraps the edits of a Deployment with what every change carries: the resourceVersion precondition, the
 * container-position test, and the change-cause / incident annotations (so `kubectl rollout history` shows why).
 */
export function deploymentPatch(
  context: PlanContext,
  edits: { forward: JsonPatchOperation[]; restore: FieldRestore[] | undefined; containerIndex?: number },
  description: string,
): ActionPlan {
  const deployment = requireDeployment(context);
  const metadata = deployment.metadata ?? {};
  const guard: JsonPatchOperation[] = [];
  if (edits.containerIndex !== undefined) {
    const name = deployment.spec?.template.spec?.containers[edits.containerIndex]?.name;
    guard.push({
      op: 'test',
      path: pointer('spec', 'template', 'spec', 'containers', edits.containerIndex, 'name'),
      value: name,
    });
  }
  const changeCause = `sre-bot ${context.incidentId}: ${description} (approved by ${context.approvedBy})`;
  const annotations = annotationOps(metadata.annotations, {
    'kubernetes.io/change-cause': changeCause,
    'sre-bot.dev/incident': context.incidentId,
  });
  return {
    operation: 'patch',
    kind: 'Deployment',
    namespace: metadata.namespace ?? context.target.namespace,
    name: metadata.name ?? context.target.name,
    patch: [
      // Replacing resourceVersion with the value we planned against makes a stale plan a 409 Conflict.
      { op: 'replace', path: '/metadata/resourceVersion', value: metadata.resourceVersion },
      ...guard,
      ...edits.forward,
      ...annotations,
    ],
    restore: edits.restore,
    description,
  };
}

function annotationOps(
  existing: Record<string, string> | undefined,
  wanted: Record<string, string>,
): JsonPatchOperation[] {
  if (!existing) return [{ op: 'add', path: '/metadata/annotations', value: wanted }];
  return Object.entries(wanted).map(([key, value]) => ({
    op: key in existing ? ('replace' as const) : ('add' as const),
    path: pointer('metadata', 'annotations', key),
    value,
  }));
}

/** Sets `path` to `next`, remembering the previous value for undo. */
export function setField(
  path: string,
  previous: unknown,
  next: unknown,
): { forward: JsonPatchOperation[]; restore: FieldRestore[] } {
  return {
    forward: [{ op: previous !== undefined ? 'replace' : 'add', path, value: next }],
    restore: [{ path, previous }],
  };
}
