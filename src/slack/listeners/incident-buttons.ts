/**
 * The incident buttons: Approve, Reject, Dry run, Undo. Each acks first, parses the payload (zod) and then works;
 * refusals go back to the clicker only (ephemeral), everything else lands in the incident's card and thread.
 */
import type { AllMiddlewareArgs, BlockAction, SlackActionMiddlewareArgs } from '@slack/bolt';
import { buildErrorNotice, type ErrorNotice } from '../../../blocks/error-notice.js';
import { claimApproval, executeApproved } from '../../incidents/approve-flow.js';
import { dryRunIncident } from '../../incidents/dry-run-flow.js';
import type { IncidentDeps } from '../../incidents/incident-deps.js';
import type { Incident } from '../../domain/incident.js';
import { rejectProposal } from '../../incidents/reject-flow.js';
import { undoIncident } from '../../incidents/undo-flow.js';
import { parseButtonPress, type ButtonPress } from '../payloads.js';
import type { WorkTracker } from '../work-tracker.js';

type Args = SlackActionMiddlewareArgs<BlockAction> & AllMiddlewareArgs;
type Outcome = { notice: ErrorNotice } | { incident: Incident };
type Handler = (press: ButtonPress) => Promise<Outcome | undefined>;

function button(name: string, tracker: WorkTracker, handle: Handler) {
  return async ({ ack, body, respond }: Args): Promise<void> => {
    await ack();
    const parsed = parseButtonPress(body);
    if (!parsed.ok) {
      await respond({
        response_type: 'ephemeral',
        replace_original: false,
        text: `sre-bot could not use this button: ${parsed.message}`,
      });
      return;
    }
    tracker.run(name, async () => {
      const outcome = await handle(parsed.press);
      if (outcome && 'notice' in outcome) {
        const message = buildErrorNotice(outcome.notice);
        await respond({
          response_type: 'ephemeral',
          replace_original: false,
          text: message.text,
          blocks: message.blocks,
        });
      }
    });
  };
}

export function incidentButtons(deps: IncidentDeps, tracker: WorkTracker) {
  const click = (press: ButtonPress) => ({
    incidentId: press.value.incidentId,
    proposalId: press.value.proposalId,
    user: press.user,
    revision: press.revision,
  });
  return {
    approve: button('approve', tracker, async (press) => {
      const claimed = await claimApproval(deps, click(press));
      if ('notice' in claimed) return claimed;
      // The click is answered (the card already says who approved); the fix runs on.
      tracker.run('remediation', () => executeApproved(deps, claimed.incident));
      return undefined;
    }),
    reject: button('reject', tracker, (press) => rejectProposal(deps, click(press))),
    dryRun: button('dry run', tracker, (press) =>
      dryRunIncident(deps, {
        incidentId: press.value.incidentId,
        proposalId: press.value.proposalId,
        user: press.user,
      }),
    ),
    undo: button('undo', tracker, (press) =>
      undoIncident(deps, { incidentId: press.value.incidentId, user: press.user }),
    ),
  };
}
