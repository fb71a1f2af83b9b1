/**
 * The logger of one incident: every line a flow writes about an incident carries its id (`incident`), so one
 * query (`incident="inc-…"`) gives the whole story across the command, the buttons, alerts and verification.
 */
import type { Logger } from '../log.js';
import type { IncidentDeps } from './incident-deps.js';

export function incidentLogger(deps: Pick<IncidentDeps, 'logger'>, incidentId: string): Logger {
  return deps.logger.child({ incident: incidentId });
}
