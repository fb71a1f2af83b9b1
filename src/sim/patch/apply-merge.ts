/**
 * The object-level half of server-side apply: merging an applied configuration into the live object
 * (structured-merge-diff `Merge`) and removing fields a manager no longer applies (`prune`). Maps merge
 * recursively, keyed lists merge item by item (SSA keys: ports by port *and* protocol), sets union, atomic
 * lists and structs are replaced. List order follows structured-merge-diff's `visitListItems`: items the
 * configuration names appear in its order, live-only items keep their place.
 */
import { cloneJson, isJsonObject, type JsonObject } from './json-value.js';
import { itemElement } from './field-walk.js';
import type { FieldPath } from './field-set.js';
import { fieldSchema, rootSchema, typeSchema, type FieldSchema, type TypeSchema } from './merge-keys.js';

/** Identity of a list item for merging: its `k:{…}`/`v:…` path element (or its JSON when it has no key). */
function identity(item: unknown, field: FieldSchema): string {
  const strategy = field.list;
  if (strategy?.kind === 'map') return itemElement(item, strategy, false) ?? `json:${JSON.stringify(item)}`;
  return `v:${JSON.stringify(item)}`;
}

function mergeValue(
  live: unknown,
  config: unknown,
  field: FieldSchema | undefined,
  type: TypeSchema | undefined,
): unknown {
  if (isJsonObject(config)) {
    if (!isJsonObject(live) || field?.atomic) return cloneJson(config);
    const out: JsonObject = cloneJson(live);
    for (const [name, value] of Object.entries(config)) {
      const child = fieldSchema(type, name);
      out[name] = mergeValue(live[name], value, child, typeSchema(child?.type));
    }
    return out;
  }
  if (Array.isArray(config) && Array.isArray(live) && field?.list !== undefined) {
    return mergeList(live, config, field);
  }
  return cloneJson(config);
}

/** structured-merge-diff `visitListItems`, reduced to what a JSON list needs. */
function mergeList(live: unknown[], config: unknown[], field: FieldSchema): unknown[] {
  const elementType = typeSchema(field.type);
  const mergeItem = (l: unknown, r: unknown): unknown => mergeValue(l, r, undefined, elementType);
  const lhs = live.map((item) => ({ id: identity(item, field), item }));
  const rhs = config.map((item) => ({ id: identity(item, field), item }));
  const liveById = new Map(lhs.map((e) => [e.id, e.item]));
  const inConfig = new Set(rhs.map((e) => e.id));
  const sharedOrder = rhs.filter((e) => liveById.has(e.id)).map((e) => e.id);
  let nextShared = sharedOrder.shift();
  const merged = new Set<string>();
  const out: unknown[] = [];
  let l = 0;
  let r = 0;
  while (l < lhs.length || r < rhs.length) {
    const left = lhs[l];
    const right = rhs[r];
    if (left && right) {
      if (left.id === right.id) {
        out.push(mergeItem(left.item, right.item));
        merged.add(left.id);
        l++;
        r++;
        nextShared = sharedOrder.shift();
        continue;
      }
      // A shared item the configuration wants later: skip it here, it is emitted at its config position.
      if (inConfig.has(left.id) && nextShared !== undefined && nextShared !== left.id) {
        l++;
        continue;
      }
    }
    if (left && !inConfig.has(left.id)) {
      out.push(cloneJson(left.item));
      l++;
      continue;
    }
    if (left && merged.has(left.id)) {
      l++;
      continue;
    }
    if (right) {
      merged.add(right.id);
      out.push(mergeItem(liveById.get(right.id), right.item));
      r++;
      if (nextShared === right.id) nextShared = sharedOrder.shift();
    }
  }
  return out;
}

/** Merges the applied configuration `config` into `live` (both objects of `kind`); returns a new object. */
export function mergeApplied(live: JsonObject, config: JsonObject, kind: string): JsonObject {
  return mergeValue(live, config, undefined, rootSchema(kind)) as JsonObject;
}

/**
 * Removes each path in `paths` from a copy of `object`. Maps and lists emptied by the removal go too unless
 * `keep` says someone owns them, so dropping a manager's last label does not leave `labels: {}` behind.
 */
export function removeFields(
  object: JsonObject,
  paths: FieldPath[],
  kind: string,
  keep: (path: FieldPath) => boolean,
): JsonObject {
  const result = cloneJson(object);
  // A removed item takes its fields with it: drop paths below another removed path (their key fields would
  // otherwise be removed first and the item could no longer be found). Deepest first, so that removing a
  // list element by index never shifts another element still to be removed.
  const below = (path: FieldPath, ancestor: FieldPath): boolean =>
    ancestor.length < path.length && ancestor.every((element, i) => element === path[i]);
  const roots = paths.filter((path) => !paths.some((other) => below(path, other)));
  for (const path of roots.sort((a, b) => b.length - a.length)) removePath(result, path, kind, keep);
  return result;
}

function removePath(
  root: JsonObject,
  path: FieldPath,
  kind: string,
  keep: (path: FieldPath) => boolean,
): void {
  // Walk down, remembering each container so emptied maps can be removed on the way back up.
  const trail: { container: JsonObject | unknown[]; at: string | number }[] = [];
  let node: unknown = root;
  let type: TypeSchema | undefined = rootSchema(kind);
  let field: FieldSchema | undefined;
  for (const element of path) {
    if (element.startsWith('f:') && isJsonObject(node)) {
      const name = element.slice(2);
      if (!(name in node)) return;
      trail.push({ container: node, at: name });
      field = fieldSchema(type, name);
      type = typeSchema(field?.type);
      node = node[name];
    } else if (Array.isArray(node) && field !== undefined) {
      const current: FieldSchema = field;
      const index = element.startsWith('i:')
        ? Number(element.slice(2))
        : node.findIndex((item) => identity(item, current) === element);
      if (index < 0 || index >= node.length) return;
      trail.push({ container: node, at: index });
      node = node[index];
    } else {
      return;
    }
  }
  for (let depth = trail.length - 1; depth >= 0; depth--) {
    const step = trail[depth];
    if (!step) return;
    if (Array.isArray(step.container)) step.container.splice(step.at as number, 1);
    else delete step.container[step.at as string];
    // Continue upwards only through fields (not list items) this removal left empty and nobody owns.
    const parentPath = path.slice(0, depth);
    const container = step.container;
    const empty = Array.isArray(container) ? container.length === 0 : Object.keys(container).length === 0;
    if (
      depth === 0 ||
      !empty ||
      keep(parentPath) ||
      parentPath[parentPath.length - 1]?.startsWith('f:') !== true
    )
      return;
  }
}
