/**
 * Work started after an ack runs on its own; the tracker keeps hold of it so shutdown can wait for it (and tests
 * can wait until the bot is idle) and so no rejection goes unhandled.
 */
import type { Logger } from '../log.js';

export class WorkTracker {
  readonly #running = new Set<Promise<unknown>>();

  constructor(private readonly logger: Logger) {}

  run(what: string, work: () => Promise<unknown>): void {
    // Started inside a promise: work that throws before returning one must not escape into the listener.
    const task = Promise.resolve()
      .then(work)
      .catch((error: unknown) => this.logger.error({ err: error, what }, 'background work failed'))
      .finally(() => this.#running.delete(task));
    this.#running.add(task);
  }

  get size(): number {
    return this.#running.size;
  }

  /** Resolves when nothing is running (or after `timeoutMs`); returns whether it became idle. */
  async idle(timeoutMs = 30_000): Promise<boolean> {
    const deadline = Date.now() + timeoutMs;
    while (this.#running.size > 0) {
      if (Date.now() > deadline) return false;
      await Promise.race([
        Promise.allSettled([...this.#running]),
        new Promise((resolve) => setTimeout(resolve, 50)),
      ]);
    }
    return true;
  }
}
