/**
 * What a Web API method handler is: zod-parsed arguments in, a Slack-shaped reply out. Argument errors map to
 * the error codes Slack uses for them, so a bot sending a malformed `blocks` string sees what Slack would say.
 */
import type { z } from 'zod';
import type { MessageChecker } from '../message-check.js';
import type { RateTracker } from '../rate.js';
import type { EmulatorState } from '../state.js';
import type { Workspace } from '../workspace.js';

export type ApiBody = { ok: boolean; error?: string; [key: string]: unknown };

export type ApiReply = {
  status: number;
  headers: Record<string, string>;
  body: ApiBody;
  /** Slack-limit violations found in the message this call carried, for the call log. */
  violations: string[];
};

export type MethodContext = {
  state: EmulatorState;
  workspace: Workspace;
  rate: RateTracker;
  checker: MessageChecker | undefined;
  nextTs: () => string;
  now: () => number;
  /** The emulator's base URL (permalinks point at its console). */
  baseUrl: string;
};

export type MethodOutcome = { args: Record<string, unknown>; reply: ApiReply };

export type MethodHandler = (raw: Record<string, unknown>, context: MethodContext) => MethodOutcome;

export function ok(fields: Record<string, unknown> = {}): ApiReply {
  return { status: 200, headers: {}, body: { ok: true, ...fields }, violations: [] };
}

/** Slack answers most failures with HTTP 200 and `ok: false`; the WebClient turns that into a platform error. */
export function fail(error: string, fields: Record<string, unknown> = {}): ApiReply {
  return { status: 200, headers: {}, body: { ok: false, error, ...fields }, violations: [] };
}

const FIELD_ERRORS: Record<string, string> = {
  blocks: 'invalid_blocks_format',
  attachments: 'invalid_attachments',
  metadata: 'invalid_metadata_format',
};

function argumentError(error: z.ZodError): ApiReply {
  const first = error.issues[0];
  const field = typeof first?.path[0] === 'string' ? first.path[0] : '';
  const code = FIELD_ERRORS[field] ?? 'invalid_arguments';
  const messages = error.issues.map(
    (issue) => `[ERROR] ${issue.message} [json-pointer:/${issue.path.join('/')}]`,
  );
  return fail(code, { response_metadata: { messages } });
}

export function defineMethod<Schema extends z.ZodType<Record<string, unknown>>>(
  schema: Schema,
  handle: (args: z.infer<Schema>, context: MethodContext) => ApiReply,
): MethodHandler {
  return (raw, context) => {
    const parsed = schema.safeParse(raw);
    if (!parsed.success) return { args: raw, reply: argumentError(parsed.error) };
    return { args: parsed.data, reply: handle(parsed.data, context) };
  };
}
