/** `kubectl get pods`: NAME READY STATUS RESTARTS AGE, wide IP NODE NOMINATED NODE READINESS GATES. */
import type { KubeObject, Pod } from '../../kube/types.js';
import type { TableConverter, TableRowCondition } from '../resources/descriptor.js';
import { ageColumn, ageOf, column, nameColumn, nameOf } from './columns.js';
import { humanDuration } from './human-duration.js';
import { summarizePod } from './pod-status.js';

const COMPLETED: Record<string, TableRowCondition> = {
  Succeeded: {
    type: 'Completed',
    status: 'True',
    reason: 'Succeeded',
    message: 'The pod has completed successfully.',
  },
  Failed: { type: 'Completed', status: 'True', reason: 'Failed', message: 'The pod failed.' },
};

/** `3 (45s ago)` once a container has restarted and its last termination time is known, else just the count. */
export function formatRestarts(restarts: number, lastRestartAt: number | undefined, now: number): string {
  if (restarts === 0 || lastRestartAt === undefined) return String(restarts);
  return `${restarts} (${humanDuration(now - lastRestartAt)} ago)`;
}

/** `t/n`: how many readiness gates have their pod condition True; `<none>` without gates. */
function readinessGates(pod: Pod): string {
  const gates = pod.spec?.readinessGates ?? [];
  if (gates.length === 0) return '<none>';
  const conditions = pod.status?.conditions ?? [];
  const satisfied = gates.filter(
    (gate) => conditions.find((c) => c.type === gate.conditionType)?.status === 'True',
  );
  return `${satisfied.length}/${gates.length}`;
}

export const podTable: TableConverter = {
  columns: [
    nameColumn(),
    column('Ready', 'The aggregate readiness state of this pod for accepting traffic.'),
    column('Status', 'The aggregate status of the containers in this pod.'),
    column(
      'Restarts',
      'The number of times the containers in this pod have been restarted and when the last container in this pod has restarted.',
    ),
    ageColumn(),
    column(
      'IP',
      'podIP address allocated to the pod. Routable at least within the cluster. Empty if not yet allocated.',
      { priority: 1 },
    ),
    column(
      'Node',
      'NodeName indicates in which node this pod is scheduled. If empty, this pod is a candidate for scheduling by the scheduler defined in schedulerName.',
      { priority: 1 },
    ),
    column(
      'Nominated Node',
      'nominatedNodeName is set only when this pod preempts other pods on the node, but it cannot be scheduled right away as preemption victims receive their graceful termination periods.',
      { priority: 1 },
    ),
    column(
      'Readiness Gates',
      'If specified, all readiness gates will be evaluated for pod readiness. A pod is ready when all its containers are ready AND all conditions specified in the readiness gates have status equal to "True".',
      { priority: 1 },
    ),
  ],
  cells(object: KubeObject, now: number): unknown[] {
    const pod = object as Pod;
    const summary = summarizePod(pod);
    return [
      nameOf(pod),
      `${summary.readyContainers}/${summary.totalContainers}`,
      summary.reason,
      formatRestarts(summary.restarts, summary.lastRestartAt, now),
      ageOf(pod, now),
      pod.status?.podIPs?.[0]?.ip || '<none>',
      pod.spec?.nodeName || '<none>',
      pod.status?.nominatedNodeName || '<none>',
      readinessGates(pod),
    ];
  },
  conditions(object: KubeObject): TableRowCondition[] | undefined {
    const condition = COMPLETED[(object as Pod).status?.phase ?? ''];
    return condition ? [condition] : undefined;
  },
};
