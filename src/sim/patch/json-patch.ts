/**
 * JSON patch (RFC 6902, `application/json-patch+json`): what `kubectl rollout undo` and client-node (by
 * default) send. Mirrors the API server's handling (apiserver `handlers/patch.go` with evanphx/json-patch):
 *  - a body that is not an array of operation objects is a decode error ⇒ 400 `error decoding patch: …`;
 *  - more than 10 000 operations ⇒ 413 before anything is applied;
 *  - any operation that cannot be applied (missing path, failed `test`, unknown op) ⇒ the generic 422 that
 *    drops the underlying text (`errors.patchRejected()`), which kubectl prints as
 *    `The request is invalid: the server rejected our request due to an error in our request`.
 * Atomic: operations run on a private copy, so a failure at op N leaves the caller's object untouched.
 */
import { ApiError, errors } from '../errors.js';
import { cloneJson, isJsonObject, jsonEqual, type JsonObject } from './json-value.js';

export const MAX_JSON_PATCH_OPERATIONS = 10_000;

export type JsonPatchOperation = {
  op: string;
  path: string;
  from?: string;
  value?: unknown;
  /** Whether `value` was present (a `null` value is legal and different from a missing one). */
  hasValue: boolean;
};

/** Thrown internally by the pointer walk; turned into the generic 422 at the boundary. */
class PatchOpError extends Error {}

/** Go's name for a JSON value's kind in `json: cannot unmarshal X into …` messages. */
function goKind(value: unknown): string {
  if (Array.isArray(value)) return 'array';
  if (value === null) return 'null';
  return typeof value === 'object' ? 'object' : typeof value === 'boolean' ? 'bool' : typeof value;
}

function decodeError(detail: string): ApiError {
  return errors.badRequest(`error decoding patch: json: ${detail}`);
}

/** Validates the shape of a decoded body (what Go's strict unmarshal into `[]jsonPatchOp` checks). */
export function decodeJsonPatch(body: unknown): JsonPatchOperation[] {
  if (!Array.isArray(body)) {
    throw decodeError(`cannot unmarshal ${goKind(body)} into Go value of type []handlers.jsonPatchOp`);
  }
  return body.map((raw: unknown) => {
    if (!isJsonObject(raw)) {
      throw decodeError(`cannot unmarshal ${goKind(raw)} into Go value of type handlers.jsonPatchOp`);
    }
    for (const field of ['op', 'path', 'from'] as const) {
      const value = raw[field];
      if (value !== undefined && value !== null && typeof value !== 'string') {
        throw decodeError(
          `cannot unmarshal ${goKind(value)} into Go struct field jsonPatchOp.${field} of type string`,
        );
      }
    }
    const op: JsonPatchOperation = {
      op: typeof raw.op === 'string' ? raw.op : '',
      path: typeof raw.path === 'string' ? raw.path : '',
      hasValue: Object.prototype.hasOwnProperty.call(raw, 'value'),
    };
    if (typeof raw.from === 'string') op.from = raw.from;
    if (op.hasValue) op.value = raw.value;
    return op;
  });
}

/** RFC 6901: `""` is the whole document, otherwise `/`-separated tokens with `~1` = `/` and `~0` = `~`. */
export function parseJsonPointer(pointer: string): string[] {
  if (pointer === '') return [];
  if (!pointer.startsWith('/')) throw new PatchOpError(`invalid JSON pointer ${pointer}`);
  return pointer
    .slice(1)
    .split('/')
    .map((token) => {
      if (/~[^01]|~$/.test(token)) throw new PatchOpError(`invalid escape in JSON pointer ${pointer}`);
      return token.replace(/~1/g, '/').replace(/~0/g, '~');
    });
}

/** An array index token: no sign, no leading zeros (RFC 6901 §4). */
function arrayIndex(token: string, length: number, allowEnd: boolean): number {
  if (!/^(0|[1-9][0-9]*)$/.test(token)) throw new PatchOpError(`invalid array index ${token}`);
  const index = Number(token);
  if (index > length || (index === length && !allowEnd))
    throw new PatchOpError(`index ${token} out of range`);
  return index;
}

