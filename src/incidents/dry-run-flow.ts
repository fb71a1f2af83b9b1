/** Dry run: the planned change sent with dryRun=All; the API server's own diff goes into the thread. */
import { buildDryRunDiff } from '../../blocks/dry-run-diff.js';
import type { ErrorNotice } from '../../blocks/error-notice.js';
import type { Incident } from '../domain/incident.js';
import { KubeApiError } from '../errors.js';
import { dryRunProposal } from '../remediate/dry-run-proposal.js';
import type { IncidentDeps } from './incident-deps.js';
import { incidentLogger } from './incident-log.js';
import { note, refreshCard, threadReply } from './incident-notifier.js';

export async function dryRunIncident(
  deps: IncidentDeps,
  request: { incidentId: string; proposalId?: string; user: string },
): Promise<{ notice: ErrorNotice } | { incident: Incident }> {
  const incident = await deps.incidents.get(request.incidentId);
  if (!incident?.report)
    return { notice: { kind: 'stale-proposal', reason: 'this incident is no longer known to sre-bot' } };
  const proposal = request.proposalId
    ? incident.report.proposals.find((candidate) => candidate.id === request.proposalId)
    : incident.report.proposals[0];
  if (!proposal)
    return {
      notice: {
        kind: 'stale-proposal',
        reason: 'the proposal on this message has changed since it was shown',
      },
    };
  try {
    const outcome = await dryRunProposal(deps.kube, proposal, {
      incidentId: incident.id,
      // Whoever clicks Dry run need not be who approves; the annotation will name the approver.
      approvedBy: 'the approver',
      now: deps.clock.now(),
    });
    const log = incidentLogger(deps, incident.id);
    if (outcome.status === 'refused') {
      log.info({ user: request.user, proposal: proposal.id }, `dry run refused: ${outcome.message}`);
      await threadReply(deps, incident, note(`:warning: Dry run refused: ${outcome.message}`));
    } else {
      log.info({ user: request.user, proposal: proposal.id }, 'dry run');
      await threadReply(
        deps,
        incident,
        buildDryRunDiff({
          proposal,
          diff: outcome.result.diff,
          changes: outcome.result.changes,
          requestedBy: request.user,
        }),
      );
    }
  } catch (error) {
    if (error instanceof KubeApiError)
      return { notice: { kind: 'api-refused', message: error.message, operation: 'dry run' } };
    throw error;
  }
  const at = deps.clock.now().toISOString();
  const updated = await deps.incidents.save({
    ...incident,
    audit: [...incident.audit, { at, actor: request.user, action: 'dry-run', detail: proposal.summary }],
  });
  // The audit trail is the message revision: re-render so the buttons carry the current one.
  await refreshCard(deps, updated);
  return { incident: updated };
}
