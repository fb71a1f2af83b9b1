/**
 * Pods the scheduler cannot place (PodScheduled False / FailedScheduling). Requests are compared with what the
 * nodes can allocate, so "no node is big enough" is told apart from "the cluster is full right now".
 */
import type { Analyzer } from './analyzer.js';
import type { Finding } from '../domain/finding.js';
import type { ProposalDraft } from '../domain/proposal.js';
import type { Snapshot } from '../domain/snapshot.js';
import type { Pod } from '../kube/types.js';
import { containerRequest, podRequest } from './support/capacity.js';
import { deploymentTarget, kubectl, manualDraft, manualTarget } from './support/drafts.js';
import { eventsFor, warnings } from './support/events.js';
import { eventLine, specLine, statusLine } from './support/evidence.js';
import { formatResource } from '../kube/quantity.js';
import { judgeScheduling, schedulingMessage, type Verdict } from './support/scheduling.js';
import { healthyRevisionWhere, rollbackProposal } from './support/rollback.js';
import { deploymentNameOfPod, groupBy, podName } from './support/workloads.js';

function manualFor(
  snapshot: Snapshot,
  pod: Pod,
  workload: string | undefined,
  verdict: Verdict,
): ProposalDraft {
  const target = manualTarget(snapshot, workload, podName(pod));
  const nodes = kubectl(snapshot, `describe pod ${podName(pod)}`);
  const first = verdict.shortfalls[0];
  if (first && workload !== undefined) {
    const containers = [...(pod.spec?.containers ?? [])];
    const container = containers.sort(
      (a, b) => containerRequest(b, first.resource) - containerRequest(a, first.resource),
    )[0];
    const lower = kubectl(
      snapshot,
      `set resources deployment/${workload} -c ${container?.name ?? '<container>'} --requests=${first.resource}=<at most ${formatResource(first.resource, first.allocatable)}>`,
    );
    const instruction = `No node can ever run these pods: ${verdict.summary}. Lower the request to what the application really needs, or add nodes with more ${first.resource}.`;
    return manualDraft(
      deploymentTarget(snapshot, workload),
      instruction,
      [
        lower,
        'kubectl get nodes -o custom-columns=NAME:.metadata.name,CPU:.status.allocatable.cpu,MEMORY:.status.allocatable.memory',
      ],
      'No node can fit the pod while it requests more than the largest node can allocate.',
    );
  }
  const options =
    verdict.category === 'pvc_pending'
      ? 'Make the claim bind (see the PersistentVolumeClaim events): a working storageClassName or a matching PersistentVolume.'
      : `The pods stay Pending because ${verdict.summary}. Free capacity (scale down other workloads), add nodes, or relax the pod's constraints.`;
  return manualDraft(target, options, [nodes], 'The scheduler explains why in its FailedScheduling message.');
}

function findingFor(snapshot: Snapshot, group: { pod: Pod; message: string }[]): Finding | undefined {
  const first = group[0];
  if (!first) return undefined;
  const { pod, message } = first;
  const workload = deploymentNameOfPod(snapshot, pod);
  const verdict = judgeScheduling(snapshot, pod, message);
  const events = warnings(eventsFor(snapshot, 'Pod', podName(pod))).filter(
    (e) => e.reason === 'FailedScheduling',
  );
  const evidence = [
    statusLine(`pod/${podName(pod)} Pending, PodScheduled=False Unschedulable: ${message}`),
    ...events.map(eventLine),
  ];
  evidence.push(
    ...verdict.shortfalls.map((s) =>
      specLine(
        `pod requests ${s.resource} ${formatResource(s.resource, s.requested)}; largest node ${s.node} allocatable ${formatResource(s.resource, s.allocatable)}`,
      ),
    ),
  );
  const resources = verdict.shortfalls.map((s) => s.resource);
  const candidate = healthyRevisionWhere(
    snapshot,
    workload,
    (before, now) =>
      resources.some((r) => podRequest(before.template, r) < podRequest(now.template, r)) &&
      verdict.shortfalls.every((s) => podRequest(before.template, s.resource) <= s.allocatable),
  );
  const rollback =
    workload !== undefined && candidate
      ? rollbackProposal(snapshot, workload, candidate, 'requests more than any node can allocate')
      : undefined;
  if (rollback) evidence.push(rollback.evidence);
  return {
    analyzer: 'unschedulable',
    object: { kind: 'Pod', name: podName(pod) },
    reason: 'FailedScheduling',
    message: `${group.length} pod(s)${workload === undefined ? '' : ` of deployment/${workload}`} cannot be scheduled: ${verdict.summary}.`,
    evidence,
    ...(workload === undefined ? {} : { workload }),
    category: verdict.category,
    specificity: verdict.specificity,
    confidence: verdict.shortfalls.length > 0 ? 0.95 : 0.8,
    proposals: [rollback?.draft ?? manualFor(snapshot, pod, workload, verdict)],
  };
}

export const unschedulableAnalyzer: Analyzer = {
  name: 'unschedulable',
  analyze(snapshot) {
    const pending = snapshot.pods.flatMap((pod) => {
      const message = schedulingMessage(snapshot, pod);
      return message === undefined ? [] : [{ pod, message }];
    });
    const groups = groupBy(pending, ({ pod }) => deploymentNameOfPod(snapshot, pod) ?? `pod:${podName(pod)}`);
    return groups.flatMap((group) => findingFor(snapshot, group) ?? []);
  },
};
