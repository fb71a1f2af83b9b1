/**
 * Undo: put back exactly what a fix changed, from its undo record. The undo patch tests that the fix's values are
 * still in place, so if someone changed the workload since, the API server refuses it and nothing is overwritten.
 */
import { randomUUID } from 'node:crypto';
import { KubeApiError } from '../errors.js';
import type { RemediationDeps } from './deps.js';
import { FIELD_MANAGER } from './dry-run.js';
import { latestUndoRecord, saveUndoRecord, undoRecordById, type UndoRecord } from './undo-records.js';
import { acquireWorkloadLease, leaseHolder, LeaseHeldError } from './workload-lease.js';
import type { JsonPatchOperation } from '../actions/plan.js';

export type UndoRequest = { namespace: string; deployment: string; actor: string; undoId?: string };

export type UndoOutcome =
  | { status: 'undone'; record: UndoRecord; generation: number | undefined }
  | {
      status: 'refused';
      reason: 'nothing_to_undo' | 'already_undone' | 'lease_held' | 'changed_since' | 'api_rejected';
      message: string;
    };

export async function undoChange(deps: RemediationDeps, request: UndoRequest): Promise<UndoOutcome> {
  const record = request.undoId
    ? await undoRecordById(deps.store, request.undoId)
    : await latestUndoRecord(deps.store, request.namespace, request.deployment);
  if (!record) {
    return {
      status: 'refused',
      reason: 'nothing_to_undo',
      message: `no change by sre-bot on ${request.namespace}/${request.deployment} is recorded`,
    };
  }
  if (record.undoneAt) {
    return {
      status: 'refused',
      reason: 'already_undone',
      message: `${record.description} was already undone by ${record.undoneBy ?? 'someone'} at ${record.undoneAt}`,
    };
  }
  let lease;
  try {
    lease = await acquireWorkloadLease(
      deps.kube,
      deps.clock,
      { namespace: record.namespace, deployment: record.deployment },
      leaseHolder(deps.holder, `undo-${randomUUID().slice(0, 8)}`),
      deps.leaseSeconds,
    );
  } catch (error) {
    if (error instanceof LeaseHeldError)
      return { status: 'refused', reason: 'lease_held', message: error.message };
    throw error;
  }
  try {
    const patch = (record.patch as JsonPatchOperation[]).map((operation) =>
      operation.op !== 'remove' && operation.path === '/metadata/annotations/kubernetes.io~1change-cause'
        ? {
            ...operation,
            value: `sre-bot ${record.incidentId}: undo of "${record.description}" (requested by ${request.actor})`,
          }
        : operation,
    );
    const result = await deps.kube.patch(
      'Deployment',
      record.namespace,
      record.deployment,
      { type: 'json', body: patch },
      { fieldManager: FIELD_MANAGER },
    );
    const undone = { ...record, undoneAt: deps.clock.now().toISOString(), undoneBy: request.actor };
    await saveUndoRecord(deps.store, undone);
    return { status: 'undone', record: undone, generation: result.metadata?.generation };
  } catch (error) {
    if (error instanceof KubeApiError && error.status === 422) {
      return {
        status: 'refused',
        reason: 'changed_since',
        message: `${record.namespace}/${record.deployment} changed since the fix was applied; undoing now would overwrite that change, so nothing was done`,
      };
    }
    if (error instanceof KubeApiError && error.status !== undefined && error.status < 500) {
      return {
        status: 'refused',
        reason: 'api_rejected',
        message: `the API server refused the undo: ${error.message}`,
      };
    }
    throw error;
  } finally {
    await lease.release().catch(() => undefined);
  }
}
