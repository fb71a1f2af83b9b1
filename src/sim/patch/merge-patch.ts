/**
 * JSON merge patch (RFC 7386, `application/merge-patch+json`): what `kubectl scale` (on `/scale`) and
 * `kubectl patch --type=merge` send. Objects merge recursively, `null` deletes a member, everything else —
 * arrays included — replaces the target wholesale (so a merge patch of `containers` replaces all of them).
 */
import { cloneJson, isJsonObject, type JsonObject } from './json-value.js';

/** RFC 7386 §2 `MergePatch(Target, Patch)`; returns a new value and never mutates either argument. */
export function applyMergePatch(target: unknown, patch: unknown): unknown {
  // A non-object patch is the new value; nulls inside new objects mean "absent" (RFC 7386 §2: the
  // recursion into an empty target drops them), while arrays are taken verbatim.
  if (!isJsonObject(patch)) return cloneJson(patch);
  const result: JsonObject = isJsonObject(target) ? { ...target } : {};
  for (const [key, value] of Object.entries(patch)) {
    if (value === null) {
      delete result[key];
    } else if (isJsonObject(value)) {
      result[key] = applyMergePatch(result[key], value);
    } else {
      result[key] = cloneJson(value);
    }
  }
  // Untouched members are shared with `target` by the shallow copy; copy them so callers can mutate freely.
  for (const key of Object.keys(result)) {
    if (!(key in patch)) result[key] = cloneJson(result[key]);
  }
  return result;
}
