/**
 * Validating a message's content before it is stored: Slack refuses an empty message (`no_text`) and blocks that
 * break its limits (`invalid_blocks`, with the reasons in `errors` and `response_metadata.messages`). Every
 * violation is recorded, so a test can assert "no message ever broke a limit" even when the bot swallowed errors.
 * Accepted blocks get Slack's generated block_ids.
 */
import { withBlockIds } from '../block-ids.js';
import { runCheck } from '../message-check.js';
import type { MessageContent } from '../state.js';
import type { SlackBlock } from '../types.js';
import { fail, type ApiReply, type MethodContext } from './method.js';

export type ContentInput = {
  text?: string | undefined;
  blocks?: SlackBlock[] | undefined;
  attachments?: unknown[] | undefined;
};

export type ContentCheck = { ok: true; content: MessageContent } | { ok: false; reply: ApiReply };

export function isEmpty(content: MessageContent): boolean {
  return content.text === '' && content.blocks.length === 0 && content.attachments.length === 0;
}

export function invalidBlocks(violations: string[]): ApiReply {
  return {
    ...fail('invalid_blocks', {
      errors: violations,
      response_metadata: { messages: violations.map((violation) => `[ERROR] ${violation}`) },
    }),
    violations,
  };
}

/**
 * Checks `content` (already merged with what it replaces, for updates) for `method` on `channel`. Empty and
 * over-limit messages are refused; the violations are recorded either way.
 */
export function checkContent(
  context: Pick<MethodContext, 'state' | 'checker' | 'now'>,
  method: string,
  where: { channel: string | undefined; ts: string | undefined },
  content: MessageContent,
): ContentCheck {
  if (isEmpty(content)) return { ok: false, reply: fail('no_text') };
  const violations = runCheck(context.checker, {
    text: content.text,
    blocks: content.blocks,
    ...(content.attachments.length > 0 ? { attachments: content.attachments } : {}),
  });
  if (violations.length === 0)
    return { ok: true, content: { ...content, blocks: withBlockIds(content.blocks) } };
  context.state.addViolations({
    method,
    channel: where.channel,
    ts: where.ts,
    violations,
    message: { text: content.text, blocks: content.blocks },
    at: context.now(),
  });
  return { ok: false, reply: invalidBlocks(violations) };
}

export function contentOf(input: ContentInput): MessageContent {
  return { text: input.text ?? '', blocks: input.blocks ?? [], attachments: input.attachments ?? [] };
}
