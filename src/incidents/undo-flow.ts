/** Undo: an approver restores exactly what the fix changed; the incident ends as undone. */
import type { ErrorNotice } from '../../blocks/error-notice.js';
import { transition, type Incident } from '../domain/incident.js';
import { undoChange } from '../remediate/undo-change.js';
import type { IncidentDeps } from './incident-deps.js';
import { incidentLogger } from './incident-log.js';
import { note, refreshCard, summarizeIfEnded, threadReply } from './incident-notifier.js';

export async function undoIncident(
  deps: IncidentDeps,
  request: { incidentId: string; user: string },
): Promise<{ notice: ErrorNotice } | { incident: Incident }> {
  const decision = await deps.isApprover(request.user);
  if (!decision.allowed)
    return { notice: { kind: 'not-an-approver', user: request.user, approvers: deps.settings.approvers } };
  const incident = await deps.incidents.get(request.incidentId);
  const undoId = incident?.applied?.undoId;
  // The undo record names the deployment; a namespace-wide incident has no target of its own.
  const deployment = incident?.applied?.proposal.target.name;
  if (!incident || !undoId || !deployment) {
    return {
      notice: { kind: 'stale-proposal', reason: 'there is no recorded change to undo on this incident' },
    };
  }
  if (incident.state !== 'resolved' && incident.state !== 'failed') {
    return { notice: { kind: 'already-handled', by: undefined, what: incident.state } };
  }
  if (!(await deps.store.claim(`undo:${incident.id}`, request.user, 30 * 60 * 1000))) {
    return { notice: { kind: 'already-handled', by: undefined, what: 'undone' } };
  }
  const outcome = await undoChange(deps.remediation, {
    namespace: incident.namespace,
    deployment,
    actor: request.user,
    undoId,
  });
  if (outcome.status === 'refused') {
    incidentLogger(deps, incident.id).warn({ user: request.user }, `undo refused: ${outcome.message}`);
    await deps.store.releaseClaim(`undo:${incident.id}`);
    await threadReply(deps, incident, note(`:no_entry: Undo refused: ${outcome.message}`));
    return { notice: { kind: 'api-refused', message: outcome.message, operation: 'undo' } };
  }
  const undone = await deps.incidents.save(
    transition(
      incident,
      'undone',
      { actor: request.user, action: 'undone', detail: outcome.record.description },
      deps.clock.now(),
    ),
  );
  incidentLogger(deps, undone.id).info({ user: request.user, change: outcome.record.description }, 'undone');
  await refreshCard(deps, undone);
  await threadReply(
    deps,
    undone,
    note(
      `:leftwards_arrow_with_hook: Undone by <@${request.user}>: ${outcome.record.description} was reverted.`,
    ),
    true,
  );
  await summarizeIfEnded(deps, undone);
  return { incident: undone };
}
