/**
 * Slack request signing (reference §A7): `v0=` + HMAC-SHA256(secret, `v0:<timestamp>:<raw body>`), sent with
 * `X-Slack-Request-Timestamp`. Exposed on its own so tests can sign arbitrary bodies with a chosen timestamp —
 * a stale one, or none at all — and watch the bot refuse them.
 */
import { createHmac } from 'node:crypto';

/** Interactivity and slash commands are forms; Bolt compares this header exactly (no `; charset=`). */
export const SLACK_FORM_CONTENT_TYPE = 'application/x-www-form-urlencoded';

export function slackSignature(signingSecret: string, timestamp: number, rawBody: string): string {
  return `v0=${createHmac('sha256', signingSecret).update(`v0:${timestamp}:${rawBody}`).digest('hex')}`;
}

export function unixSeconds(ms: number): number {
  return Math.floor(ms / 1000);
}

export function signedHeaders(
  signingSecret: string,
  rawBody: string,
  timestamp: number,
  contentType: string = SLACK_FORM_CONTENT_TYPE,
): Record<string, string> {
  return {
    'Content-Type': contentType,
    'X-Slack-Request-Timestamp': String(timestamp),
    'X-Slack-Signature': slackSignature(signingSecret, timestamp, rawBody),
  };
}
