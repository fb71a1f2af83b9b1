/**
 * Turns an object into the field paths server-side apply reasons about, with their values, and compares two
 * such views. A path is a *leaf* (scalar, atomic list or struct, empty map) compared by value, or a *member*
 * that is only present or absent (a keyed list item). Identity fields (apiVersion, kind, metadata.name, uid,
 * resourceVersion, …) are never owned, like the real server's strip-meta manager.
 */
import { errors } from '../errors.js';
import { isJsonObject, jsonEqual } from './json-value.js';
import {
  applyKeysOf,
  fieldSchema,
  rootSchema,
  typeSchema,
  type FieldSchema,
  type ListStrategy,
  type TypeSchema,
} from './merge-keys.js';
import { FieldSet, keyElement, type FieldPath, type PathElement } from './field-set.js';

export type FieldValue = { path: FieldPath; value: unknown; leaf: boolean };
export type FieldValues = Map<string, FieldValue>;

const STRIPPED_METADATA = new Set([
  'name',
  'namespace',
  'creationTimestamp',
  'selfLink',
  'uid',
  'clusterName',
  'generation',
  'managedFields',
  'resourceVersion',
]);

/**
 * The `k:{…}` element of a keyed list item, or undefined when the item lacks a key field that has no
 * default. `strict` (applied configurations) turns that into the real server's 400 instead.
 */
export function itemElement(
  item: unknown,
  strategy: Extract<ListStrategy, { kind: 'map' }>,
  strict: boolean,
): PathElement | undefined {
  const keys: Record<string, unknown> = {};
  for (const name of applyKeysOf(strategy)) {
    const value =
      isJsonObject(item) && item[name] !== undefined && item[name] !== null
        ? item[name]
        : strategy.keyDefaults?.[name];
    if (value === undefined) {
      if (!strict) return undefined;
      throw errors.badRequest(
        `failed to create typed patch object: associative list with keys has an element that omits key field ${JSON.stringify(name)} (and doesn't have default value)`,
      );
    }
    keys[name] = value;
  }
  return keyElement(keys);
}

export function collectFields(object: unknown, kind: string, strict = false): FieldValues {
  const out: FieldValues = new Map();
  const put = (path: FieldPath, value: unknown, leaf: boolean): void => {
    const key = JSON.stringify(path);
    if (strict && out.has(key)) {
      throw errors.badRequest(`failed to create typed patch object: duplicate entries for key ${key}`);
    }
    out.set(key, { path, value, leaf });
  };

  const walkObject = (
    value: Record<string, unknown>,
    path: FieldPath,
    type: TypeSchema | undefined,
  ): void => {
    for (const [name, child] of Object.entries(value)) {
      if (path.length === 0 && (name === 'apiVersion' || name === 'kind')) continue;
      if (path.length === 1 && path[0] === 'f:metadata' && STRIPPED_METADATA.has(name)) continue;
      walkValue(child, [...path, `f:${name}`], fieldSchema(type, name));
    }
  };

  const walkValue = (value: unknown, path: FieldPath, field: FieldSchema | undefined): void => {
    if (value === null || value === undefined) return; // null means "absent" to apply
    const strategy = field?.list;
    if (isJsonObject(value) && !field?.atomic && Object.keys(value).length > 0) {
      walkObject(value, path, typeSchema(field?.type));
    } else if (Array.isArray(value) && strategy !== undefined && value.length > 0) {
      value.forEach((item, index) => {
        if (strategy.kind === 'set') return put([...path, `v:${JSON.stringify(item)}`], item, true);
        const itemPath = [...path, itemElement(item, strategy, strict) ?? `i:${index}`];
        put(itemPath, item, false);
        if (isJsonObject(item)) walkObject(item, itemPath, typeSchema(field?.type));
      });
    } else {
      put(path, value, true);
    }
  };

  if (isJsonObject(object)) walkObject(object, [], rootSchema(kind));
  return out;
}

export function fieldSetOf(fields: FieldValues): FieldSet {
  return new FieldSet([...fields.values()].map((f) => f.path));
}

export type FieldComparison = { added: FieldSet; modified: FieldSet; removed: FieldSet };

/** Which paths `next` adds, changes (leaves with a different value) and removes relative to `old`. */
export function compareFields(old: FieldValues, next: FieldValues): FieldComparison {
  const added: FieldPath[] = [];
  const modified: FieldPath[] = [];
  const removed: FieldPath[] = [];
  for (const [key, field] of next) {
    const before = old.get(key);
    if (!before) added.push(field.path);
    else if ((field.leaf || before.leaf) && !jsonEqual(before.value, field.value)) modified.push(field.path);
  }
  for (const [key, field] of old) if (!next.has(key)) removed.push(field.path);
  return { added: new FieldSet(added), modified: new FieldSet(modified), removed: new FieldSet(removed) };
}
