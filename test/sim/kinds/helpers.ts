/** Shared test fixtures: a defaulting context over an empty store with deterministic randomness. */
import type { DefaultingContext } from '../../../src/sim/resources/descriptor.js';
import { ObjectStore } from '../../../src/sim/store.js';

export const NOW = Date.parse('2025-01-10T10:00:00Z');

/** A small LCG: deterministic, so generated names and IPs are stable across runs. */
export function seededRandom(seed = 42): () => number {
  let state = seed >>> 0;
  return () => {
    state = (Math.imul(state, 1664525) + 1013904223) >>> 0;
    return state / 2 ** 32;
  };
}

export function context(store = new ObjectStore()): DefaultingContext {
  return { now: NOW, random: seededRandom(), store };
}

/** `field: message` lines, the way the 422 message lists causes. */
export function rendered(errors: readonly { field: string; message: string }[]): string[] {
  return errors.map((e) => `${e.field}: ${e.message}`);
}
