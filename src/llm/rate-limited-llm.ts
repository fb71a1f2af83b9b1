/**
 * Wraps any LlmPort with bottleneck: bounded concurrency (one incident storm must not fan out into dozens of
 * parallel calls and a 429 wall) and a small, explicit retry budget for retryable failures — 429, 5xx,
 * timeouts, network — with jittered exponential back-off that honours the server's Retry-After. When the
 * budget is spent, or the server asks for a longer wait than we are willing to give, the error surfaces and
 * the caller falls back to the rules diagnosis.
 */
import Bottleneck from 'bottleneck';
import { LlmError } from '../errors.js';
import { LlmCallError } from './llm-call-error.js';
import type { LlmPort, LlmRequest, LlmResponse } from './port.js';

export type RateLimitOptions = {
  /** Calls in flight at most (default 2). */
  maxConcurrent?: number;
  /** Minimum spacing between call starts, ms (default 0). */
  minTimeMs?: number;
  /** Retries after the first attempt (default 2: three attempts at most). */
  retries?: number;
  /** First back-off, doubled each retry (default 1000 ms). */
  baseDelayMs?: number;
  /** Longest wait before a retry; a Retry-After beyond it is not waited for (default 30 s). */
  maxDelayMs?: number;
  /** Injected for deterministic tests. */
  random?: () => number;
  /** Observability: called before each retry is scheduled. */
  onRetry?: (retry: { attempt: number; delayMs: number; error: LlmError }) => void;
};

/** The delay before retry number `retryCount + 1`, or undefined to give up. Exported for its table test. */
export function retryDelay(
  error: unknown,
  retryCount: number,
  options: Required<Pick<RateLimitOptions, 'retries' | 'baseDelayMs' | 'maxDelayMs' | 'random'>>,
): number | undefined {
  if (!(error instanceof LlmError) || !error.retryable || retryCount >= options.retries) return undefined;
  const exponential = Math.min(options.maxDelayMs, options.baseDelayMs * 2 ** retryCount);
  // Equal jitter: half fixed, half random — spreads callers apart but never retries immediately.
  const jittered = Math.round(exponential / 2 + (options.random() * exponential) / 2);
  const asked = error instanceof LlmCallError ? error.retryAfterMs : undefined;
  if (asked === undefined) return jittered;
  if (asked > options.maxDelayMs) return undefined;
  return Math.max(asked, jittered);
}

export function withRateLimit(inner: LlmPort, options: RateLimitOptions = {}): LlmPort {
  const settings = {
    retries: options.retries ?? 2,
    baseDelayMs: options.baseDelayMs ?? 1000,
    maxDelayMs: options.maxDelayMs ?? 30_000,
    random: options.random ?? Math.random,
  };
  const limiter = new Bottleneck({
    maxConcurrent: options.maxConcurrent ?? 2,
    minTime: options.minTimeMs ?? 0,
  });
  limiter.on('failed', (error: unknown, job) => {
    const delayMs = retryDelay(error, job.retryCount, settings);
    if (delayMs !== undefined && error instanceof LlmError) {
      options.onRetry?.({ attempt: job.retryCount + 1, delayMs, error });
    }
    return delayMs;
  });

  return {
    provider: inner.provider,
    model: inner.model,
    async complete(request: LlmRequest): Promise<LlmResponse> {
      let attempts = 0;
      try {
        return await limiter.schedule(() => {
          attempts += 1;
          return inner.complete(request);
        });
      } catch (error) {
        throw attempts > 1 ? withAttempts(error, attempts) : error;
      }
    },
  };
}

/** The surfaced error says how hard we tried: "… (gave up after 3 attempts)" is what the fallback shows. */
function withAttempts(error: unknown, attempts: number): unknown {
  if (!(error instanceof LlmCallError)) return error;
  return new LlmCallError(`${error.message} (gave up after ${attempts} attempts)`, {
    status: error.status,
    retryAfterMs: error.retryAfterMs,
    retryable: error.retryable,
    cause: error,
  });
}
