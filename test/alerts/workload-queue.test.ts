/** Per-workload serialisation: one batch at a time per key, keys in parallel, waiting repeats dropped. */
import { describe, expect, it } from 'vitest';
import { WorkloadQueue } from '../../src/alerts/workload-queue.js';

function deferred() {
  let resolve!: () => void;
  const promise = new Promise<void>((r) => (resolve = r));
  return { promise, resolve };
}

describe('WorkloadQueue', () => {
  it('runs one batch at a time per key, collecting what arrives meanwhile into the next batch', async () => {
    const duplicates: string[] = [];
    const queue = new WorkloadQueue<string>({
      identity: (item) => item,
      onDuplicate: (item) => duplicates.push(item),
      onError: () => undefined,
    });
    const batches: string[][] = [];
    const gate = deferred();
    let running = 0;
    let maxRunning = 0;
    const run = async (batch: string[]) => {
      running += 1;
      maxRunning = Math.max(maxRunning, running);
      batches.push(batch);
      if (batches.length === 1) await gate.promise;
      running -= 1;
    };
    const first = queue.push('a', ['1'], run);
    await Promise.resolve();
    await Promise.resolve();
    const later = [queue.push('a', ['2', '3'], run), queue.push('a', ['3', '4'], run)];
    gate.resolve();
    await Promise.all([first, ...later]);
    expect(batches).toEqual([['1'], ['2', '3', '4']]);
    expect(duplicates).toEqual(['3']);
    expect(maxRunning).toBe(1);
    expect(queue.busy).toBe(0);
  });

  it('runs different keys in parallel, and one failing batch does not stop the queue', async () => {
    const errors: string[] = [];
    const queue = new WorkloadQueue<string>({
      identity: (item) => item,
      onDuplicate: () => undefined,
      onError: (key) => errors.push(key),
    });
    const gate = deferred();
    const seen: string[] = [];
    const run = async (batch: string[]) => {
      seen.push(...batch);
      if (batch.includes('a1')) {
        await gate.promise;
        throw new Error('boom');
      }
    };
    const blocked = queue.push('a', ['a1'], run);
    await queue.push('b', ['b1'], run);
    expect(seen).toEqual(['a1', 'b1']);
    const next = queue.push('a', ['a2'], run);
    gate.resolve();
    await Promise.all([blocked, next]);
    expect(errors).toEqual(['a']);
    expect(seen).toEqual(['a1', 'b1', 'a2']);
  });
});