/**
 * The document lives under a holder key so that every pointer, the root one included, has a parent:
 * `add`/`replace` at `""` then simply replace the holder's child.
 */
type Holder = { doc: unknown };

function locate(holder: Holder, tokens: string[]): { parent: JsonObject | unknown[]; key: string } {
  let parent: unknown = holder;
  const path = ['doc', ...tokens];
  for (const token of path.slice(0, -1)) parent = child(parent, token);
  if (!Array.isArray(parent) && !isJsonObject(parent)) throw new PatchOpError('parent is not a container');
  return { parent, key: path[path.length - 1] ?? 'doc' };
}

function child(container: unknown, token: string): unknown {
  if (Array.isArray(container)) return container[arrayIndex(token, container.length, false)];
  if (isJsonObject(container) && Object.prototype.hasOwnProperty.call(container, token))
    return container[token];
  throw new PatchOpError(`missing path element ${token}`);
}

function get(holder: Holder, tokens: string[]): unknown {
  const { parent, key } = locate(holder, tokens);
  return child(parent, key);
}

function add(holder: Holder, tokens: string[], value: unknown): void {
  const { parent, key } = locate(holder, tokens);
  if (Array.isArray(parent)) {
    if (key === '-') parent.push(value);
    else parent.splice(arrayIndex(key, parent.length, true), 0, value);
  } else {
    parent[key] = value;
  }
}

function remove(holder: Holder, tokens: string[]): unknown {
  if (tokens.length === 0) throw new PatchOpError('cannot remove the whole document');
  const { parent, key } = locate(holder, tokens);
  const value = child(parent, key);
  if (Array.isArray(parent)) parent.splice(arrayIndex(key, parent.length, false), 1);
  else delete parent[key];
  return value;
}

function applyOne(holder: Holder, op: JsonPatchOperation): void {
  const path = parseJsonPointer(op.path);
  const needValue = (): unknown => {
    if (!op.hasValue) throw new PatchOpError(`missing value for ${op.op}`);
    return cloneJson(op.value);
  };
  const from = (): string[] => {
    if (op.from === undefined) throw new PatchOpError(`missing from for ${op.op}`);
    return parseJsonPointer(op.from);
  };
  switch (op.op) {
    case 'add':
      return add(holder, path, needValue());
    case 'remove':
      remove(holder, path);
      return;
    case 'replace': {
      const value = needValue();
      get(holder, path); // must exist (RFC 6902 §4.3)
      const { parent, key } = locate(holder, path);
      if (Array.isArray(parent)) parent[arrayIndex(key, parent.length, false)] = value;
      else parent[key] = value;
      return;
    }
    case 'move': {
      const source = from();
      const isPrefix = source.length < path.length && source.every((token, i) => token === path[i]);
      if (isPrefix) throw new PatchOpError('cannot move a value into one of its children');
      return add(holder, path, remove(holder, source));
    }
    case 'copy':
      return add(holder, path, cloneJson(get(holder, from())));
    case 'test':
      if (!jsonEqual(get(holder, path), op.hasValue ? op.value : undefined))
        throw new PatchOpError('test failed');
      return;
    default:
      throw new PatchOpError(`unexpected op ${op.op}`);
  }
}

/** Applies a decoded JSON patch body to `original` and returns the patched copy. */
export function applyJsonPatch(original: unknown, body: unknown): unknown {
  const ops = decodeJsonPatch(body);
  if (ops.length > MAX_JSON_PATCH_OPERATIONS) {
    throw new ApiError(
      413,
      'RequestEntityTooLarge',
      `Request entity too large: The allowed maximum operations in a JSON patch is ${MAX_JSON_PATCH_OPERATIONS}, got ${ops.length}`,
    );
  }
  const holder: Holder = { doc: cloneJson(original) };
  try {
    for (const op of ops) applyOne(holder, op);
  } catch (err) {
    if (err instanceof PatchOpError) throw errors.patchRejected();
    throw err;
  }
  return holder.doc;
}
