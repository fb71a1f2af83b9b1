/**
 * What alerts do to incidents. The first firing alerts of a workload open an incident in SLACK_CHANNEL (card
 * posted, diagnosed at once). Later alerts join it: their fingerprints are recorded and the root message is
 * updated in place — no new post. `resolved` alerts get one thread reply per notification; when every alert of
 * an incident without an applied fix has resolved, the incident ends as resolved, with its summary. While an
 * approved fix runs, the incident record belongs to that flow: alerts are only noted and threaded.
 */
import { openIncident } from '../incidents/diagnosis-flow.js';
import { decisionClaimKey } from '../incidents/decision-claim.js';
import type { IncidentDeps } from '../incidents/incident-deps.js';
import { incidentLogger } from '../incidents/incident-log.js';
import { refreshCard, summarizeIfEnded, threadReply } from '../incidents/incident-notifier.js';
import { transition, type Incident, type IncidentTrigger } from '../domain/incident.js';
import { resolvedReply } from './alert-messages.js';
import { highestSeverity, type ReceivedAlert } from './received-alert.js';
import type { Workload } from './workload-resolver.js';

/** States in which nobody is acting on the incident, so alerts alone may end it. */
const ENDABLE_STATES: ReadonlySet<Incident['state']> = new Set(['open', 'proposed']);
/**
 * States in which an approved fix is running: its flow holds the incident and saves its own copy at every
 * step, so a write from here would be overwritten (or, worse, overwrite the flow's state). Alerts are still
 * remembered (the ledger) and resolutions still threaded; the card is left to the flow.
 */
const FIX_RUNNING: ReadonlySet<Incident['state']> = new Set(['approved', 'applying', 'verifying']);
const CLAIM_MS = 30 * 60 * 1000;

export async function openForAlerts(
  deps: IncidentDeps,
  channel: string,
  workload: Workload,
  firing: readonly ReceivedAlert[],
): Promise<Incident> {
  const severity = highestSeverity(firing.map((alert) => alert.severity));
  return openIncident(deps, {
    trigger: {
      kind: 'alert',
      alertnames: unique(firing.map((alert) => alert.alertname)),
      fingerprints: unique(firing.map((alert) => alert.fingerprint)),
    },
    channel,
    namespace: workload.namespace,
    deployment: workload.deployment,
    actor: 'alertmanager',
    alerts: Object.fromEntries(firing.map((alert) => [alert.fingerprint, 'firing' as const])),
    ...(severity ? { severity } : {}),
  });
}

/** Records alerts (in arrival order) on an existing incident, threads resolutions, ends it when all resolved. */
export async function applyAlerts(
  deps: IncidentDeps,
  incidentId: string,
  alerts: readonly ReceivedAlert[],
): Promise<void> {
  // Read right before writing: a button flow may have moved the incident on since the batch started.
  const current = await deps.incidents.get(incidentId);
  if (!current) return;
  const log = incidentLogger(deps, incidentId);
  const statuses = { ...current.alerts };
  const joined: ReceivedAlert[] = [];
  const resolved: ReceivedAlert[] = [];
  for (const alert of alerts) {
    if (statuses[alert.fingerprint] === alert.status) continue;
    statuses[alert.fingerprint] = alert.status;
    (alert.status === 'firing' ? joined : resolved).push(alert);
  }
  if (joined.length === 0 && resolved.length === 0) return;

  const firing = Object.values(statuses).filter((status) => status === 'firing').length;
  if (FIX_RUNNING.has(current.state)) {
    log.info({ joined: joined.length, resolved: resolved.length, firing }, 'alerts noted while a fix runs');
    if (resolved.length > 0) await threadReply(deps, current, resolvedReply(resolved, firing));
    return;
  }
  const severity = highestSeverity([current.severity, ...joined.map((alert) => alert.severity)]);
  let incident: Incident = {
    ...current,
    alerts: statuses,
    trigger: withAlerts(current.trigger, joined),
    ...(severity ? { severity } : {}),
    audit: [
      ...current.audit,
      {
        at: deps.clock.now().toISOString(),
        actor: 'alertmanager',
        action: 'alerts',
        detail: describe(joined, resolved),
      },
    ],
  };
  const ends = resolved.length > 0 && firing === 0 && (await mayEnd(deps, incident));
  if (ends) {
    incident = transition(
      incident,
      'resolved',
      {
        actor: 'alertmanager',
        action: 'alerts resolved',
        detail: 'every alert resolved; no fix was applied',
      },
      deps.clock.now(),
    );
  }
  try {
    incident = await deps.incidents.save(incident);
  } catch (error) {
    // Not ended after all: give the claim back so the proposal can still be approved.
    if (ends) await deps.store.releaseClaim(claimKey(incident)).catch(() => undefined);
    throw error;
  }
  log.info({ joined: joined.length, resolved: resolved.length, firing, ended: ends }, 'alerts recorded');
  if (resolved.length > 0) await threadReply(deps, incident, resolvedReply(resolved, firing));
  await refreshCard(deps, incident);
  if (ends) await summarizeIfEnded(deps, incident);
}

/**
 * Only an incident nobody acts on, with no change applied, ends with its alerts; and it takes the same claim as
 * Approve and Reject, so an approval racing the resolution either wins (and the fix runs) or finds it ended.
 */
async function mayEnd(deps: IncidentDeps, incident: Incident): Promise<boolean> {
  if (incident.applied || !ENDABLE_STATES.has(incident.state)) return false;
  return deps.store.claim(claimKey(incident), 'alertmanager', CLAIM_MS);
}

const claimKey = (incident: Incident): string =>
  decisionClaimKey(incident.id, incident.report?.proposals[0]?.id ?? '');

function withAlerts(trigger: IncidentTrigger, joined: readonly ReceivedAlert[]): IncidentTrigger {
  if (trigger.kind !== 'alert' || joined.length === 0) return trigger;
  return {
    ...trigger,
    alertnames: unique([...trigger.alertnames, ...joined.map((alert) => alert.alertname)]),
    fingerprints: unique([...trigger.fingerprints, ...joined.map((alert) => alert.fingerprint)]),
  };
}

function describe(joined: readonly ReceivedAlert[], resolved: readonly ReceivedAlert[]): string {
  const names = (list: readonly ReceivedAlert[]) => unique(list.map((alert) => alert.alertname)).join(', ');
  return [
    joined.length > 0 ? `${joined.length} firing (${names(joined)})` : '',
    resolved.length > 0 ? `${resolved.length} resolved (${names(resolved)})` : '',
  ]
    .filter(Boolean)
    .join('; ');
}

function unique(values: readonly string[]): string[] {
  return [...new Set(values)];
}
