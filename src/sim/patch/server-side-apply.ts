/**
 * Server-side apply (`application/apply-patch+yaml`, `kubectl apply --server-side`), pragmatic but faithful
 * where it shows: structured-merge-diff `Updater.Apply` reduced to JSON objects and the schema table of
 * merge-keys.ts.
 *  1. merge the applied configuration into the live object (apply-merge.ts);
 *  2. prune: fields this manager applied last time, omits now, and nobody else owns are removed;
 *  3. conflicts: a field owned by another manager whose value this apply changes ⇒ 409 with the exact
 *     `Apply failed with N conflict(s): …` text, unless `force` (then the field changes hands). Applying the
 *     value a field already has is not a conflict: ownership becomes shared;
 *  4. the manager's Apply entry becomes exactly the applied field set.
 * `null` in the configuration means "not applied". The caller checks fieldManager, dryRun and
 * resourceVersion preconditions, and should not also call recordUpdate for the same write.
 */
import type { KubeObject } from '../../kube/types.js';
import { ApiError, errors } from '../errors.js';
import { FieldSet, formatFieldPath, type FieldPath } from './field-set.js';
import { collectFields, compareFields, fieldSetOf } from './field-walk.js';
import { cloneJson, isJsonObject, withoutNulls, type JsonObject } from './json-value.js';
import { mergeApplied, removeFields } from './apply-merge.js';
import {
  describeManager,
  readManagedFields,
  sameManager,
  writeManagedFields,
  type ManagerFields,
} from './managed-fields.js';

export type ApplyOptions = {
  manager: string;
  force: boolean;
  /** The API version of the request (`apps/v1`), recorded in the manager's entry. */
  apiVersion: string;
  /** metav1.Time of the write (`2025-01-01T00:00:00Z`). */
  time: string;
  kind: string;
  subresource?: string;
};

type Conflict = { owner: ManagerFields; path: FieldPath };

/** apimachinery `NewConflictError` / `getConflictMessage`. */
export function applyConflictError(
  conflicts: { owner: Omit<ManagerFields, 'fields'>; path: FieldPath }[],
): ApiError {
  const rows = conflicts
    .map((c) => ({
      owner: c.owner.manager,
      manager: describeManager(c.owner),
      field: formatFieldPath(c.path),
    }))
    .sort((a, b) => compare(a.owner, b.owner) || compare(a.manager, b.manager) || compare(a.field, b.field));
  const causes = rows.map((r) => ({
    reason: 'FieldManagerConflict',
    message: `conflict with ${r.manager}`,
    field: r.field,
  }));
  const [only] = rows;
  if (rows.length === 1 && only) {
    return new ApiError(
      409,
      'Conflict',
      `Apply failed with 1 conflict: conflict with ${only.manager}: ${only.field}`,
      {
        causes,
      },
    );
  }
  const lines: string[] = [];
  let current: string | undefined;
  for (const row of rows) {
    if (row.manager !== current) lines.push(`conflicts with ${row.manager}:`);
    current = row.manager;
    lines.push(`- ${row.field}`);
  }
  return new ApiError(409, 'Conflict', `Apply failed with ${rows.length} conflicts: ${lines.join('\n')}`, {
    causes,
  });
}

function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** Applies `applied` for `options.manager` to `live` (undefined ⇒ create) and returns the resulting object. */
export function serverSideApply(
  live: KubeObject | undefined,
  applied: KubeObject,
  options: ApplyOptions,
): KubeObject {
  if (!isJsonObject(applied))
    throw errors.badRequest('error decoding patch: an apply patch must be an object');
  if (applied.metadata?.managedFields != null) throw errors.badRequest('metadata.managedFields must be nil');
  const { kind } = options;
  const config = withoutNulls(applied) as JsonObject;
  const appliedFields = fieldSetOf(collectFields(config, kind, true));
  const identity = {
    manager: options.manager,
    operation: 'Apply' as const,
    apiVersion: options.apiVersion,
    ...(options.subresource ? { subresource: options.subresource } : {}),
  };
  if (live === undefined) {
    return writeManagedFields(cloneJson(config), [
      { ...identity, time: options.time, fields: appliedFields },
    ]);
  }

  const managers = readManagedFields(live);
  const mine = managers.find((m) => sameManager(m, identity));
  const others = managers.filter((m) => m !== mine);
  const { managedFields: _managed, ...liveMetadata } = live.metadata ?? {};
  const liveBody: JsonObject = { ...live, metadata: liveMetadata };

  const owners = [appliedFields, ...others.map((o) => o.fields)];
  const owned = (path: FieldPath): boolean => owners.some((set) => set.hasOrContains(path));
  const stale = (mine?.fields ?? new FieldSet()).paths().filter((path) => !owned(path));
  const result = removeFields(mergeApplied(liveBody, config, kind), stale, kind, owned);

  const diff = compareFields(collectFields(liveBody, kind), collectFields(result, kind));
  const changed = diff.added.union(diff.modified);
  const conflicts: Conflict[] = others.flatMap((owner) =>
    owner.fields
      .intersection(changed)
      .paths()
      .map((path) => ({ owner, path })),
  );
  if (conflicts.length > 0 && !options.force) throw applyConflictError(conflicts);
  for (const other of others) other.fields = other.fields.difference(changed).difference(diff.removed);

  const noop =
    mine !== undefined && mine.fields.equals(appliedFields) && changed.size === 0 && diff.removed.size === 0;
  const entry: ManagerFields = mine ?? { ...identity, fields: appliedFields };
  if (!mine) managers.push(entry);
  entry.fields = appliedFields;
  entry.apiVersion = options.apiVersion;
  if (!noop) entry.time = options.time;
  return writeManagedFields(result, managers);
}
