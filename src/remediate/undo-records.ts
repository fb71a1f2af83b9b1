/**
 * Undo records: exactly what a fix changed, stored so that `sre-bot undo` (and Slack's Undo button) can put it
 * back later — from another process, after a restart. Kept in the store under the workload's key (the latest
 * fix) and under their own id.
 */
import { z } from 'zod';
import type { StorePort } from '../store/port.js';

export const UndoRecord = z.object({
  id: z.string(),
  incidentId: z.string(),
  namespace: z.string(),
  deployment: z.string(),
  /** The JSON patch that restores the previous values (with tests that the fix's values are still there). */
  patch: z.array(z.record(z.string(), z.unknown())),
  description: z.string(),
  appliedAt: z.string(),
  appliedBy: z.string(),
  undoneAt: z.string().optional(),
  undoneBy: z.string().optional(),
});
export type UndoRecord = z.infer<typeof UndoRecord>;

const UNDO_TTL_MS = 30 * 24 * 3600 * 1000;

export function workloadUndoKey(namespace: string, deployment: string): string {
  return `undo:workload:${namespace}/${deployment}`;
}

export async function saveUndoRecord(store: StorePort, record: UndoRecord): Promise<void> {
  await store.set(`undo:id:${record.id}`, record, UNDO_TTL_MS);
  await store.set(workloadUndoKey(record.namespace, record.deployment), record, UNDO_TTL_MS);
}

export async function latestUndoRecord(
  store: StorePort,
  namespace: string,
  deployment: string,
): Promise<UndoRecord | undefined> {
  return store.get(workloadUndoKey(namespace, deployment), UndoRecord);
}

export async function undoRecordById(store: StorePort, id: string): Promise<UndoRecord | undefined> {
  return store.get(`undo:id:${id}`, UndoRecord);
}
