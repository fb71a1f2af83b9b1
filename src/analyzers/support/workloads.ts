/**
 * How objects relate in a real cluster: a pod belongs to a Deployment through its controlling ReplicaSet's
 * ownerReferences (the names alone prove nothing), and a Service reaches pods through its label selector.
 */
import type {
  Container,
  Deployment,
  ObjectMeta,
  Pod,
  PodTemplateSpec,
  ReplicaSet,
} from '../../kube/types.js';
import type { Snapshot } from '../../domain/snapshot.js';

type LabelSelector = NonNullable<NonNullable<Deployment['spec']>['selector']>;

export function controllerOf(meta: ObjectMeta | undefined, kind: string): string | undefined {
  return meta?.ownerReferences?.find((owner) => owner.kind === kind && owner.controller !== false)?.name;
}

export function findDeployment(snapshot: Snapshot, name: string | undefined): Deployment | undefined {
  return name === undefined ? undefined : snapshot.deployments.find((d) => d.metadata?.name === name);
}

export function replicaSetOfPod(snapshot: Snapshot, pod: Pod): ReplicaSet | undefined {
  const name = controllerOf(pod.metadata, 'ReplicaSet');
  return snapshot.replicaSets.find((rs) => rs.metadata?.name === name);
}

/** The Deployment owning the pod (pod → ReplicaSet → Deployment), or undefined for a bare or other-owned pod. */
export function deploymentNameOfPod(snapshot: Snapshot, pod: Pod): string | undefined {
  const replicaSet = replicaSetOfPod(snapshot, pod);
  return replicaSet ? controllerOf(replicaSet.metadata, 'Deployment') : undefined;
}

export function replicaSetsOf(snapshot: Snapshot, deployment: Deployment): ReplicaSet[] {
  const name = deployment.metadata?.name;
  return snapshot.replicaSets.filter((rs) => controllerOf(rs.metadata, 'Deployment') === name);
}

export function podsOfDeployment(snapshot: Snapshot, deployment: Deployment): Pod[] {
  const name = deployment.metadata?.name;
  return snapshot.pods.filter((pod) => deploymentNameOfPod(snapshot, pod) === name);
}

export function podName(pod: Pod): string {
  return pod.metadata?.name ?? '?';
}

export function containerNamed(template: PodTemplateSpec | undefined, name: string): Container | undefined {
  return template?.spec?.containers.find((container) => container.name === name);
}

/** The spec a fix would change: the Deployment's template when the pod has one, else the pod's own spec. */
export function desiredContainer(snapshot: Snapshot, pod: Pod, name: string): Container | undefined {
  const deployment = findDeployment(snapshot, deploymentNameOfPod(snapshot, pod));
  return (
    containerNamed(deployment?.spec?.template, name) ?? pod.spec?.containers.find((c) => c.name === name)
  );
}

export function isPodReady(pod: Pod): boolean {
  return pod.status?.conditions?.some((c) => c.type === 'Ready' && c.status === 'True') ?? false;
}

export function labelsMatch(
  selector: Record<string, string>,
  labels: Record<string, string> | undefined,
): boolean {
  return Object.entries(selector).every(([key, value]) => labels?.[key] === value);
}

/** metav1.LabelSelector matching (matchLabels and matchExpressions); an empty selector matches nothing here. */
export function selectorMatches(
  selector: LabelSelector | undefined,
  labels: Record<string, string> | undefined,
) {
  if (!selector) return false;
  const expressions = selector.matchExpressions ?? [];
  if (Object.keys(selector.matchLabels ?? {}).length === 0 && expressions.length === 0) return false;
  if (!labelsMatch(selector.matchLabels ?? {}, labels)) return false;
  return expressions.every(({ key, operator, values = [] }) => {
    const value = labels?.[key];
    if (operator === 'In') return value !== undefined && values.includes(value);
    if (operator === 'NotIn') return value === undefined || !values.includes(value);
    if (operator === 'Exists') return value !== undefined;
    if (operator === 'DoesNotExist') return value === undefined;
    return false;
  });
}

/** Groups items by a key, keeping first-seen order (findings must come out in a deterministic order). */
export function groupBy<T>(items: readonly T[], keyOf: (item: T) => string): T[][] {
  const groups = new Map<string, T[]>();
  for (const item of items) {
    const key = keyOf(item);
    const group = groups.get(key);
    if (group) group.push(item);
    else groups.set(key, [item]);
  }
  return [...groups.values()];
}
