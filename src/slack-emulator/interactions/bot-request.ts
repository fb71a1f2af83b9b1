/**
 * One signed POST to the bot's `/slack/events`, the way Slack makes it: exact form content type, signature over
 * the exact bytes sent, and Slack's patience (3 s) — a slower ack counts as a timeout, as it does for users.
 */
import { SLACK_FORM_CONTENT_TYPE, signedHeaders, unixSeconds } from '../signing.js';

export type BotReply = {
  /** HTTP status; 0 when the bot could not be reached or did not answer in time. */
  status: number;
  body: string;
  /** The body parsed as JSON when it is JSON (e.g. a slash command ack with text). */
  json: unknown;
  ackMs: number;
  timedOut: boolean;
  /** Why status is 0. */
  error: string | undefined;
};

export type BotRequest = {
  url: string;
  body: string;
  signingSecret: string;
  /** Unix seconds to sign with (default: now); a value 6 minutes old makes Bolt answer 401. */
  timestamp?: number | undefined;
  /** false: send no signature headers at all. */
  sign?: boolean | undefined;
  /** Send this signature instead of the correct one. */
  signature?: string | undefined;
  contentType?: string | undefined;
  timeoutMs: number;
  now: () => number;
};

function parseJson(text: string): unknown {
  const trimmed = text.trim();
  if (!trimmed.startsWith('{') && !trimmed.startsWith('[')) return undefined;
  try {
    return JSON.parse(trimmed) as unknown;
  } catch {
    return undefined;
  }
}

export function botRequestHeaders(request: Omit<BotRequest, 'url' | 'timeoutMs'>): Record<string, string> {
  const contentType = request.contentType ?? SLACK_FORM_CONTENT_TYPE;
  const timestamp = request.timestamp ?? unixSeconds(request.now());
  const headers: Record<string, string> =
    request.sign === false
      ? { 'Content-Type': contentType }
      : signedHeaders(request.signingSecret, request.body, timestamp, contentType);
  if (request.signature !== undefined) headers['X-Slack-Signature'] = request.signature;
  return { ...headers, 'User-Agent': 'Slackbot 1.0 (+https://api.slack.com/robots)' };
}

export async function postToBot(request: BotRequest): Promise<BotReply> {
  const started = performance.now();
  try {
    const response = await fetch(request.url, {
      method: 'POST',
      headers: botRequestHeaders(request),
      body: request.body,
      redirect: 'manual',
      signal: AbortSignal.timeout(request.timeoutMs),
    });
    const body = await response.text();
    const ackMs = Math.round(performance.now() - started);
    return { status: response.status, body, json: parseJson(body), ackMs, timedOut: false, error: undefined };
  } catch (error) {
    const ackMs = Math.round(performance.now() - started);
    const timedOut = error instanceof DOMException && error.name === 'TimeoutError';
    const message =
      error instanceof Error
        ? error.cause instanceof Error
          ? error.cause.message
          : error.message
        : String(error);
    return {
      status: 0,
      body: '',
      json: undefined,
      ackMs,
      timedOut,
      error: timedOut ? 'operation_timeout' : message,
    };
  }
}
