/**
 * When to try an unschedulable pod again, as kube-scheduler's queue does: a failed pod waits out a per-pod
 * back-off (1 s doubling to 10 s) and is then retried once something that could make it fit has changed
 * (nodes, released capacity, claims — summarised in a fingerprint), or after 5 minutes in any case
 * (`podMaxInUnschedulablePodsDuration`). A pod seen for the first time is tried at once.
 */
const INITIAL_BACKOFF_MS = 1_000;
const MAX_BACKOFF_MS = 10_000;
const MAX_UNSCHEDULABLE_MS = 5 * 60_000;

type QueueEntry = { attempts: number; lastAttemptAt: number; fingerprint: string };

export class SchedulingQueue {
  readonly #entries = new Map<string, QueueEntry>();

  #backoffUntil(entry: QueueEntry): number {
    const backoff = Math.min(INITIAL_BACKOFF_MS * 2 ** (entry.attempts - 1), MAX_BACKOFF_MS);
    return entry.lastAttemptAt + backoff;
  }

  /** The instant the pod may be tried next given the cluster's current fingerprint. */
  nextAttemptAt(uid: string, fingerprint: string): number | undefined {
    const entry = this.#entries.get(uid);
    if (!entry) return undefined;
    if (entry.fingerprint !== fingerprint) return this.#backoffUntil(entry);
    return Math.max(this.#backoffUntil(entry), entry.lastAttemptAt + MAX_UNSCHEDULABLE_MS);
  }

  shouldAttempt(uid: string, fingerprint: string, now: number): boolean {
    const next = this.nextAttemptAt(uid, fingerprint);
    return next === undefined || next <= now;
  }

  recordFailure(uid: string, fingerprint: string, now: number): void {
    const attempts = (this.#entries.get(uid)?.attempts ?? 0) + 1;
    this.#entries.set(uid, { attempts, lastAttemptAt: now, fingerprint });
  }

  forget(uid: string): void {
    this.#entries.delete(uid);
  }

  /** Drops entries of pods that are no longer pending. */
  retain(uids: ReadonlySet<string>): void {
    for (const uid of this.#entries.keys()) if (!uids.has(uid)) this.#entries.delete(uid);
  }

  pendingUids(): string[] {
    return [...this.#entries.keys()];
  }
}
