/**
 * The `pod-template-hash` label and template equality (kubernetes `controller.ComputeHash`,
 * `deploymentutil.EqualIgnoreHash`).
 *
 * Go hashes a deep print of the template struct, which the sim cannot reproduce byte for byte; instead it hashes
 * the template's canonical JSON with the same FNV-32a, appends the collision count the same way, and encodes
 * the decimal digits with `rand.SafeEncodeString` — so names look like real ones (`web-5d8f7c9b6`) and are stable.
 */
import type { PodTemplateSpec } from '../../../kube/types.js';

export const POD_TEMPLATE_HASH_LABEL = 'pod-template-hash';

/** `rand.SafeEncodeString` alphabet; a decimal digit maps to ALPHABET[charCode % 27] (0→4 … 6→b … 9→f). */
const SAFE_ALPHABET = 'bcdfghjklmnpqrstvwxz2456789';

/**
 * JSON with sorted keys, where absent, `null`, empty-object and empty-array values are all the same thing — as
 * for Go's semantic equality on typed structs (a `"creationTimestamp": null` sent by `rollout undo` or an empty
 * `labels: {}` must not make a template look different).
 */
export function canonicalize(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(canonicalize);
  if (value === null || typeof value !== 'object') return value;
  const result: Record<string, unknown> = {};
  for (const key of Object.keys(value).sort()) {
    const child = canonicalize((value as Record<string, unknown>)[key]);
    if (child === null || child === undefined) continue;
    if (Array.isArray(child) && child.length === 0) continue;
    if (typeof child === 'object' && !Array.isArray(child) && Object.keys(child).length === 0) continue;
    result[key] = child;
  }
  return result;
}

export function fnv32a(bytes: Uint8Array, seed = 0x811c9dc5): number {
  let hash = seed;
  for (const byte of bytes) {
    hash ^= byte;
    hash = Math.imul(hash, 0x01000193) >>> 0;
  }
  return hash >>> 0;
}

export function safeEncodeString(text: string): string {
  let encoded = '';
  for (const character of text) encoded += SAFE_ALPHABET[character.charCodeAt(0) % SAFE_ALPHABET.length];
  return encoded;
}

/** The hash of `template` (+ the Deployment's collisionCount, written as 8 little-endian bytes like Go does). */
export function computePodTemplateHash(template: PodTemplateSpec, collisionCount?: number): string {
  const json = new TextEncoder().encode(JSON.stringify(canonicalize(template)));
  let hash = fnv32a(json);
  if (collisionCount !== undefined) {
    const countBytes = new Uint8Array(8);
    new DataView(countBytes.buffer).setUint32(0, collisionCount >>> 0, true);
    hash = fnv32a(countBytes, hash);
  }
  return safeEncodeString(String(hash));
}

/**
 * Canonical JSON of a template without its hash label. Stored objects are frozen and replaced on every write, so
 * the result is memoised per template object: the controller compares the same templates on every sync.
 */
const canonicalWithoutHash = new WeakMap<object, string>();

function withoutHashLabel(template: PodTemplateSpec | undefined): string {
  if (template) {
    const cached = canonicalWithoutHash.get(template);
    if (cached !== undefined) return cached;
  }
  const copy = structuredClone(template ?? {});
  if (copy.metadata?.labels) delete copy.metadata.labels[POD_TEMPLATE_HASH_LABEL];
  const text = JSON.stringify(canonicalize(copy));
  if (template && Object.isFrozen(template)) canonicalWithoutHash.set(template, text);
  return text;
}

/** Templates equal once the `pod-template-hash` label is ignored: how the new ReplicaSet is recognised. */
export function equalIgnoreHash(
  left: PodTemplateSpec | undefined,
  right: PodTemplateSpec | undefined,
): boolean {
  return withoutHashLabel(left) === withoutHashLabel(right);
}
