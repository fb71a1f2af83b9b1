/**
 * All findings with their full evidence, posted in the thread when the card showed only the top lines
 * (`cardOmitsEvidence`). Also lists every proposal validation dropped and the analyzers that failed, so the
 * thread holds the whole Report in readable form.
 */
import type { KnownBlock } from '@slack/types';
import type { Finding } from '../src/domain/finding.js';
import type { Report } from '../src/domain/report.js';
import { section, type SlackMessage } from './message.js';
import { bullets, codeBlock, escapeAndClip, escapeMrkdwn } from './mrkdwn.js';
import { splitIntoMessages } from './paginate.js';
import { droppedDraftLabel } from './proposal-text.js';

/** Evidence characters per finding: one section, so one finding never spans two messages. */
const FINDING_EVIDENCE_CHARACTERS = 2400;

export function buildEvidenceThread(report: Report): SlackMessage[] {
  const count = report.findings.length;
  const blocks: KnownBlock[] = [
    section(
      `🧾 *Evidence* for ${escapeMrkdwn(report.target ? `${report.namespace}/${report.target}` : report.namespace)}: ${count} finding${count === 1 ? '' : 's'}, most specific first`,
    ),
    ...[...report.findings].sort(bySpecificity).map((finding) => findingBlock(finding)),
    ...droppedBlocks(report),
  ];
  return splitIntoMessages(blocks, {
    fallback: (index, total) =>
      `Evidence: ${count} findings${total > 1 ? ` (part ${index + 1} of ${total})` : ''}`,
    overflowNote: (omitted) =>
      `✂️ ${omitted} more entries not shown here. The whole Report: \`sre-bot diagnose ${escapeMrkdwn(report.namespace)}${report.target ? `/${escapeMrkdwn(report.target)}` : ''} --json\``,
  });
}

function bySpecificity(left: Finding, right: Finding): number {
  return right.specificity - left.specificity;
}

function findingBlock(finding: Finding): KnownBlock {
  const title = `*${escapeAndClip(finding.reason, 100)}*  ·  ${escapeAndClip(`${finding.object.kind}/${finding.object.name}`, 200)}  ·  _${escapeAndClip(finding.analyzer, 60)}_  ·  ${Math.round(finding.confidence * 100)}%`;
  const text = escapeAndClip(finding.message, 400);
  const evidence =
    finding.evidence.length > 0 ? `\n${codeBlock(finding.evidence, FINDING_EVIDENCE_CHARACTERS)}` : '';
  return section(`${title}\n${text}${evidence}`);
}

function droppedBlocks(report: Report): KnownBlock[] {
  const blocks: KnownBlock[] = [];
  if (report.rejected.length > 0) {
    const lines = report.rejected
      .slice(0, 20)
      .map(
        (rejected) =>
          `${droppedDraftLabel(rejected.draft)} (${rejected.source}): ${escapeAndClip(rejected.reason, 300)}`,
      );
    blocks.push(section(`*Proposals dropped by validation*\n${bullets(lines)}`));
  }
  if (report.analyzerErrors.length > 0) {
    const lines = report.analyzerErrors
      .slice(0, 20)
      .map((error) => `${escapeMrkdwn(error.analyzer)}: ${escapeAndClip(error.error, 300)}`);
    blocks.push(section(`*Analyzers that failed* (the others still ran)\n${bullets(lines)}`));
  }
  return blocks;
}
