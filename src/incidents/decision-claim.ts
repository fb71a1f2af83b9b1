/**
 * The checks every decision on a proposal makes before it changes anything — Approve and Reject alike: the
 * clicker is an approver, the incident exists, the button is current (state, proposal, message revision), and
 * the decision is claimed atomically. Approve and Reject race for the same claim, so the first one wins.
 */
import type { ErrorNotice } from '../../blocks/error-notice.js';
import { incidentRevision } from '../../blocks/ids.js';
import type { Incident } from '../domain/incident.js';
import type { IncidentDeps } from './incident-deps.js';

export type ButtonClick = {
  incidentId: string;
  proposalId: string;
  user: string;
  /**
   * The message revision the clicked buttons belong to (block_id); stale buttons are refused, and so is a click
   * whose block_id sre-bot did not make (null). Undefined only for callers that are not a Slack click.
   */
  revision: number | null | undefined;
};

export type Claimed = { notice: ErrorNotice } | { incident: Incident };

const CLAIM_MS = 30 * 60 * 1000;

export function decisionClaimKey(incidentId: string, proposalId: string): string {
  return `approve:${incidentId}:${proposalId}`;
}

export async function claimDecision(deps: IncidentDeps, click: ButtonClick): Promise<Claimed> {
  const decision = await deps.isApprover(click.user);
  if (!decision.allowed) {
    return { notice: { kind: 'not-an-approver', user: click.user, approvers: deps.settings.approvers } };
  }
  const incident = await deps.incidents.get(click.incidentId);
  if (!incident)
    return { notice: { kind: 'stale-proposal', reason: 'this incident is no longer known to sre-bot' } };
  const stale = staleClick(incident, click);
  if (stale) return { notice: stale };
  if (!(await deps.store.claim(decisionClaimKey(incident.id, click.proposalId), click.user, CLAIM_MS))) {
    const current = await deps.incidents.get(incident.id);
    return {
      notice: {
        kind: 'already-handled',
        by: current?.approvedBy ?? current?.rejectedBy,
        what: current?.state ?? 'handled',
      },
    };
  }
  return { incident };
}

export function staleClick(
  incident: Incident,
  click: Pick<ButtonClick, 'proposalId' | 'revision'>,
): ErrorNotice | undefined {
  if (incident.state !== 'proposed') {
    return { kind: 'already-handled', by: incident.approvedBy ?? incident.rejectedBy, what: incident.state };
  }
  if (incident.sameAs) {
    return { kind: 'stale-proposal', reason: `this problem is decided in incident ${incident.sameAs}` };
  }
  const top = incident.report?.proposals[0];
  if (!top || top.id !== click.proposalId) {
    return {
      kind: 'stale-proposal',
      reason: 'the proposal on this message has changed since these buttons were shown',
    };
  }
  if (click.revision === null) {
    return { kind: 'stale-proposal', reason: 'this button does not belong to a card sre-bot rendered' };
  }
  if (click.revision !== undefined && click.revision !== incidentRevision(incident)) {
    return { kind: 'stale-proposal', reason: 'these buttons belong to an older version of the message' };
  }
  return undefined;
}
