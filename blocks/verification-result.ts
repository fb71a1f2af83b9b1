/**
 * The verification result, posted in the thread (broadcast to the channel by the Slack layer, D7.1): healthy or
 * not, why, how long it took, what the new pods say, and how to put the change back.
 */
import type { KnownBlock } from '@slack/types';
import type { AppliedChange, Verification } from '../src/domain/incident.js';
import { context, message, section, type SlackMessage } from './message.js';
import { codeBlock, escapeAndClip, inlineCode } from './mrkdwn.js';
import { formatDuration } from './time.js';

export type VerificationResultInput = {
  verification: Verification;
  /** The change that was verified. */
  applied: AppliedChange;
  /** Whether the undo record still exists (the Undo button on the incident message works). */
  undoAvailable: boolean;
};

const EVIDENCE_LINES = 15;

export function buildVerificationResult(input: VerificationResultInput): SlackMessage {
  const { verification, applied } = input;
  const took = formatDuration(verification.seconds);
  const verdict = verification.healthy
    ? `✅ *Verified healthy* in ${took}`
    : `❌ *Verification failed* after ${took}`;
  const blocks: KnownBlock[] = [section(`${verdict}\n${escapeAndClip(verification.reason, 1500)}`)];
  if (verification.evidence.length > 0) {
    const shown = verification.evidence.slice(0, EVIDENCE_LINES);
    const more = verification.evidence.length - shown.length;
    const lines = more > 0 ? [...shown, `… ${more} more lines`] : shown;
    blocks.push(section(`*What the new pods show*\n${codeBlock(lines, 2500)}`));
  }
  blocks.push(context([undoHint(input)]));
  const outcome = verification.healthy
    ? `✅ Fix verified healthy in ${took}`
    : `❌ Fix verification failed after ${took}`;
  return message(`${outcome}: ${escapeAndClip(applied.change, 200)}`, blocks);
}

function undoHint({ applied, undoAvailable, verification }: VerificationResultInput): string {
  if (applied.proposal.action === 'delete_pod')
    return 'A deleted pod cannot be put back; its ReplicaSet already replaced it.';
  const { namespace, name } = applied.proposal.target;
  const rollback = applied.revisionBefore
    ? ` By hand: ${inlineCode(`kubectl -n ${namespace} rollout undo deployment/${name} --to-revision=${applied.revisionBefore}`)}`
    : '';
  const lead = verification.healthy ? 'To revert' : 'The change is still applied. To revert it';
  if (undoAvailable && applied.undoId)
    return `↩️ ${lead}, press *Undo* on the incident message: it restores exactly what this change replaced.${rollback}`;
  return `↩️ ${lead}: no undo record is kept for this change.${rollback || ' Revert it by hand.'}`;
}
