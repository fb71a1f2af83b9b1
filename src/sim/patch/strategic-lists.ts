/**
 * List merging for strategic merge patch: keyed lists of objects (`containers` by `name`) and primitive sets
 * (`finalizers`), with the list directives (`{"$patch":"delete"|"replace"}` elements) and the element order
 * rules of apimachinery `strategicpatch/patch.go` (`mergeSlice`, `normalizeElementOrder`, `mergeSortedSlice`):
 * items named by the patch (or by its `$setElementOrder/<list>`) come in that order, server-only items keep
 * their relative live order and are interleaved by their live position. One consequence, faithful to real
 * clusters: a new item patched *without* `$setElementOrder` lands before the existing ones.
 */
import { errors } from '../errors.js';
import { describeJson, isJsonObject, type JsonObject } from './json-value.js';

export type ElementMerger = (original: JsonObject | undefined, patch: JsonObject) => JsonObject;

type Identity = (item: unknown) => unknown;

export function unknownPatchType(directive: unknown, where: unknown): Error {
  return errors.badRequest(`unknown patch type: ${describeJson(directive)} in map: ${describeJson(where)}`);
}

function noMergeKey(item: unknown, key: string): Error {
  return errors.badRequest(`map: ${describeJson(item)} does not contain declared merge key: ${key}`);
}

/** Stable sort of `items` by their position in `order` (items absent from `order` keep their place at the end). */
function sortByOrder(items: unknown[], order: unknown[], id: Identity): unknown[] {
  const position = (item: unknown): number => {
    const index = order.findIndex((o) => id(o) === id(item));
    return index < 0 ? Number.MAX_SAFE_INTEGER : index;
  };
  return items
    .map((item, i) => ({ item, i, at: position(item) }))
    .sort((a, b) => a.at - b.at || a.i - b.i)
    .map(({ item }) => item);
}

/**
 * `normalizeElementOrder`: patch items sorted by `patchOrder`, server-only items by `serverOrder`, then each
 * server-only item is emitted before a patch item only when both are in the live list and it came first there.
 */
function normalizeOrder(
  merged: unknown[],
  patchOrder: unknown[],
  serverOrder: unknown[],
  id: Identity,
): unknown[] {
  const inPatch = (item: unknown): boolean => patchOrder.some((p) => id(p) === id(item));
  const patchItems = sortByOrder(merged.filter(inPatch), patchOrder, id);
  const serverOnly = sortByOrder(
    merged.filter((item) => !inPatch(item)),
    serverOrder,
    id,
  );
  const livePosition = (item: unknown): number => serverOrder.findIndex((s) => id(s) === id(item));
  const out: unknown[] = [];
  let i = 0;
  let j = 0;
  while (i < serverOnly.length || j < patchItems.length) {
    if (j >= patchItems.length) {
      out.push(serverOnly[i++]);
    } else if (i >= serverOnly.length) {
      out.push(patchItems[j++]);
    } else {
      const left = livePosition(serverOnly[i]);
      const right = livePosition(patchItems[j]);
      out.push(left >= 0 && right >= 0 && left < right ? serverOnly[i++] : patchItems[j++]);
    }
  }
  return out;
}

/** `validatePatchWithSetOrderList`: the patch's items must appear in the order list, in the same order. */
function validateOrder(patchItems: unknown[], order: unknown[], id: Identity): void {
  let p = 0;
  for (let o = 0; o < order.length && p < patchItems.length; o++) {
    if (id(patchItems[p]) === id(order[o])) p++;
  }
  if (p < patchItems.length) {
    throw errors.badRequest(
      `The order in patch list:\n${describeJson(patchItems)}\n doesn't match $setElementOrder list:\n${describeJson(order)}\n`,
    );
  }
}

/**
 * Merges a keyed list. `order` is the `$setElementOrder/<list>` directive, when the patch carries one; `patch`
 * may be undefined when only the order directive names the list.
 */
export function mergeKeyedList(
  original: unknown[],
  patch: unknown[] | undefined,
  key: string,
  order: unknown[] | undefined,
  mergeElement: ElementMerger,
): unknown[] {
  const id: Identity = (item) => (isJsonObject(item) ? item[key] : undefined);
  const deletes: unknown[] = [];
  const items: JsonObject[] = [];
  let replace = false;
  for (const element of patch ?? []) {
    if (!isJsonObject(element)) {
      throw errors.badRequest(
        `invalid patch: ${describeJson(element)} is not an object in a list merged by "${key}"`,
      );
    }
    const directive = element.$patch;
    if (directive === undefined || directive === 'merge') {
      const { $patch: _ignored, ...rest } = element;
      items.push(rest);
    } else if (directive === 'delete') {
      if (!(key in element)) throw noMergeKey(element, key);
      deletes.push(element[key]);
    } else if (directive === 'replace') {
      replace = true; // the whole list becomes the other elements; keep scanning to validate them
    } else {
      throw unknownPatchType(directive, element);
    }
  }
  for (const item of [...items, ...(order ?? [])])
    if (!isJsonObject(item) || !(key in item)) throw noMergeKey(item, key);
  if (order !== undefined) validateOrder(items, order, id);

  if (replace) {
    const replaced = items.map((item) => mergeElement(undefined, item));
    return order === undefined ? replaced : normalizeOrder(replaced, order, replaced, id);
  }
  const merged = original.filter((item) => !deletes.some((value) => value === id(item)));
  for (const item of items) {
    const index = merged.findIndex((existing) => id(existing) === item[key]);
    if (index >= 0) merged[index] = mergeElement(merged[index] as JsonObject, item);
    else merged.push(mergeElement(undefined, item));
  }
  return normalizeOrder(merged, order ?? items, original, id);
}

/** Merges a list of scalars as a set (union, no duplicates). */
export function mergePrimitiveList(
  original: unknown[],
  patch: unknown[] | undefined,
  order: unknown[] | undefined,
): unknown[] {
  const id: Identity = (item) => item;
  for (const value of [...(patch ?? []), ...(order ?? [])]) {
    if (typeof value === 'object' && value !== null) {
      throw errors.badRequest(`invalid patch: ${describeJson(value)} in a list of scalars`);
    }
  }
  if (order !== undefined) validateOrder(patch ?? [], order, id);
  const merged: unknown[] = [];
  for (const value of [...original, ...(patch ?? [])]) if (!merged.includes(value)) merged.push(value);
  return normalizeOrder(merged, order ?? patch ?? [], original, id);
}
