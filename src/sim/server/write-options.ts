/** Query parameters of writes: dryRun, fieldManager, force, and DeleteOptions (query or body). */
import type { IncomingHttpHeaders } from 'node:http';
import type { DeleteOptions, WriteOptions } from '../api/context.js';
import { errors, fieldErrors } from '../errors.js';

function parseDryRun(values: string[]): boolean {
  if (values.length === 0) return false;
  for (const value of values) {
    if (value !== 'All') {
      throw errors.invalid('CreateOptions', 'meta.k8s.io', '', [
        fieldErrors.notSupported('dryRun', value, ['All']),
      ]);
    }
  }
  return true;
}

/** Without `fieldManager` the server records the User-Agent's product (`kubectl`, `node-fetch`). */
export function writeOptionsFrom(
  query: URLSearchParams,
  headers: IncomingHttpHeaders,
  user: string,
): WriteOptions {
  const agent = headers['user-agent']?.split('/')[0];
  const fieldManager = query.get('fieldManager') ?? agent;
  return {
    dryRun: parseDryRun(query.getAll('dryRun')),
    ...(fieldManager ? { fieldManager } : {}),
    force: query.get('force') === 'true',
    user,
  };
}

type DeleteBody = {
  gracePeriodSeconds?: number;
  propagationPolicy?: string;
  orphanDependents?: boolean;
  preconditions?: { uid?: string; resourceVersion?: string };
  dryRun?: string[];
};

/** DeleteOptions from the body (kubectl) and the query (client-node); the body wins where both say something. */
export function deleteOptionsFrom(query: URLSearchParams, body: unknown): DeleteOptions {
  const fromBody = (body && typeof body === 'object' ? body : {}) as DeleteBody;
  const grace = fromBody.gracePeriodSeconds ?? numberOrUndefined(query.get('gracePeriodSeconds'));
  const orphan = fromBody.orphanDependents ?? (query.get('orphanDependents') === 'true' ? true : undefined);
  const policy =
    fromBody.propagationPolicy ?? query.get('propagationPolicy') ?? (orphan ? 'Orphan' : undefined);
  if (policy !== undefined && policy !== 'Background' && policy !== 'Foreground' && policy !== 'Orphan') {
    throw errors.invalid('DeleteOptions', 'meta.k8s.io', '', [
      fieldErrors.notSupported('propagationPolicy', policy, ['Foreground', 'Background', 'Orphan']),
    ]);
  }
  const dryRun = parseDryRun([...(fromBody.dryRun ?? []), ...query.getAll('dryRun')]);
  return {
    ...(grace !== undefined ? { gracePeriodSeconds: grace } : {}),
    ...(policy ? { propagationPolicy: policy } : {}),
    ...(fromBody.preconditions ? { preconditions: fromBody.preconditions } : {}),
    dryRun,
  };
}

function numberOrUndefined(value: string | null): number | undefined {
  if (value === null || value === '') return undefined;
  const parsed = Number(value);
  return Number.isFinite(parsed) ? parsed : undefined;
}
