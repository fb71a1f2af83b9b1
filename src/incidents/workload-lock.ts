/**
 * Serialises work per workload: in this process with a promise chain per key, across replicas with a short-lived
 * claim in the store. Used when opening incidents, so fifty simultaneous `/sre diagnose payments` (or a burst of
 * alerts) open one incident, not fifty.
 */
import type { StorePort } from '../store/port.js';

const chains = new WeakMap<StorePort, Map<string, Promise<unknown>>>();
const CLAIM_MS = 60_000;

/**
 * Runs `work` while holding the workload's lock. Returns `{ ran: false }` when another replica holds it (the
 * caller decides what to say), `{ ran: true, value }` otherwise.
 */
export async function withWorkloadLock<T>(
  store: StorePort,
  key: string,
  work: () => Promise<T>,
): Promise<{ ran: true; value: T } | { ran: false }> {
  let perStore = chains.get(store);
  if (!perStore) {
    perStore = new Map();
    chains.set(store, perStore);
  }
  const previous = perStore.get(key) ?? Promise.resolve();
  const run = previous.then(async () => {
    const claimKey = `workload-lock:${key}`;
    if (!(await store.claim(claimKey, 'held', CLAIM_MS))) return { ran: false as const };
    try {
      return { ran: true as const, value: await work() };
    } finally {
      await store.releaseClaim(claimKey).catch(() => undefined);
    }
  });
  const settled = run.catch(() => undefined);
  perStore.set(key, settled);
  void settled.then(() => {
    if (perStore.get(key) === settled) perStore.delete(key);
  });
  return run;
}
