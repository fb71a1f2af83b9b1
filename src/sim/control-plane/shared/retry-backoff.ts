/**
 * Per-object retry back-off after a failed write, like client-go's workqueue rate limiter (5 ms doubling to
 * 1000 s). Without it a controller whose pod creation is refused by quota would retry — and record a
 * FailedCreate event — in every reconcile round, and the control plane would never settle.
 *
 * A failure is remembered with a fingerprint of what the controller saw; when the fingerprint changes (the
 * object or its pods changed, which would re-queue the real controller at once) the object is retried at once.
 */
const INITIAL_DELAY_MS = 5;
const MAX_DELAY_MS = 1000 * 1000;

type Failure = { failures: number; retryAt: number; fingerprint: string };

export class RetryBackoff {
  readonly #failures = new Map<string, Failure>();

  /**
   * True when the object may be worked on now: no recorded failure, the delay expired, or it changed since
   * (`fingerprint` is only computed when there is a failure on record).
   */
  mayAttempt(key: string, fingerprint: () => string, now: number): boolean {
    const failure = this.#failures.get(key);
    return !failure || failure.retryAt <= now || failure.fingerprint !== fingerprint();
  }

  recordFailure(key: string, fingerprint: string, now: number): void {
    const failures = (this.#failures.get(key)?.failures ?? 0) + 1;
    const delay = Math.min(INITIAL_DELAY_MS * 2 ** (failures - 1), MAX_DELAY_MS);
    this.#failures.set(key, { failures, retryAt: now + delay, fingerprint });
  }

  recordSuccess(key: string): void {
    this.#failures.delete(key);
  }

  /** Forgets objects that no longer exist. */
  retain(liveKeys: ReadonlySet<string>): void {
    for (const key of this.#failures.keys()) if (!liveKeys.has(key)) this.#failures.delete(key);
  }

  /** The earliest pending retry after `now`. */
  nextRetry(now: number): number | undefined {
    let earliest: number | undefined;
    for (const { retryAt } of this.#failures.values()) {
      if (retryAt > now && (earliest === undefined || retryAt < earliest)) earliest = retryAt;
    }
    return earliest;
  }
}
