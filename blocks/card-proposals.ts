/**
 * The fix part of the card: the exact change of the top proposal (what Approve applies), or the instruction of a
 * manual one; then, briefly, the other options and what validation dropped from the LLM's answer.
 */
import type { KnownBlock } from '@slack/types';
import type { IncidentState } from '../src/domain/incident.js';
import type { Proposal } from '../src/domain/proposal.js';
import type { Report } from '../src/domain/report.js';
import { section } from './message.js';
import { bullets, codeBlock, escapeAndClip } from './mrkdwn.js';
import {
  changeCode,
  droppedDraftLabel,
  isExecutable,
  manualInstruction,
  riskLabel,
} from './proposal-text.js';

const OTHER_PROPOSALS_SHOWN = 3;
const DROPPED_SHOWN = 3;

/** What the fix is called on the card in each state: proposed, being applied, applied, undone … */
const FIX_TITLES: Partial<Record<IncidentState, string>> = {
  approved: 'Fix being applied',
  applying: 'Fix being applied',
  verifying: 'Applied fix',
  resolved: 'Applied fix',
  failed: 'Applied fix',
  rejected: 'Rejected fix',
  undone: 'Undone fix',
  expired: 'Proposed fix (expired)',
};

export function topProposalBlock(report: Report, state: IncidentState): KnownBlock {
  const top = report.proposals[0];
  if (!top)
    return section(
      '*No automatic fix*\nThe analyzers found no change the bot can safely make; the evidence above says what to look at.',
    );
  return isExecutable(top) ? changeBlock(top, FIX_TITLES[state] ?? 'Proposed fix') : manualBlock(top);
}

function changeBlock(proposal: Proposal, title: string): KnownBlock {
  // No italics around the rationale: `_` inside names such as REQUIRED_CONFIG would end them early.
  return section(
    [
      `*${title}*  ·  ${riskLabel(proposal.risk)}`,
      changeCode(proposal, 800),
      `Why: ${escapeAndClip(proposal.rationale, 600)}`,
    ].join('\n'),
  );
}

function manualBlock(proposal: Proposal): KnownBlock {
  const manual = manualInstruction(proposal);
  const instruction = manual?.instruction ?? proposal.summary ?? proposal.rationale;
  const lines = [
    '*Manual action needed* — the bot never runs this; a person has to.',
    escapeAndClip(instruction, 1200),
  ];
  if (manual && manual.commands.length > 0) lines.push(codeBlock(manual.commands, 1500));
  return section(lines.join('\n'));
}

/** Other proposals and dropped LLM proposals with their reasons, or nothing when there are none. */
export function alternativesBlocks(report: Report): KnownBlock[] {
  const parts: string[] = [];
  const others = report.proposals.slice(1);
  if (others.length > 0) {
    const shown = others
      .slice(0, OTHER_PROPOSALS_SHOWN)
      .map((proposal) => `${changeCode(proposal, 300)}  ·  ${riskLabel(proposal.risk)}`);
    parts.push(`*Other options* (the buttons apply only the fix above)\n${withMore(shown, others.length)}`);
  }
  const dropped = report.rejected.filter((rejected) => rejected.source === 'llm');
  if (dropped.length > 0) {
    const shown = dropped
      .slice(0, DROPPED_SHOWN)
      .map((rejected) => `${droppedDraftLabel(rejected.draft)}: ${escapeAndClip(rejected.reason, 200)}`);
    parts.push(`*LLM proposals dropped by validation*\n${withMore(shown, dropped.length)}`);
  }
  return parts.length > 0 ? [section(parts.join('\n'))] : [];
}

function withMore(shown: readonly string[], total: number): string {
  const more = total - shown.length;
  return bullets(more > 0 ? [...shown, `${more} more in the thread`] : shown);
}
