/**
 * Fault injection: make the next N calls of a Web API method fail the way Slack fails — 429 with Retry-After,
 * a 5xx, or `{ ok: false, error }` — so tests can prove the bot retries, backs off or reports.
 */
export type FaultSpec = {
  method: string;
  /** 429: rate limited (Retry-After); 5xx: server error; 200 (default when `error` is set): `{ ok: false, error }`. */
  status?: number;
  /** Seconds, for 429 (default 1). */
  retryAfter?: number;
  /** The `error` field: `ratelimited` (default for 429), `channel_not_found`, `internal_error` (default for 5xx)… */
  error?: string;
  /** How many consecutive calls fail (default 1). */
  count?: number;
};

export type Fault = { status: number; retryAfter: number | undefined; error: string };

type Pending = { spec: FaultSpec; remaining: number };

export class FaultQueue {
  private readonly pending: Pending[] = [];

  add(spec: FaultSpec): void {
    this.pending.push({ spec, remaining: spec.count ?? 1 });
  }

  /** The fault for this call of `method`, if one is armed; consumes it. */
  take(method: string): Fault | undefined {
    const index = this.pending.findIndex((entry) => entry.spec.method === method && entry.remaining > 0);
    const entry = this.pending[index];
    if (!entry) return undefined;
    entry.remaining -= 1;
    if (entry.remaining === 0) this.pending.splice(index, 1);
    const status = entry.spec.status ?? (entry.spec.error === 'ratelimited' ? 429 : 200);
    const fallbackError = status === 429 ? 'ratelimited' : status >= 500 ? 'internal_error' : 'fatal_error';
    return {
      status,
      retryAfter: status === 429 ? (entry.spec.retryAfter ?? 1) : undefined,
      error: entry.spec.error ?? fallbackError,
    };
  }

  remaining(): FaultSpec[] {
    return this.pending.map((entry) => ({ ...entry.spec, count: entry.remaining }));
  }

  clear(): void {
    this.pending.length = 0;
  }
}
