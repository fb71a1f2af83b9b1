/**
 * A whole remediation: apply under the workload's lease, then verify while still holding it, then release.
 * `onApplied` lets the caller report the change before the (long) verification starts.
 */
import type { AppliedChange, Verification } from '../domain/incident.js';
import { applyProposal, type ApplyOutcome, type ApplyRequest } from './apply-proposal.js';
import type { RemediationDeps } from './deps.js';
import { verifyRollout } from './verify-rollout.js';

export type RemediationResult = {
  outcome: ApplyOutcome;
  verification?: Verification & { revision?: string };
};

export async function remediate(
  deps: RemediationDeps,
  request: ApplyRequest,
  hooks: { onApplied?: (change: AppliedChange) => Promise<void> } = {},
): Promise<RemediationResult> {
  const outcome = await applyProposal(deps, request);
  if (outcome.status !== 'applied') return { outcome };
  try {
    await hooks.onApplied?.(outcome.change);
    const verification = await verifyRollout(deps, {
      namespace: request.proposal.target.namespace,
      deployment: outcome.deployment,
      generation: outcome.generation,
      category: request.expectedCategory,
      lease: outcome.lease,
    });
    return { outcome, verification };
  } finally {
    await outcome.lease.release().catch(() => undefined);
  }
}
