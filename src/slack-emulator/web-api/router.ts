/**
 * `POST /api/<method>`: method lookup, bot-token auth, armed faults, the handler, and one call-log entry for
 * every request — including refused ones, since "the bot called X and was told no" is what tests assert on.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { BodyError, parseBody, readRawBody } from '../http/body.js';
import { sendJson } from '../http/reply.js';
import type { FaultQueue } from '../faults.js';
import { fail, type ApiReply, type MethodContext } from './method.js';
import { METHODS } from './methods.js';

export type ApiRouterContext = MethodContext & { botToken: string; faults: FaultQueue };

function bearerToken(request: IncomingMessage): string | undefined {
  const header = request.headers.authorization;
  const match = header === undefined ? null : /^Bearer\s+(\S+)$/i.exec(header);
  return match?.[1];
}

function withoutToken(args: Record<string, unknown>): Record<string, unknown> {
  const { token: _token, ...rest } = args;
  return rest;
}

function faultReply(fault: { status: number; retryAfter: number | undefined; error: string }): ApiReply {
  return {
    status: fault.status,
    headers: fault.retryAfter !== undefined ? { 'Retry-After': String(fault.retryAfter) } : {},
    body: { ok: false, error: fault.error },
    violations: [],
  };
}

/** Everything after the body is read runs synchronously, so the call is logged in the same tick as its effect. */
function decide(
  request: IncomingMessage,
  raw: Record<string, unknown>,
  method: string,
  context: ApiRouterContext,
): { args: Record<string, unknown>; reply: ApiReply } {
  const handler = METHODS.get(method);
  if (!handler) return { args: withoutToken(raw), reply: fail('unknown_method') };
  // Slack takes the token from the Authorization header or, for form posts, a `token` field.
  const token = bearerToken(request) ?? (typeof raw['token'] === 'string' ? raw['token'] : undefined);
  if (token === undefined || token === '') return { args: withoutToken(raw), reply: fail('not_authed') };
  if (token !== context.botToken) return { args: withoutToken(raw), reply: fail('invalid_auth') };
  const fault = context.faults.take(method);
  if (fault) return { args: withoutToken(raw), reply: faultReply(fault) };
  return handler(withoutToken(raw), context);
}

async function readArgs(
  request: IncomingMessage,
  query: URLSearchParams,
): Promise<Record<string, unknown> | BodyError> {
  try {
    // Slack also takes arguments in the query string (GET, or alongside a body); the body wins on conflicts.
    return {
      ...Object.fromEntries(query),
      ...parseBody(await readRawBody(request), request.headers['content-type']),
    };
  } catch (error) {
    if (error instanceof BodyError) return error;
    throw error;
  }
}

export async function handleApiRequest(
  request: IncomingMessage,
  response: ServerResponse,
  method: string,
  context: ApiRouterContext,
  query: URLSearchParams,
): Promise<void> {
  const raw = await readArgs(request, query);
  // A waitFor woken by the handler's state change resumes only after this synchronous block: it sees the log.
  const { args, reply } =
    raw instanceof BodyError ? { args: {}, reply: fail(raw.message) } : decide(request, raw, method, context);
  context.state.logCall({
    method,
    args,
    status: reply.status,
    ok: reply.body.ok,
    error: reply.body.error,
    response: reply.body,
    at: context.now(),
    violations: reply.violations,
  });
  if (reply.status >= 500) {
    // Slack's 5xx pages are not JSON; the WebClient only needs the status to throw WebAPIHTTPError and retry.
    response.writeHead(reply.status, { 'Content-Type': 'text/plain', ...reply.headers });
    response.end(`${reply.status} ${reply.body.error ?? 'error'}`);
    return;
  }
  sendJson(response, reply.status, reply.body, reply.headers);
}
