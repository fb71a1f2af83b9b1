/** Reject: an approver closes the proposal; nothing changes in the cluster. */
import type { ErrorNotice } from '../../blocks/error-notice.js';
import { transition, type Incident } from '../domain/incident.js';
import { staleClick, type ButtonClick } from './approve-flow.js';
import type { IncidentDeps } from './incident-deps.js';
import { incidentLogger } from './incident-log.js';
import { refreshCard, summarizeIfEnded } from './incident-notifier.js';

export async function rejectProposal(
  deps: IncidentDeps,
  click: ButtonClick,
): Promise<{ notice: ErrorNotice } | { incident: Incident }> {
  const decision = await deps.isApprover(click.user);
  if (!decision.allowed)
    return { notice: { kind: 'not-an-approver', user: click.user, approvers: deps.settings.approvers } };
  const incident = await deps.incidents.get(click.incidentId);
  if (!incident)
    return { notice: { kind: 'stale-proposal', reason: 'this incident is no longer known to sre-bot' } };
  const stale = staleClick(incident, click);
  if (stale) return { notice: stale };
  // Rejecting and approving the same proposal race for the same claim: the first one wins.
  if (!(await deps.store.claim(`approve:${incident.id}:${click.proposalId}`, click.user, 30 * 60 * 1000))) {
    return {
      notice: {
        kind: 'already-handled',
        by: (await deps.incidents.get(incident.id))?.approvedBy,
        what: 'handled',
      },
    };
  }
  const rejected = await deps.incidents.save(
    transition(
      { ...incident, rejectedBy: click.user },
      'rejected',
      { actor: click.user, action: 'rejected' },
      deps.clock.now(),
    ),
  );
  incidentLogger(deps, rejected.id).info({ user: click.user }, 'rejected');
  await refreshCard(deps, rejected);
  await summarizeIfEnded(deps, rejected);
  return { incident: rejected };
}
