/**
 * `metadata.managedFields`: which manager owns which fields. Each entry is one manager identity — name,
 * operation (`Apply` | `Update`), subresource, and for Update also the apiVersion — with its field set in
 * FieldsV1 form. `recordUpdate` is what every non-apply write does (structured-merge-diff `Updater.Update`):
 * the writer takes every field it added or changed, even from other managers (updates never conflict), and
 * removed fields leave everyone's sets.
 */
import type { KubeObject, ObjectMeta } from '../../kube/types.js';
import { FieldSet, type FieldsV1 } from './field-set.js';
import { collectFields, compareFields } from './field-walk.js';
import { isJsonObject } from './json-value.js';

export type ManagedFieldsEntry = {
  manager: string;
  operation: 'Apply' | 'Update';
  apiVersion: string;
  time?: string;
  fieldsType: 'FieldsV1';
  fieldsV1: FieldsV1;
  subresource?: string;
};

/** A decoded entry: its identity and metadata, with the field set as a FieldSet. */
export type ManagerFields = Omit<ManagedFieldsEntry, 'fieldsType' | 'fieldsV1'> & { fields: FieldSet };

/** Same manager identity (structured-merge-diff drops apiVersion from Apply identities). */
export function sameManager(a: Omit<ManagerFields, 'fields'>, b: Omit<ManagerFields, 'fields'>): boolean {
  return (
    a.manager === b.manager &&
    a.operation === b.operation &&
    (a.subresource ?? '') === (b.subresource ?? '') &&
    (a.operation === 'Apply' || a.apiVersion === b.apiVersion)
  );
}

/** `"kubectl-client-side-apply" using apps/v1`, as conflict messages name a manager (apimachinery printManager). */
export function describeManager(entry: Omit<ManagerFields, 'fields'>): string {
  let text = JSON.stringify(entry.manager);
  if (entry.subresource) text += ` with subresource ${JSON.stringify(entry.subresource)}`;
  if (entry.operation === 'Update') text += ` using ${entry.apiVersion}`;
  return text;
}

export function readManagedFields(object: KubeObject | undefined): ManagerFields[] {
  const raw: unknown = object?.metadata?.managedFields;
  if (!Array.isArray(raw)) return [];
  return raw.filter(isJsonObject).map((entry) => ({
    manager: typeof entry.manager === 'string' ? entry.manager : '',
    operation: entry.operation === 'Apply' ? 'Apply' : 'Update',
    apiVersion: typeof entry.apiVersion === 'string' ? entry.apiVersion : '',
    ...(typeof entry.time === 'string' ? { time: entry.time } : {}),
    ...(typeof entry.subresource === 'string' && entry.subresource ? { subresource: entry.subresource } : {}),
    fields: FieldSet.fromFieldsV1(entry.fieldsV1),
  }));
}

/** apimachinery `sortEncodedManagedFields`: operation, then time, manager, apiVersion, subresource. */
function compareEntries(p: ManagerFields, q: ManagerFields): number {
  const keys = (e: ManagerFields): string[] => [
    e.operation,
    e.time ?? '',
    e.manager,
    e.apiVersion,
    e.subresource ?? '',
  ];
  const [a, b] = [keys(p), keys(q)];
  for (let i = 0; i < a.length; i++) {
    const [x, y] = [a[i] ?? '', b[i] ?? ''];
    if (x !== y) return x < y ? -1 : 1;
  }
  return 0;
}

/** A copy of `object` carrying `managers` (empty sets dropped; no entries ⇒ no managedFields). */
export function writeManagedFields(object: KubeObject, managers: ManagerFields[]): KubeObject {
  const entries: ManagedFieldsEntry[] = managers
    .filter((m) => m.fields.size > 0)
    .sort(compareEntries)
    .map(({ fields, ...entry }) => ({
      manager: entry.manager,
      operation: entry.operation,
      apiVersion: entry.apiVersion,
      ...(entry.time !== undefined ? { time: entry.time } : {}),
      fieldsType: 'FieldsV1',
      fieldsV1: fields.toFieldsV1(),
      ...(entry.subresource ? { subresource: entry.subresource } : {}),
    }));
  const { managedFields: _previous, ...metadata } = object.metadata ?? {};
  const nextMetadata: ObjectMeta = entries.length > 0 ? { ...metadata, managedFields: entries } : metadata;
  return { ...object, metadata: nextMetadata };
}

/**
 * Records a create/update/patch by `manager` (operation Update): returns a copy of `next` whose managedFields
 * give `manager` the fields it added or changed relative to `old` (undefined for a create). The managers
 * start from `next`'s managedFields when it carries them (a client may reset them), else from `old`'s.
 * The entry's time only moves when the write changed something, so no-op writes stay byte-identical.
 */
export function recordUpdate(
  old: KubeObject | undefined,
  next: KubeObject,
  manager: string,
  apiVersion: string,
  time: string,
  subresource?: string,
): KubeObject {
  const kind = next.kind ?? old?.kind ?? '';
  const managers = readManagedFields(next.metadata?.managedFields !== undefined ? next : old);
  const diff = compareFields(collectFields(old, kind), collectFields(next, kind));
  const changed = diff.added.union(diff.modified);
  const identity: Omit<ManagerFields, 'fields'> = {
    manager,
    operation: 'Update',
    apiVersion,
    ...(subresource ? { subresource } : {}),
  };

  let mine = managers.find((m) => sameManager(m, identity));
  for (const other of managers) {
    if (other !== mine) other.fields = other.fields.difference(changed).difference(diff.removed);
  }
  if (!mine) {
    mine = { ...identity, fields: new FieldSet() };
    managers.push(mine);
  }
  mine.fields = mine.fields.difference(diff.removed).union(changed);
  if (changed.size > 0 || diff.removed.size > 0) mine.time = time;
  return writeManagedFields(next, managers);
}
