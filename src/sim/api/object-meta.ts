/** Small helpers over metadata that every write path needs. */
import { randomUUID } from 'node:crypto';
import type { KubeObject, ObjectMeta } from '../../kube/types.js';

export type NamedObject = KubeObject & { metadata: ObjectMeta & { name: string } };

export function metadataOf(object: KubeObject): ObjectMeta {
  object.metadata ??= {};
  return object.metadata;
}

/** Kubernetes' `rand.String` alphabet: no vowels, no ambiguous characters. */
const NAME_ALPHABET = 'bcdfghjklmnpqrstvwxz2456789';

/** `generateName` + five random characters, the base truncated to 58 characters (apiserver SimpleNameGenerator). */
export function generateName(base: string, random: () => number): string {
  let suffix = '';
  for (let i = 0; i < 5; i += 1) suffix += NAME_ALPHABET[Math.floor(random() * NAME_ALPHABET.length)];
  return base.slice(0, 58) + suffix;
}

export function newUid(random: () => number): string {
  // Deterministic when the sim is seeded (tests), random otherwise.
  if (random === Math.random) return randomUUID();
  const hex = Array.from({ length: 32 }, () => Math.floor(random() * 16).toString(16)).join('');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-4${hex.slice(13, 16)}-a${hex.slice(17, 20)}-${hex.slice(20, 32)}`;
}

/** A deterministic pseudo-random generator (mulberry32) for reproducible names in tests. */
export function seededRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
