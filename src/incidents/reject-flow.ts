/** Reject: an approver closes the proposal; nothing changes in the cluster. */
import type { ErrorNotice } from '../../blocks/error-notice.js';
import { transition, type Incident } from '../domain/incident.js';
import { claimDecision, type ButtonClick } from './decision-claim.js';
import type { IncidentDeps } from './incident-deps.js';
import { incidentLogger } from './incident-log.js';
import { refreshCard, summarizeIfEnded } from './incident-notifier.js';

export async function rejectProposal(
  deps: IncidentDeps,
  click: ButtonClick,
): Promise<{ notice: ErrorNotice } | { incident: Incident }> {
  const claimed = await claimDecision(deps, click);
  if ('notice' in claimed) return claimed;
  const { incident } = claimed;
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
