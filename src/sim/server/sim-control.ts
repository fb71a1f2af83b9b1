/**
 * `/_sim/*`: test and demo controls over HTTP, for a sim running in another process (`sre-bot sim`):
 * `POST /_sim/advance?by=5m` moves the virtual clock, `GET /_sim/time` reads it, `POST /_sim/faults` adds a fault
 * rule (JSON body, see FaultRule), `DELETE /_sim/faults` clears them. `/healthz` answers `ok`.
 */
import type { ServerResponse } from 'node:http';
import type { SimCluster } from '../cluster.js';
import { errors } from '../errors.js';
import { parseDuration } from '../duration.js';
import type { FaultInjector, FaultRule } from './faults.js';
import { parseJsonBody, sendJson, sendText } from './http-io.js';

export function handleSimControl(
  cluster: SimCluster,
  faults: FaultInjector,
  action: string,
  method: string,
  url: URL,
  body: string,
  response: ServerResponse,
): void {
  if (action === 'health') return sendText(response, 200, 'ok');
  if (action === 'time' && method === 'GET') {
    return sendJson(response, 200, { now: new Date(cluster.clock.now()).toISOString() });
  }
  if (action === 'advance' && method === 'POST') {
    const by = parseDuration(url.searchParams.get('by') ?? '');
    if (by === undefined) throw errors.badRequest('advance needs ?by=<duration>, e.g. 30s, 5m, 1h');
    cluster.advance(by);
    return sendJson(response, 200, { now: new Date(cluster.clock.now()).toISOString() });
  }
  if (action === 'faults' && method === 'POST') {
    const rule = parseJsonBody(body, 'fault rule') as FaultRule;
    if (typeof rule.path !== 'string' || typeof rule.method !== 'string') {
      throw errors.badRequest('a fault rule needs "method" and "path"');
    }
    faults.add(rule);
    return sendJson(response, 201, rule);
  }
  if (action === 'faults' && method === 'DELETE') {
    faults.clear();
    return sendJson(response, 200, { cleared: true });
  }
  throw errors.unknownPath();
}
