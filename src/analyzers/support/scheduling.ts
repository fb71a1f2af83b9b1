/**
 * Why the scheduler cannot place a pod, read from its FailedScheduling message and checked against the nodes:
 * "requests exceed every node" (a spec problem, precise) versus "the cluster is full" or constraints.
 */
import type { Category } from '../../domain/categories.js';
import type { Snapshot } from '../../domain/snapshot.js';
import type { Pod } from '../../kube/types.js';
import { largestAllocatable, podRequest } from './capacity.js';
import { eventsFor, warnings } from './events.js';
import { formatResource } from '../../kube/quantity.js';
import { podName } from './workloads.js';

export type Shortfall = { resource: string; requested: number; node: string; allocatable: number };
export type Verdict = { category: Category; specificity: number; summary: string; shortfalls: Shortfall[] };

const PVC_PROBLEM =
  /unbound immediate PersistentVolumeClaims|persistentvolumeclaim "[^"]+" not found|volume binding/i;

/** Message patterns in the order they are tried, with how precise each diagnosis is. */
const CONSTRAINTS: readonly [RegExp, number, string][] = [
  [/Insufficient/, 80, 'no node has enough free capacity left'],
  [/taint/, 75, 'the nodes have taints it does not tolerate'],
  [/affinity|selector/, 75, 'no node matches its node selector/affinity'],
  [/were unschedulable/, 75, 'the nodes are cordoned (unschedulable)'],
];

/** The scheduler's message for a pod it could not place, or undefined for a scheduled pod. */
export function schedulingMessage(snapshot: Snapshot, pod: Pod): string | undefined {
  if (pod.spec?.nodeName || pod.status?.phase !== 'Pending') return undefined;
  const condition = pod.status.conditions?.find((c) => c.type === 'PodScheduled' && c.status === 'False');
  const event = warnings(eventsFor(snapshot, 'Pod', podName(pod))).find(
    (e) => e.reason === 'FailedScheduling',
  );
  return condition?.message ?? event?.message;
}

/** Resources the pod requests more of than the largest node can allocate at all. */
function shortfalls(snapshot: Snapshot, pod: Pod, message: string): Shortfall[] {
  const mentioned = [...message.matchAll(/Insufficient ([\w./-]+)/g)].map((m) => m[1] ?? '');
  return [...new Set(['cpu', 'memory', ...mentioned])].flatMap((resource) => {
    const requested = podRequest({ spec: pod.spec }, resource);
    const largest = largestAllocatable(snapshot, resource);
    if (requested === 0 || !largest || requested <= largest.amount) return [];
    return [{ resource, requested, node: largest.node, allocatable: largest.amount }];
  });
}

export function judgeScheduling(snapshot: Snapshot, pod: Pod, message: string): Verdict {
  if (PVC_PROBLEM.test(message)) {
    const summary = 'it waits for an unbound PersistentVolumeClaim';
    return { category: 'pvc_pending', specificity: 60, summary, shortfalls: [] };
  }
  const tooBig = shortfalls(snapshot, pod, message);
  if (tooBig.length > 0) {
    const parts = tooBig.map(
      (s) =>
        `${s.resource} ${formatResource(s.resource, s.requested)} > ${formatResource(s.resource, s.allocatable)} on the largest node (${s.node})`,
    );
    const summary = `its requests exceed every node: ${parts.join(', ')}`;
    return { category: 'unschedulable', specificity: 90, summary, shortfalls: tooBig };
  }
  const [, specificity, summary] = CONSTRAINTS.find(([pattern]) => pattern.test(message)) ?? [
    undefined,
    70,
    'the scheduler finds no node for it',
  ];
  return { category: 'unschedulable', specificity, summary, shortfalls: [] };
}
