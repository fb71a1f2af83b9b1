/**
 * Strategic merge patch (`application/strategic-merge-patch+json`), the default of `kubectl patch` and what
 * `kubectl set env`, `kubectl apply` (client-side) and `kubectl rollout restart` send. JSON merge patch
 * semantics for maps (`null` deletes a key), except that lists follow the per-field strategy of
 * `merge-keys.ts` and the patch may carry directives:
 *  - `"$patch": "replace" | "delete" | "merge"` in a map; `{"$patch":"replace"}` / `{"$patch":"delete", key}`
 *    elements in a keyed list (`strategic-lists.ts`);
 *  - `"$retainKeys": [...]`: after merging, drop the map's keys not listed (`strategy` → Recreate);
 *  - `"$setElementOrder/<list>": [...]`: the final order of a merged list;
 *  - `"$deleteFromPrimitiveList/<list>": [...]`: values to remove from a primitive set.
 * Any other `$`-key is rejected with 400. Error statuses follow apiserver `interpretStrategicMergePatchError`.
 */
import { errors } from '../errors.js';
import { cloneJson, describeJson, isJsonObject, type JsonObject } from './json-value.js';
import { fieldSchema, rootSchema, typeSchema, type FieldSchema, type TypeSchema } from './merge-keys.js';
import { mergeKeyedList, mergePrimitiveList, unknownPatchType } from './strategic-lists.js';

const SET_ORDER = '$setElementOrder/';
const DELETE_FROM = '$deleteFromPrimitiveList/';

/** Result of merging a map that carried `"$patch":"delete"`: the parent drops the key. */
const DELETED = Symbol('deleted');

/**
 * Applies a strategic merge patch to `original` using the list strategies of `kind` (e.g. `Deployment`).
 * Returns a new object; neither argument is mutated.
 */
export function applyStrategicMergePatch(original: unknown, patch: unknown, kind: string): unknown {
  if (!isJsonObject(patch)) {
    throw errors.badRequest(
      `error decoding patch: json: cannot unmarshal ${Array.isArray(patch) ? 'array' : typeof patch} into Go value of type map[string]interface {}`,
    );
  }
  const merged = mergeMap(isJsonObject(original) ? original : undefined, patch, rootSchema(kind));
  return merged === DELETED ? {} : merged;
}

function mergeMap(
  original: JsonObject | undefined,
  patch: JsonObject,
  type: TypeSchema | undefined,
): JsonObject | typeof DELETED {
  const directive = patch.$patch;
  if (directive === 'delete') {
    // Go returns an empty map here (encoded away for map fields); §6.8.1 of the reference: delete the map.
    return DELETED;
  }
  if (directive === 'replace') {
    const { $patch: _replace, ...content } = patch;
    return mergeMap(undefined, content, type); // still interprets nested directives and drops nulls
  }
  if (directive !== undefined && directive !== 'merge') throw unknownPatchType(directive, patch);

  // Copy-on-write: untouched members are cloned at the end, touched ones are rebuilt by the merge.
  const result: JsonObject = { ...(original ?? {}) };
  const touched = new Set<string>();
  applyRetainKeys(result, patch);

  const orders = new Map<string, unknown[]>();
  const deletions = new Map<string, unknown[]>();
  for (const [key, value] of Object.entries(patch)) {
    if (key === '$patch' || key === '$retainKeys') continue;
    if (key.startsWith(SET_ORDER)) {
      if (!Array.isArray(value)) throw errors.badRequest('invalid patch format of setElementOrder list');
      orders.set(key.slice(SET_ORDER.length), value);
      continue;
    }
    if (key.startsWith(DELETE_FROM)) {
      if (!Array.isArray(value)) throw errors.badRequest('invalid patch format of primitive list');
      deletions.set(key.slice(DELETE_FROM.length), value);
      continue;
    }
    if (key.startsWith('$'))
      throw errors.badRequest(`unknown patch directive ${describeJson(key)} in map: ${describeJson(patch)}`);
  }

  for (const [key, value] of Object.entries(patch)) {
    if (key.startsWith('$')) continue;
    touched.add(key);
    if (value === null) {
      delete result[key];
      continue;
    }
    const merged = mergeValue(result[key], value, fieldSchema(type, key), orders.get(key));
    if (merged === DELETED) delete result[key];
    else result[key] = merged;
  }
  // `$setElementOrder` for a list the patch does not otherwise touch: reorder the live list.
  for (const [key, order] of orders) {
    if (key in patch || !Array.isArray(result[key])) continue;
    touched.add(key);
    result[key] = mergeList(result[key], undefined, fieldSchema(type, key), order);
  }
  for (const [key, values] of deletions) {
    const list = result[key];
    if (!Array.isArray(list)) continue;
    touched.add(key);
    result[key] = list.filter((item) => !values.includes(item));
  }
  for (const key of Object.keys(result)) if (!touched.has(key)) result[key] = cloneJson(result[key]);
  return result;
}

/** `$retainKeys`: every non-null patched key must be listed; live keys not listed are cleared. */
function applyRetainKeys(result: JsonObject, patch: JsonObject): void {
  if (!('$retainKeys' in patch)) return;
  const retain = patch.$retainKeys;
  if (!Array.isArray(retain)) throw errors.badRequest('invalid patch format of retainKeys');
  for (const [key, value] of Object.entries(patch)) {
    if (value === null || key.startsWith('$')) continue;
    if (!retain.includes(key)) throw errors.patchRejected(); // ErrPatchContentNotMatchRetainKeys ⇒ generic 422
  }
  for (const key of Object.keys(result)) if (!retain.includes(key)) delete result[key];
}

function mergeValue(
  original: unknown,
  patch: unknown,
  field: FieldSchema | undefined,
  order: unknown[] | undefined,
): unknown {
  if (isJsonObject(patch)) {
    return mergeMap(isJsonObject(original) ? original : undefined, patch, typeSchema(field?.type));
  }
  if (Array.isArray(patch)) {
    if (field?.list === undefined) return cloneJson(patch); // atomic list: replaced wholesale
    return mergeList(Array.isArray(original) ? original : [], patch, field, order);
  }
  return patch;
}

function mergeList(
  original: unknown[],
  patch: unknown[] | undefined,
  field: FieldSchema | undefined,
  order: unknown[] | undefined,
): unknown[] {
  const strategy = field?.list;
  if (strategy === undefined) return cloneJson(patch ?? original); // an order directive on an atomic list is moot
  if (strategy.kind === 'set') return mergePrimitiveList(original, patch, order);
  const elementType = typeSchema(field?.type);
  // The list keeps live elements the patch does not name: copy them so the result shares nothing with `original`.
  return mergeKeyedList(cloneJson(original), patch, strategy.key, order, (existing, element) => {
    const merged = mergeMap(existing, element, elementType);
    return merged === DELETED ? {} : merged;
  });
}
