/**
 * Entry point of the patch engines for the PATCH handler: content type ⇒ patch type, body text ⇒ JSON (or
 * YAML for apply), and one `applyPatch` for the three stateless patch types. Server-side apply, which needs
 * the manager and managedFields, lives in server-side-apply.ts.
 */
import { parse as parseYaml } from 'yaml';
import { errors } from '../errors.js';
import { mergeApplied } from './apply-merge.js';
import { applyJsonPatch } from './json-patch.js';
import { isJsonObject, withoutNulls } from './json-value.js';
import { applyMergePatch } from './merge-patch.js';
import { applyStrategicMergePatch } from './strategic-merge.js';

export type PatchType = 'json' | 'merge' | 'strategic' | 'apply';

export const PATCH_CONTENT_TYPES: Readonly<Record<PatchType, string>> = {
  json: 'application/json-patch+json',
  merge: 'application/merge-patch+json',
  strategic: 'application/strategic-merge-patch+json',
  apply: 'application/apply-patch+yaml',
};

/** In the order the real server lists them in its 415 message (apply-patch+cbor needs a feature gate). */
export const SUPPORTED_PATCH_CONTENT_TYPES: string[] = [
  PATCH_CONTENT_TYPES.json,
  PATCH_CONTENT_TYPES.merge,
  PATCH_CONTENT_TYPES.strategic,
  PATCH_CONTENT_TYPES.apply,
];

/** `application/merge-patch+json; charset=utf-8` ⇒ `merge`; unknown or missing ⇒ undefined (the caller's 415). */
export function patchTypeFromContentType(contentType: string | undefined): PatchType | undefined {
  const mediaType = contentType?.split(';')[0]?.trim().toLowerCase();
  const entry = Object.entries(PATCH_CONTENT_TYPES).find(([, type]) => type === mediaType);
  return entry?.[0] as PatchType | undefined;
}

/**
 * Decodes a PATCH body. JSON for json/merge/strategic; YAML (a superset of the JSON kubectl and client-node
 * send) for apply. Malformed input ⇒ 400 `error decoding patch: …`.
 */
export function parsePatchBody(type: PatchType, text: string): unknown {
  try {
    if (type !== 'apply') return JSON.parse(text) as unknown;
    if (text.trim() === '') throw new Error('empty apply patch');
    return parseYaml(text, { uniqueKeys: true }) as unknown;
  } catch (err) {
    const message = err instanceof Error ? err.message : String(err);
    throw errors.badRequest(`error decoding patch: ${message.split('\n')[0] ?? message}`);
  }
}

/**
 * Applies a decoded patch body to `original` (an object of `kind`, which selects the strategic-merge list
 * strategies). `apply` here is only the merge of the configuration, without field ownership — a fallback for
 * callers such as `/scale` that track no managedFields; real server-side apply is `serverSideApply`.
 */
export function applyPatch(type: PatchType, original: unknown, body: unknown, kind: string): unknown {
  switch (type) {
    case 'json':
      return applyJsonPatch(original, body);
    case 'merge':
      // evanphx/json-patch rejects a patch that is not an object (`null`, scalars) as a bad patch.
      if (!isJsonObject(body) && !Array.isArray(body)) throw errors.badRequest('Invalid JSON Patch');
      return applyMergePatch(original, body);
    case 'strategic':
      return applyStrategicMergePatch(original, body, kind);
    case 'apply':
      if (!isJsonObject(body))
        throw errors.badRequest('error decoding patch: an apply patch must be an object');
      return mergeApplied(
        isJsonObject(original) ? original : {},
        withoutNulls(body) as Record<string, unknown>,
        kind,
      );
  }
}
