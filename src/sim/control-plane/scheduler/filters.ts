/**
 * The Filter plugins of the default profile that the sim models, in kube-scheduler's order. A node is rejected
 * by the first plugin that fails (only NodeResourcesFit reports several reasons at once). Each rejection says
 * whether preemption could help: only resource shortfalls can be resolved by evicting pods, everything else is
 * UnschedulableAndUnresolvable.
 */
import type { Pod } from '../../../kube/types.js';
import type { NodeSnapshot } from './node-snapshot.js';
import { matchesNodeSelectorAndAffinity } from './node-affinity.js';
import { podRequests } from './pod-resources.js';
import { firstUntoleratedTaint, isTolerated } from './taints.js';

export type NodeRejection = { reasons: string[]; resolvable: boolean };

type Filter = (pod: Pod, snapshot: NodeSnapshot) => NodeRejection | undefined;

const unresolvable = (reason: string): NodeRejection => ({ reasons: [reason], resolvable: false });

const nodeUnschedulable: Filter = (pod, { node }) => {
  if (!node.spec?.unschedulable) return undefined;
  const taint = { key: 'node.kubernetes.io/unschedulable', effect: 'NoSchedule' };
  return isTolerated(pod.spec?.tolerations ?? [], taint)
    ? undefined
    : unresolvable('node(s) were unschedulable');
};

const taintToleration: Filter = (pod, { node }) => {
  const taint = firstUntoleratedTaint(node, pod.spec?.tolerations ?? []);
  return taint
    ? unresolvable(`node(s) had untolerated taint {${taint.key}: ${taint.value ?? ''}}`)
    : undefined;
};

const nodeAffinity: Filter = (pod, { node }) =>
  matchesNodeSelectorAndAffinity(pod, node)
    ? undefined
    : unresolvable("node(s) didn't match Pod's node affinity/selector");

/** Pods first, then cpu, memory, ephemeral-storage, then extended resources by name (`fitsRequest`). */
const RESOURCE_ORDER = ['cpu', 'memory', 'ephemeral-storage'];

const nodeResourcesFit: Filter = (pod, snapshot) => {
  const reasons: string[] = [];
  const allowedPods = snapshot.allocatable.get('pods');
  if (allowedPods !== undefined && snapshot.podCount + 1 > allowedPods) reasons.push('Too many pods');
  const requests = podRequests(pod);
  const names = [...requests.keys()].sort((a, b) => {
    const rank = (name: string) =>
      RESOURCE_ORDER.includes(name) ? RESOURCE_ORDER.indexOf(name) : RESOURCE_ORDER.length;
    return rank(a) - rank(b) || (a < b ? -1 : a > b ? 1 : 0);
  });
  for (const name of names) {
    if (name === 'pods') continue;
    const requested = requests.get(name) ?? 0;
    const free = (snapshot.allocatable.get(name) ?? 0) - (snapshot.requested.get(name) ?? 0);
    if (requested > 0 && requested > free) reasons.push(`Insufficient ${name}`);
  }
  return reasons.length > 0 ? { reasons, resolvable: true } : undefined;
};

const FILTERS: readonly Filter[] = [nodeUnschedulable, taintToleration, nodeAffinity, nodeResourcesFit];

export function filterNode(pod: Pod, snapshot: NodeSnapshot): NodeRejection | undefined {
  for (const filter of FILTERS) {
    const rejection = filter(pod, snapshot);
    if (rejection) return rejection;
  }
  return undefined;
}
