/** `POST /commands/…` and `/actions/…`: a bot's respond() calls, with Slack's 5-uses-in-30-minutes budget. */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { BodyError, parseBody, readRawBody } from '../http/body.js';
import { sendJson } from '../http/reply.js';
import type { ApiReply, MethodContext } from '../web-api/method.js';
import { applyResponse, responseBody } from './respond.js';
import { RESPONSE_URL_MAX_USES, RESPONSE_URL_TTL_MS, type ResponseTarget } from './response-urls.js';

function refused(status: number, error: string): ApiReply {
  return { status, headers: {}, body: { ok: false, error }, violations: [] };
}

function decide(
  raw: Record<string, unknown>,
  target: ResponseTarget,
  context: MethodContext,
): { args: Record<string, unknown>; reply: ApiReply } {
  if (context.now() - target.createdAt > RESPONSE_URL_TTL_MS)
    return { args: raw, reply: refused(404, 'expired_url') };
  if (target.uses >= RESPONSE_URL_MAX_USES) return { args: raw, reply: refused(404, 'used_url') };
  const parsed = responseBody.safeParse(raw);
  if (!parsed.success) return { args: raw, reply: refused(400, 'invalid_payload') };
  target.uses += 1;
  return { args: parsed.data, reply: applyResponse(context, target, parsed.data, 'response_url') };
}

export async function handleResponseUrl(
  request: IncomingMessage,
  response: ServerResponse,
  target: ResponseTarget,
  context: MethodContext,
): Promise<void> {
  let raw: Record<string, unknown> | BodyError;
  try {
    raw = parseBody(await readRawBody(request), request.headers['content-type']);
  } catch (error) {
    if (!(error instanceof BodyError)) throw error;
    raw = error;
  }
  // Synchronous from here: the effect and its log entry land in the same tick (see web-api/router.ts).
  const { args, reply } =
    raw instanceof BodyError ? { args: {}, reply: refused(400, raw.message) } : decide(raw, target, context);
  context.state.logCall({
    method: 'response_url',
    args: { ...args, response_url_kind: target.kind, channel: target.channel, user: target.user },
    status: reply.status,
    ok: reply.body.ok,
    error: reply.body.error,
    response: reply.body,
    at: context.now(),
    violations: reply.violations,
  });
  sendJson(response, reply.status, reply.body);
}
