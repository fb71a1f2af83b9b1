/**
 * withWorkloadLock on a real store: one workload's work runs one at a time in a process, different workloads run
 * side by side, a "replica" sharing the store is turned away while the lock is held, and the lock is given back
 * when the work ends — also when it throws.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { withWorkloadLock } from '../../src/incidents/workload-lock.js';
import { createKeyvStore } from '../../src/store/keyv-store.js';
import type { StorePort } from '../../src/store/port.js';

let store: StorePort;

beforeEach(async () => {
  store = await createKeyvStore({ kind: 'memory' });
});

afterEach(async () => {
  await store.close();
});

/** A promise the test opens by hand. */
function gate() {
  let open!: () => void;
  const opened = new Promise<void>((resolve) => (open = resolve));
  return { opened, open };
}

describe('withWorkloadLock', () => {
  it('runs the work of one workload one at a time, in call order', async () => {
    const log: string[] = [];
    const work = (name: string) => async () => {
      log.push(`${name}:start`);
      // Real awaits on the store between start and end: unserialised work would interleave here.
      await store.set(`scratch:${name}`, 1);
      await store.get(`scratch:${name}`, z.number());
      log.push(`${name}:end`);
      return name;
    };
    const results = await Promise.all(
      ['a', 'b', 'c'].map((name) => withWorkloadLock(store, 'payments/*', work(name))),
    );
    expect(results).toEqual([
      { ran: true, value: 'a' },
      { ran: true, value: 'b' },
      { ran: true, value: 'c' },
    ]);
    expect(log).toEqual(['a:start', 'a:end', 'b:start', 'b:end', 'c:start', 'c:end']);
  });

  it('lets different workloads run side by side', async () => {
    const held = gate();
    const slow = withWorkloadLock(store, 'payments/*', async () => {
      await held.opened;
      return 'payments';
    });
    // Finishes while payments is still held: it does not queue behind it.
    expect(await withWorkloadLock(store, 'ledger/*', () => Promise.resolve('ledger'))).toEqual({
      ran: true,
      value: 'ledger',
    });
    held.open();
    expect(await slow).toEqual({ ran: true, value: 'payments' });
  });

  it('turns away another replica sharing the store while the lock is held, and lets it in after', async () => {
    // A second StorePort object over the same data: its own in-process queue, as another replica would have.
    const replica: StorePort = { ...store };
    const held = gate();
    let replicaRan = false;
    const first = withWorkloadLock(store, 'payments/api', async () => {
      expect(
        await withWorkloadLock(replica, 'payments/api', () => Promise.resolve((replicaRan = true))),
      ).toEqual({
        ran: false,
      });
      await held.opened;
      return 'first';
    });
    held.open();
    expect(await first).toEqual({ ran: true, value: 'first' });
    expect(replicaRan).toBe(false);
    expect(await withWorkloadLock(replica, 'payments/api', () => Promise.resolve('replica'))).toEqual({
      ran: true,
      value: 'replica',
    });
  });

  it('gives the lock back when the work throws, and passes the error on', async () => {
    await expect(
      withWorkloadLock(store, 'payments/*', () => Promise.reject(new Error('diagnosis failed'))),
    ).rejects.toThrow('diagnosis failed');
    expect(await withWorkloadLock(store, 'payments/*', () => Promise.resolve('next'))).toEqual({
      ran: true,
      value: 'next',
    });
    // Nothing left claimed in the store.
    expect(await store.claim('workload-lock:payments/*', 'probe', 1000)).toBe(true);
  });
});
