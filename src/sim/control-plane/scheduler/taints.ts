/**
 * Taints and tolerations (`k8s.io/api/core/v1` `Toleration.ToleratesTaint`, scheduler TaintToleration plugin).
 * Only NoSchedule and NoExecute taints keep pods off a node; PreferNoSchedule only affects scoring.
 */
import type { Node, Taint, Toleration } from '../../../kube/types.js';

export function tolerates(toleration: Toleration, taint: Pick<Taint, 'key' | 'value' | 'effect'>): boolean {
  if (toleration.effect && toleration.effect !== taint.effect) return false;
  // An empty key with operator Exists tolerates every taint.
  if (toleration.key && toleration.key !== taint.key) return false;
  if (!toleration.key && toleration.operator !== 'Exists') return false;
  if (toleration.operator === 'Exists') return true;
  return (toleration.value ?? '') === (taint.value ?? '');
}

export function isTolerated(
  tolerations: readonly Toleration[],
  taint: Pick<Taint, 'key' | 'value' | 'effect'>,
): boolean {
  return tolerations.some((toleration) => tolerates(toleration, taint));
}

/**
 * The taints that filter pods: the node's own, plus the one the node lifecycle controller puts on a node whose
 * Ready condition is False (`not-ready`) or Unknown (`unreachable`), so a scenario that only flips the condition
 * still repels new pods.
 */
export function schedulingTaints(node: Node): Taint[] {
  const taints = (node.spec?.taints ?? []).filter(
    (t) => t.effect === 'NoSchedule' || t.effect === 'NoExecute',
  );
  const ready = node.status?.conditions?.find((condition) => condition.type === 'Ready');
  const implied =
    ready?.status === 'False'
      ? 'node.kubernetes.io/not-ready'
      : ready?.status === 'Unknown'
        ? 'node.kubernetes.io/unreachable'
        : undefined;
  if (implied && !taints.some((taint) => taint.key === implied)) {
    taints.push({ key: implied, effect: 'NoSchedule' });
  }
  return taints;
}

export function firstUntoleratedTaint(node: Node, tolerations: readonly Toleration[]): Taint | undefined {
  return schedulingTaints(node).find((taint) => !isTolerated(tolerations, taint));
}
