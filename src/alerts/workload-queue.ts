/**
 * One queue per workload: work for a workload runs one batch at a time, in arrival order, while different
 * workloads proceed in parallel. Whatever arrives while a batch runs is collected into the next one — during
 * an alert storm a workload sees one "open" and then a few large "join" batches, not a thousand small ones —
 * and an item identical to one already waiting is dropped on arrival.
 */
export type QueueOptions<T> = {
  /** Identity of an item for dropping exact repeats that are still waiting (e.g. fingerprint + status). */
  identity: (item: T) => string;
  onDuplicate: (item: T) => void;
  onError: (key: string, error: unknown, batch: T[]) => void;
};

type Queue<T> = { pending: T[]; waiting: Set<string>; running: Promise<void> | undefined };

export class WorkloadQueue<T> {
  readonly #queues = new Map<string, Queue<T>>();

  constructor(private readonly options: QueueOptions<T>) {}

  /** Adds items for `key`; resolves once the queue of `key` has run dry (these items included). */
  push(key: string, items: readonly T[], run: (batch: T[]) => Promise<void>): Promise<void> {
    let queue = this.#queues.get(key);
    if (!queue) {
      queue = { pending: [], waiting: new Set(), running: undefined };
      this.#queues.set(key, queue);
    }
    for (const item of items) {
      const id = this.options.identity(item);
      if (queue.waiting.has(id)) {
        this.options.onDuplicate(item);
        continue;
      }
      queue.waiting.add(id);
      queue.pending.push(item);
    }
    queue.running ??= this.#drain(key, queue, run);
    return queue.running;
  }

  /** Workloads with work waiting or running. */
  get busy(): number {
    return this.#queues.size;
  }

  async #drain(key: string, queue: Queue<T>, run: (batch: T[]) => Promise<void>): Promise<void> {
    // Yield once so that items pushed in the same tick join the first batch.
    await Promise.resolve();
    while (queue.pending.length > 0) {
      const batch = queue.pending.splice(0);
      queue.waiting.clear();
      try {
        await run(batch);
      } catch (error) {
        this.options.onError(key, error, batch);
      }
    }
    queue.running = undefined;
    this.#queues.delete(key);
  }
}
