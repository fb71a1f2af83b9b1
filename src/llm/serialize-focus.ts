/**
 * The failing workloads' part of the prompt data: desired state, revisions, pods (unhealthiest first), warning
 * events and log tails of one Deployment — the evidence the model must reason from, kept longest.
 */
import { clip } from '../analyzers/support/evidence.js';
import { deploymentNameOfPod, findDeployment, replicaSetsOf } from '../analyzers/support/workloads.js';
import type { Finding } from '../domain/finding.js';
import type { Snapshot } from '../domain/snapshot.js';
import type { Pod } from '../kube/types.js';
import type { Level } from './serialize-levels.js';
import {
  compareEvents,
  containerSpecView,
  deploymentStatusView,
  eventLineView,
  podIsHealthy,
  podView,
} from './snapshot-views.js';

/** The diagnosed workload first, then every other workload a finding names, in the findings' order. */
export function focusWorkloads(
  snapshot: Snapshot,
  findings: readonly Finding[],
  workload: string | undefined,
): string[] {
  const names = [workload ?? snapshot.target, ...findings.map((finding) => finding.workload)];
  return [...new Set(names.filter((name): name is string => name !== undefined && name !== null))];
}

function unhealthiness(pod: Pod): number {
  const statuses = pod.status?.containerStatuses ?? [];
  const restarts = statuses.reduce((total, status) => total + (status.restartCount ?? 0), 0);
  return (podIsHealthy(pod) ? 0 : 1000) + statuses.filter((status) => !status.ready).length * 100 + restarts;
}

function byUnhealthiest(a: Pod, b: Pod): number {
  return (
    unhealthiness(b) - unhealthiness(a) || (a.metadata?.name ?? '').localeCompare(b.metadata?.name ?? '')
  );
}

export function podsOfWorkload(snapshot: Snapshot, workload: string): Pod[] {
  return snapshot.pods.filter((pod) => deploymentNameOfPod(snapshot, pod) === workload);
}

function phaseCounts(pods: readonly Pod[]): string {
  const counts = new Map<string, number>();
  for (const pod of pods) {
    const phase = podIsHealthy(pod) ? 'healthy' : (pod.status?.phase ?? 'Unknown');
    counts.set(phase, (counts.get(phase) ?? 0) + 1);
  }
  return [...counts.entries()]
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([phase, count]) => `${phase}=${count}`)
    .join(' ');
}

/** `Kind/name` of the workload's Deployment, ReplicaSets and pods: whose events belong to it. */
export function workloadObjects(snapshot: Snapshot, workload: string): Set<string> {
  const deployment = findDeployment(snapshot, workload);
  return new Set([
    `Deployment/${workload}`,
    ...(deployment ? replicaSetsOf(snapshot, deployment) : []).map((rs) => `ReplicaSet/${rs.metadata?.name}`),
    ...podsOfWorkload(snapshot, workload).map((pod) => `Pod/${pod.metadata?.name}`),
  ]);
}

export function focusView(snapshot: Snapshot, workload: string, level: Level): Record<string, unknown> {
  const deployment = findDeployment(snapshot, workload);
  const pods = podsOfWorkload(snapshot, workload).sort(byUnhealthiest);
  const podNames = new Set(pods.map((pod) => pod.metadata?.name));
  const objects = workloadObjects(snapshot, workload);
  const events = snapshot.events
    .filter(({ object }) => objects.has(`${object.kind}/${object.name}`))
    .sort(compareEvents);
  const logs = snapshot.logs.filter((log) => podNames.has(log.pod)).slice(0, level.logsPerWorkload);
  const shownPods = pods.slice(0, level.focusPods);

  return {
    deployment: workload,
    ...(deployment
      ? deploymentStatusView(snapshot, deployment)
      : { missing: 'no such Deployment in the snapshot' }),
    containers: (deployment?.spec?.template.spec?.containers ?? []).map((c) =>
      containerSpecView(c, level.specDetail),
    ),
    pods: shownPods.map((pod) => podView(pod, level.messageChars)),
    ...(pods.length > shownPods.length ? { podsNotShown: phaseCounts(pods.slice(shownPods.length)) } : {}),
    events: events.slice(0, level.focusEvents).map((event) => eventLineView(event, level.messageChars)),
    ...(events.length > level.focusEvents ? { eventsNotShown: events.length - level.focusEvents } : {}),
    logs: logs.map((log) => ({
      pod: log.pod,
      container: log.container,
      ...(log.previous ? { previous: true } : {}),
      lines: log.lines.slice(-level.logLines).map((line) => clip(line, level.lineChars)),
    })),
  };
}
