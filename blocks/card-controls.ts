/**
 * The bottom of the card: the Approve / Reject / Dry run buttons while a decision is pending, otherwise a status
 * line naming who acted, and Undo while an applied change can still be undone. Replacing the buttons with the
 * status line is what stops later viewers from clicking (Slack has no disabled button; see D7.4).
 */
import type { Button, KnownBlock } from '@slack/types';
import type { Incident } from '../src/domain/incident.js';
import type { Proposal } from '../src/domain/proposal.js';
import { encodeButtonValue } from './button-value.js';
import { ACTION_IDS, BUTTON_LABELS, blockId } from './ids.js';
import { LIMITS, actions, context, plainText, section } from './message.js';
import { mention } from './mrkdwn.js';
import { describeProposal, isExecutable } from './proposal-text.js';
import { statusLine } from './card-status.js';

export type ControlOptions = {
  revision: number;
  undoAvailable: boolean;
  approvers: readonly string[] | undefined;
};

export function controlBlocks(incident: Incident, options: ControlOptions): KnownBlock[] {
  const top = incident.report?.proposals[0];
  if (incident.state === 'proposed' && incident.report?.diagnosis.hasIssue) {
    if (incident.sameAs) return [context([sameAsLine(incident, incident.sameAs)])];
    if (top && isExecutable(top)) return decisionBlocks(incident.id, top, options);
    return [context([manualFooter(incident)])];
  }
  const blocks: KnownBlock[] = [];
  const status = statusLine(incident);
  if (status) blocks.push(section(status, blockId('incident-status', options.revision)));
  const applied = incident.applied;
  const undoable = incident.state === 'resolved' || incident.state === 'failed';
  if (applied?.undoId && options.undoAvailable && undoable)
    blocks.push(actions(blockId('change-actions', options.revision), [undoButton(incident.id, applied)]));
  return blocks;
}

/**
 * A manual proposal has no button (SPEC §4: never executed), so the card says how the incident ends once a person
 * has acted: asking again re-diagnoses this same incident, which resolves when the problem is gone.
 */
function manualFooter(incident: Incident): string {
  const subject = incident.target ? `${incident.namespace}/${incident.target}` : incident.namespace;
  return `📝 No button here: this needs a person to act (see above). Once done, \`/sre diagnose ${subject}\` checks again and closes this incident if the problem is gone.`;
}

function sameAsLine(incident: Incident, otherId: string): string {
  const workload = incident.report?.proposals[0]?.target.name;
  const where = workload ? `\`${incident.namespace}/${workload}\`` : 'this workload';
  return `🔗 ${where} already has its open incident (${otherId}) with the same fix: approve or reject it there.`;
}

function decisionBlocks(incidentId: string, proposal: Proposal, options: ControlOptions): KnownBlock[] {
  const value = encodeButtonValue({ incidentId, proposalId: proposal.id });
  const blocks: KnownBlock[] = [
    actions(blockId('proposal-actions', options.revision), [
      approveButton(proposal, value),
      { ...button('reject', value), style: 'danger' },
      button('dryRun', value),
    ]),
  ];
  if (options.approvers) blocks.push(context([approversLine(options.approvers)]));
  return blocks;
}

function approveButton(proposal: Proposal, value: string): Button {
  return {
    ...button('approve', value),
    style: 'primary',
    confirm: {
      title: plainText('Apply this fix?', LIMITS.confirmTitle),
      text: plainText(
        `${describeProposal(proposal)}\n\nRisk: ${proposal.risk}. The bot re-reads the target first and refuses if it changed since the diagnosis.`,
        LIMITS.confirmText,
      ),
      confirm: plainText('Apply', LIMITS.confirmButton),
      deny: plainText('Cancel', LIMITS.confirmButton),
      ...(proposal.risk === 'high' ? { style: 'danger' as const } : {}),
    },
  };
}

function undoButton(incidentId: string, applied: NonNullable<Incident['applied']>): Button {
  return {
    ...button('undo', encodeButtonValue({ incidentId, proposalId: applied.proposal.id })),
    confirm: {
      title: plainText('Undo this change?', LIMITS.confirmTitle),
      text: plainText(`Restore what this change replaced: ${applied.change}`, LIMITS.confirmText),
      confirm: plainText('Undo', LIMITS.confirmButton),
      deny: plainText('Cancel', LIMITS.confirmButton),
      style: 'danger',
    },
  };
}

function button(name: keyof typeof ACTION_IDS, value: string): Button {
  return {
    type: 'button',
    action_id: ACTION_IDS[name],
    text: plainText(BUTTON_LABELS[name], LIMITS.buttonText),
    value,
  };
}

function approversLine(approvers: readonly string[]): string {
  if (approvers.length === 0)
    return '⚠️ No approvers configured: every approval is refused until `SRE_APPROVERS` lists user (U…) or user-group (S…) IDs.';
  const shown = approvers.slice(0, 8).map((id) => mention(id));
  const more = approvers.length > shown.length ? ` and ${approvers.length - shown.length} more` : '';
  return `Approvers: ${shown.join(', ')}${more}`;
}
