/**
 * Failures of one LLM call, mapped from either SDK to one shape, so that the rate limiter decides on
 * `retryable` and `retryAfterMs` and never on an SDK's class names or message text.
 */
import { LlmError } from '../errors.js';

export type LlmCallErrorDetails = {
  /** HTTP status when the server answered. */
  status?: number | undefined;
  /** What the server asked us to wait (Retry-After / retry-after-ms), when it said. */
  retryAfterMs?: number | undefined;
  retryable: boolean;
  cause?: unknown;
};

export class LlmCallError extends LlmError {
  readonly status: number | undefined;
  readonly retryAfterMs: number | undefined;

  constructor(message: string, details: LlmCallErrorDetails) {
    super('llm_unavailable', message, { cause: details.cause, retryable: details.retryable });
    this.status = details.status;
    this.retryAfterMs = details.retryAfterMs;
  }
}

/** 408 (request timeout), 409 (OpenAI: lock timeout), 429 and 5xx are worth another try; other 4xx are not. */
export function isRetryableStatus(status: number): boolean {
  return status === 408 || status === 409 || status === 429 || status >= 500;
}

/** `retry-after-ms` (OpenAI) or `Retry-After` as seconds or an HTTP date; undefined when absent or garbled. */
export function retryAfterMs(
  headers: { get(name: string): string | null } | undefined,
  now = Date.now(),
): number | undefined {
  if (!headers) return undefined;
  const milliseconds = Number(headers.get('retry-after-ms') ?? NaN);
  if (Number.isFinite(milliseconds) && milliseconds >= 0) return milliseconds;
  const value = headers.get('retry-after');
  if (value === null || value.trim() === '') return undefined;
  const seconds = Number(value);
  if (Number.isFinite(seconds) && seconds >= 0) return seconds * 1000;
  const date = Date.parse(value);
  return Number.isNaN(date) ? undefined : Math.max(0, date - now);
}
