/**
 * Pods the ReplicaSet controller may not create because a ResourceQuota is exhausted (FailedCreate
 * `exceeded quota`, Deployment ReplicaFailure). Raising a quota is a policy decision, so the fix is written out.
 */
import type { Analyzer } from './analyzer.js';
import type { Finding } from '../domain/finding.js';
import type { Snapshot } from '../domain/snapshot.js';
import type { Deployment } from '../kube/types.js';
import { deploymentTarget, kubectl, manualDraft } from './support/drafts.js';
import { eventsFor, warnings } from './support/events.js';
import { eventLine, statusLine } from './support/evidence.js';
import { replicaSetsOf } from './support/workloads.js';

const EXCEEDED = /exceeded quota: ([^,]+), requested: (.+?), used: (.+?), limited: ([^\s"]+)/;
const MUST_SPECIFY = /failed quota: ([^:]+): must specify ([^"]+)/;

type QuotaFailure = { message: string; evidence: string };

/** Failures of the ReplicaSets that still want pods (an old, scaled-down one's events are history). */
function failuresOf(snapshot: Snapshot, deployment: Deployment): QuotaFailure[] {
  const wanting = replicaSetsOf(snapshot, deployment).filter(
    (rs) => (rs.spec?.replicas ?? 0) > (rs.status?.replicas ?? 0),
  );
  const fromEvents = wanting.flatMap((rs) =>
    warnings(eventsFor(snapshot, 'ReplicaSet', rs.metadata?.name ?? ''))
      .filter(
        (e) => e.reason === 'FailedCreate' && (EXCEEDED.test(e.message) || MUST_SPECIFY.test(e.message)),
      )
      .map((e) => ({ message: e.message, evidence: eventLine(e) })),
  );
  const condition = deployment.status?.conditions?.find(
    (c) => c.type === 'ReplicaFailure' && c.status === 'True',
  );
  const conditionMessage = condition?.message ?? '';
  const fromCondition =
    EXCEEDED.test(conditionMessage) || MUST_SPECIFY.test(conditionMessage)
      ? [
          {
            message: conditionMessage,
            evidence: statusLine(
              `deployment/${deployment.metadata?.name ?? '?'} ReplicaFailure=True ${condition?.reason ?? ''}: ${conditionMessage}`,
            ),
          },
        ]
      : [];
  return [...fromEvents, ...fromCondition];
}

function findingFor(snapshot: Snapshot, deployment: Deployment): Finding | undefined {
  const name = deployment.metadata?.name;
  const failures = failuresOf(snapshot, deployment);
  const first = failures[0];
  if (name === undefined || !first) return undefined;
  const exceeded = EXCEEDED.exec(first.message);
  const mustSpecify = MUST_SPECIFY.exec(first.message);
  const quota = (exceeded?.[1] ?? mustSpecify?.[1] ?? '').trim();
  const detail = exceeded
    ? `quota ${quota} is exhausted: requested ${exceeded[2] ?? '?'}, used ${exceeded[3] ?? '?'}, limited ${exceeded[4] ?? '?'}`
    : `quota ${quota} requires ${mustSpecify?.[2]?.trim() ?? 'resource limits'} to be set on every container`;
  const instruction = exceeded
    ? `New pods of deployment/${name} would exceed ResourceQuota ${quota} (requested ${exceeded[2] ?? '?'}, used ${exceeded[3] ?? '?'}, limited ${exceeded[4] ?? '?'}). Raise the quota, lower the pods' requests/limits, or free quota by scaling down other workloads in ${snapshot.namespace}.`
    : `ResourceQuota ${quota} requires ${mustSpecify?.[2]?.trim() ?? 'resource limits'}: set those requests/limits on deployment/${name}'s containers.`;
  return {
    analyzer: 'quota',
    object: { kind: 'Deployment', name },
    reason: 'FailedCreate',
    message: `Pods of deployment/${name} cannot be created: ${detail}.`,
    evidence: [...new Set(failures.map((f) => f.evidence))].slice(0, 4),
    workload: name,
    category: 'quota_exceeded',
    specificity: 85,
    confidence: 0.9,
    proposals: [
      manualDraft(
        deploymentTarget(snapshot, name),
        instruction,
        [
          kubectl(snapshot, `describe resourcequota ${quota}`),
          kubectl(snapshot, `edit resourcequota ${quota}`),
        ],
        'The API server refuses the pods until the quota allows them.',
      ),
    ],
  };
}

export const quotaAnalyzer: Analyzer = {
  name: 'quota',
  analyze(snapshot) {
    return snapshot.deployments.flatMap((deployment) => findingFor(snapshot, deployment) ?? []);
  },
};
