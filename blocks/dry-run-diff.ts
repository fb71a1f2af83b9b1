/**
 * The result of Dry run, posted in the incident's thread: the API server's own dry-run diff (live object vs.
 * what it would store), in code blocks split over as many sections and messages as its length needs.
 */
import type { KnownBlock } from '@slack/types';
import type { Proposal } from '../src/domain/proposal.js';
import { LIMITS, context, header, message, section, type SlackMessage } from './message.js';
import { clipRaw, codeBlock, escapeAndClip, escapeMrkdwn, mention } from './mrkdwn.js';
import { splitIntoMessages } from './paginate.js';
import { changeCode, describeProposal, riskLabel } from './proposal-text.js';

export type DryRunDiffInput = {
  proposal: Proposal;
  /** Unified diff from `dryRunPlan` (src/remediate/dry-run.ts). */
  diff: string;
  /** False when the server accepted the change but it alters nothing. */
  changes: boolean;
  /** Who pressed Dry run. */
  requestedBy?: string;
};

/** Characters of diff per section: 3,000 minus the fences, the escaping slack and the cut note. */
const CHUNK_CHARACTERS = 2600;
/** A single diff line longer than this is clipped (minified JSON in an annotation …). */
const LINE_MAX = 500;

export function buildDryRunDiff(input: DryRunDiffInput): SlackMessage[] {
  const { proposal } = input;
  const description = describeProposal(proposal);
  const requester = input.requestedBy ? `  ·  requested by ${mention(input.requestedBy)}` : '';
  const title = `🧪 Dry run: ${description}`;
  // The header holds 150 characters; a longer change is repeated in full below it.
  const fullChange = title.length > LIMITS.headerText ? `${changeCode(proposal, 800)}\n` : '';
  const head: KnownBlock[] = [
    header(title),
    section(
      `${fullChange}${riskLabel(proposal.risk)}${requester}\nThe API server accepted it with \`dryRun=All\`; nothing was changed.`,
    ),
  ];
  const fallbackChange = escapeAndClip(description, 200);
  if (!input.changes)
    return [
      message(`Dry run of ${fallbackChange}: no difference`, [
        ...head,
        context(['The change would alter nothing on the live object.']),
      ]),
    ];
  const body = chunkLines(input.diff.split('\n')).map((lines) => section(codeBlock(lines, 3000)));
  const { namespace, name } = proposal.target;
  return splitIntoMessages([...head, ...body], {
    fallback: (index, total) =>
      `Dry run of ${fallbackChange}${total > 1 ? ` (part ${index + 1} of ${total})` : ''}`,
    overflowNote: (omitted) =>
      `✂️ ${omitted} more diff sections not shown: the diff is too long for a thread. Run \`sre-bot fix ${escapeMrkdwn(`${namespace}/${name}`)} --dry-run\` for all of it.`,
  });
}

/** Whole lines per chunk, measured after escaping (`<` becomes four characters). */
function chunkLines(lines: readonly string[]): string[][] {
  const chunks: string[][] = [];
  let chunk: string[] = [];
  let size = 0;
  for (const raw of lines) {
    const line =
      raw.length > LINE_MAX ? `${clipRaw(raw, LINE_MAX)} [${raw.length - LINE_MAX} characters cut]` : raw;
    const width = escapeMrkdwn(line).length + 1;
    if (size + width > CHUNK_CHARACTERS && chunk.length > 0) {
      chunks.push(chunk);
      chunk = [];
      size = 0;
    }
    chunk.push(line);
    size += width;
  }
  if (chunk.length > 0) chunks.push(chunk);
  return chunks;
}
