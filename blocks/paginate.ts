/**
 * Long thread content (diffs, evidence) split over several messages. Each message stays within the 50-block
 * limit and a size budget far below the point where Slack answers `msg_blocks_too_long` (reported near 13k
 * characters of blocks, bolt-js#2509), and the number of messages is capped so a huge report cannot flood a
 * thread: what is left out is counted in the last message.
 */
import type { KnownBlock } from '@slack/types';
import { context, message, type SlackMessage } from './message.js';

export const THREAD_MESSAGE_BUDGET = { blocks: 40, characters: 9000, messages: 8 } as const;

type Budget = { blocks: number; characters: number; messages: number };

export type SplitOptions = {
  /** Fallback text of part `index` (0-based) of `total`. */
  fallback: (index: number, total: number) => string;
  /** What to tell the reader about blocks left out because of the message cap (count given). */
  overflowNote: (omittedBlocks: number) => string;
  budget?: Budget;
};

export function splitIntoMessages(blocks: readonly KnownBlock[], options: SplitOptions): SlackMessage[] {
  const budget = options.budget ?? THREAD_MESSAGE_BUDGET;
  const pages = paginate(blocks, budget);
  const kept = pages.slice(0, budget.messages);
  const omitted = pages.slice(budget.messages).reduce((total, page) => total + page.length, 0);
  return kept.map((page, index) => {
    const extra: KnownBlock[] = [];
    if (kept.length > 1) extra.push(context([`part ${index + 1} of ${kept.length}`]));
    if (omitted > 0 && index === kept.length - 1) extra.push(context([options.overflowNote(omitted)]));
    return message(options.fallback(index, kept.length), [...page, ...extra]);
  });
}

/** Greedy packing; two blocks of room are kept for the part and overflow notes. */
export function paginate(blocks: readonly KnownBlock[], budget: Budget): KnownBlock[][] {
  const pages: KnownBlock[][] = [];
  let page: KnownBlock[] = [];
  let size = 0;
  for (const block of blocks) {
    const blockSize = JSON.stringify(block).length;
    const full = page.length + 1 > budget.blocks - 2 || size + blockSize > budget.characters;
    if (full && page.length > 0) {
      pages.push(page);
      page = [];
      size = 0;
    }
    page.push(block);
    size += blockSize;
  }
  if (page.length > 0) pages.push(page);
  return pages;
}
