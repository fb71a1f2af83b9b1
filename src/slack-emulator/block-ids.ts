/**
 * Slack gives every stored block a `block_id`, generating one when the sender left it out, and block_actions
 * payloads name the block by it. Doing the same keeps click payloads and `body.message.blocks` as Slack sends
 * them. Generated ids derive from the block's content and position, so they are stable for identical content
 * and change when the block changes, as Slack recommends for updated messages.
 */
import { createHash } from 'node:crypto';
import type { SlackBlock } from './types.js';

export function withBlockIds(blocks: readonly SlackBlock[]): SlackBlock[] {
  return blocks.map((block, index) => {
    if (typeof block.block_id === 'string' && block.block_id !== '') return block;
    const digest = createHash('sha1')
      .update(`${index}:${JSON.stringify(block)}`)
      .digest('base64url');
    return { ...block, block_id: digest.slice(0, 5) };
  });
}
