/**
 * Finds a revision worth rolling back to: earlier than the current one, running healthy pods now, and different
 * in the way that explains the failure (the caller says how). This is what makes a rollback proposal grounded.
 */
import type { ProposalDraft } from '../../domain/proposal.js';
import type { Snapshot } from '../../domain/snapshot.js';
import type { Container } from '../../kube/types.js';
import { rollbackDraft } from './drafts.js';
import { currentRevision, lastHealthyRevision, type Revision } from './revisions.js';
import { containerNamed, findDeployment } from './workloads.js';

export type RollbackCandidate = { current: Revision; target: Revision };

export function healthyRevisionWhere(
  snapshot: Snapshot,
  workload: string | undefined,
  differs: (before: Revision, now: Revision) => boolean,
): RollbackCandidate | undefined {
  const deployment = findDeployment(snapshot, workload);
  if (!deployment) return undefined;
  const current = currentRevision(snapshot, deployment);
  if (!current) return undefined;
  const target = lastHealthyRevision(snapshot, deployment, (revision) => differs(revision, current));
  return target ? { current, target } : undefined;
}

/** Whether one container differs between two revisions in any of the given fields. */
export function containerDiffers(
  container: string,
  fields: readonly (keyof Container)[],
): (before: Revision, now: Revision) => boolean {
  return (before, now) => {
    const was = containerNamed(before.template, container);
    const is = containerNamed(now.template, container);
    return fields.some(
      (field) => JSON.stringify(was?.[field] ?? null) !== JSON.stringify(is?.[field] ?? null),
    );
  };
}

/** The rollback draft plus the evidence line that justifies it. */
export function rollbackProposal(
  snapshot: Snapshot,
  workload: string,
  candidate: RollbackCandidate,
  why: string,
): { draft: ProposalDraft; evidence: string } {
  const { current, target } = candidate;
  const rationale =
    `Revision ${target.number} (ReplicaSet ${target.replicaSet.metadata?.name ?? '?'}) still runs ` +
    `${target.available} available pod(s); revision ${current.number} ${why}. Rolling back restores the template ` +
    `that is known to work.`;
  const evidence =
    `status: replicaset/${target.replicaSet.metadata?.name ?? '?'} (revision ${target.number}) ` +
    `${target.available} available; replicaset/${current.replicaSet.metadata?.name ?? '?'} ` +
    `(revision ${current.number}) is the current revision`;
  return { draft: rollbackDraft(snapshot, workload, target, rationale), evidence };
}
