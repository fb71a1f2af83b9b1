/**
 * Plain-JSON helpers shared by the patch engines. Every engine works on parsed JSON (no class instances, no
 * `undefined` inside documents), and never mutates its inputs: callers hand us stored objects that watchers and
 * caches still reference, so a patch that fails half-way must leave them untouched.
 */

export type JsonObject = { [key: string]: unknown };

/** A JSON object (not an array, not null). */
export function isJsonObject(value: unknown): value is JsonObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Deep copy of a JSON value (structuredClone would also copy non-JSON values we never want to carry along). */
export function cloneJson<T>(value: T): T {
  if (Array.isArray(value)) return value.map((item: unknown) => cloneJson(item)) as T;
  if (isJsonObject(value)) {
    const out: JsonObject = {};
    for (const [key, child] of Object.entries(value)) out[key] = cloneJson(child);
    return out as T;
  }
  return value;
}

/** Structural equality of JSON values; object key order does not matter, array order does. */
export function jsonEqual(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (Array.isArray(a)) {
    return Array.isArray(b) && a.length === b.length && a.every((item, i) => jsonEqual(item, b[i]));
  }
  if (isJsonObject(a) && isJsonObject(b)) {
    const keys = Object.keys(a);
    if (keys.length !== Object.keys(b).length) return false;
    return keys.every((key) => Object.prototype.hasOwnProperty.call(b, key) && jsonEqual(a[key], b[key]));
  }
  return false;
}

/** Copy of `value` without `null` members of objects (the "absent" meaning of null in merge semantics). */
export function withoutNulls(value: unknown): unknown {
  if (Array.isArray(value)) return value.map((item) => withoutNulls(item));
  if (isJsonObject(value)) {
    const out: JsonObject = {};
    for (const [key, child] of Object.entries(value)) {
      if (child !== null) out[key] = withoutNulls(child);
    }
    return out;
  }
  return value;
}

/** Go's `%v`-free rendering of a value for error messages: compact JSON. */
export function describeJson(value: unknown): string {
  return JSON.stringify(value) ?? 'undefined';
}
