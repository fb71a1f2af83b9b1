/**
 * Checks that a proposal's target is real and in bounds: the diagnosed (and allowed) namespace, an object the
 * snapshot observed, the target Deployment when the request named one, and an existing container.
 */
import type { ActionDefinition } from '../actions/action.js';
import type { ProposalTarget } from '../domain/proposal.js';
import type { Snapshot } from '../domain/snapshot.js';
import type { Container } from '../kube/types.js';
import { deploymentNameOfPod, findDeployment } from '../analyzers/support/workloads.js';

export type TargetContext = { snapshot: Snapshot; allowedNamespaces: (namespace: string) => boolean };

function exists(snapshot: Snapshot, target: ProposalTarget): boolean {
  const named = (items: readonly { metadata?: { name?: string } }[]) =>
    items.some((i) => i.metadata?.name === target.name);
  if (target.kind === 'Deployment') return named(snapshot.deployments);
  if (target.kind === 'Pod') return named(snapshot.pods);
  if (target.kind === 'Service') return named(snapshot.services);
  return target.name === snapshot.namespace;
}

/**
 * With a target Deployment, changes to other workloads are refused: an LLM (or a prompt injected through logs)
 * must not turn "fix payments" into "scale billing to 0". Services and the namespace only take manual notes.
 */
function outOfScope(snapshot: Snapshot, target: ProposalTarget): string | undefined {
  const scope = snapshot.target;
  if (scope === null) return undefined;
  if (target.kind === 'Deployment' && target.name !== scope) {
    return `the diagnosis is scoped to deployment/${scope}; deployment/${target.name} is another workload`;
  }
  if (target.kind === 'Pod') {
    const pod = snapshot.pods.find((p) => p.metadata?.name === target.name);
    if (pod && deploymentNameOfPod(snapshot, pod) !== scope) {
      return `the diagnosis is scoped to deployment/${scope}; pod/${target.name} does not belong to it`;
    }
  }
  return undefined;
}

function containersOf(snapshot: Snapshot, target: ProposalTarget): Container[] {
  if (target.kind === 'Deployment')
    return findDeployment(snapshot, target.name)?.spec?.template.spec?.containers ?? [];
  if (target.kind === 'Pod')
    return snapshot.pods.find((p) => p.metadata?.name === target.name)?.spec?.containers ?? [];
  return [];
}

export function targetProblem(
  definition: ActionDefinition,
  target: ProposalTarget,
  { snapshot, allowedNamespaces }: TargetContext,
): string | undefined {
  if (!definition.targets.includes(target.kind)) {
    return `${definition.kind} cannot target a ${target.kind} (allowed: ${definition.targets.join(', ')})`;
  }
  if (target.namespace !== snapshot.namespace) {
    return `namespace "${target.namespace}" is not the diagnosed namespace "${snapshot.namespace}"`;
  }
  if (!allowedNamespaces(target.namespace))
    return `namespace "${target.namespace}" is not in the allowed namespaces`;
  if (!exists(snapshot, target)) {
    return `${target.kind} "${target.name}" does not exist in namespace "${snapshot.namespace}"`;
  }
  const scope = outOfScope(snapshot, target);
  if (scope) return scope;
  if (definition.needsContainer && target.container === undefined)
    return `${definition.kind} needs target.container`;
  if (target.container !== undefined && (target.kind === 'Deployment' || target.kind === 'Pod')) {
    const names = containersOf(snapshot, target).map((c) => c.name);
    if (!names.includes(target.container)) {
      return `container "${target.container}" does not exist in ${target.kind.toLowerCase()}/${target.name} (containers: ${names.join(', ') || 'none'})`;
    }
  }
  return undefined;
}

export function targetContainer(snapshot: Snapshot, target: ProposalTarget): Container | undefined {
  return containersOf(snapshot, target).find((c) => c.name === target.container);
}
