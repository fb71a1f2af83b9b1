/**
 * The undo of an applied change: for every field the fix changed, test that it still holds what the API server
 * stored when the fix was applied (so a later edit by someone else is never silently reverted), then put back
 * the previous value — or remove the field when there was none.
 */
import type { FieldRestore, JsonPatchOperation } from '../actions/plan.js';
import { pointer } from '../actions/plan.js';
import { readPointer } from './json-pointer.js';

export function buildUndoPatch(
  restore: FieldRestore[],
  applied: unknown,
  annotations: { incidentId: string; actor: string; existing: Record<string, string> | undefined },
): JsonPatchOperation[] {
  const operations: JsonPatchOperation[] = [];
  for (const field of restore) {
    operations.push({ op: 'test', path: field.path, value: readPointer(applied, field.path) ?? null });
    operations.push(
      field.previous === undefined
        ? { op: 'remove', path: field.path }
        : { op: 'replace', path: field.path, value: field.previous },
    );
  }
  const cause = `sre-bot ${annotations.incidentId}: undo (requested by ${annotations.actor})`;
  operations.push(
    annotations.existing && 'kubernetes.io/change-cause' in annotations.existing
      ? {
          op: 'replace',
          path: pointer('metadata', 'annotations', 'kubernetes.io/change-cause'),
          value: cause,
        }
      : { op: 'add', path: pointer('metadata', 'annotations', 'kubernetes.io/change-cause'), value: cause },
  );
  return operations;
}
