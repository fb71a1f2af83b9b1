/**
 * client-go's `flowcontrol.Backoff` as the kubelet uses it (no jitter): the container restart back-off and the
 * image pull back-off both start at 10 s, double per failure and stop at 5 min. An entry that has not been
 * updated for longer than twice the maximum (10 min) counts as expired, so a container that ran stably for
 * 10 minutes starts again from 10 s.
 */
export const BACKOFF_INITIAL_MS = 10_000;
export const BACKOFF_MAX_MS = 300_000;

type Entry = { backoffMs: number; lastUpdate: number };

export class BackOff {
  readonly #entries = new Map<string, Entry>();

  constructor(
    private readonly initialMs = BACKOFF_INITIAL_MS,
    private readonly maxMs = BACKOFF_MAX_MS,
  ) {}

  #expired(eventTime: number, entry: Entry): boolean {
    return eventTime - entry.lastUpdate > this.maxMs * 2;
  }

  /** The current delay of `key` (what the CrashLoopBackOff message shows). */
  get(key: string): number {
    return this.#entries.get(key)?.backoffMs ?? 0;
  }

  /** True while `now` is within the delay counted from `eventTime` (a container's finishedAt). */
  isInBackOffSince(key: string, eventTime: number, now: number): boolean {
    const entry = this.#entries.get(key);
    if (!entry || this.#expired(eventTime, entry)) return false;
    return now - eventTime < entry.backoffMs;
  }

  /** True while `now` is within the delay counted from the last failure (image pulls). */
  isInBackOffSinceUpdate(key: string, now: number): boolean {
    const entry = this.#entries.get(key);
    if (!entry || this.#expired(now, entry)) return false;
    return now - entry.lastUpdate < entry.backoffMs;
  }

  /** When the delay counted from the last failure ends. */
  backOffEndSinceUpdate(key: string): number | undefined {
    const entry = this.#entries.get(key);
    return entry ? entry.lastUpdate + entry.backoffMs : undefined;
  }

  /** Records a failure: a fresh (or expired) entry starts at the initial delay, otherwise the delay doubles. */
  next(key: string, eventTime: number, now: number): void {
    const entry = this.#entries.get(key);
    const backoffMs =
      !entry || this.#expired(eventTime, entry) ? this.initialMs : Math.min(entry.backoffMs * 2, this.maxMs);
    this.#entries.set(key, { backoffMs, lastUpdate: now });
  }
}
