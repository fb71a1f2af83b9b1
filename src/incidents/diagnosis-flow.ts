/**
 * Opening an incident and (re-)diagnosing it: the root card is posted first ("diagnosing…"), then updated in place
 * with the diagnosis; all findings with their full evidence go into the thread.
 */
import { buildEvidenceThread } from '../../blocks/evidence-thread.js';
import { buildIncidentCard } from '../../blocks/incident-card.js';
import { proposedWorkload, transition, type Incident, type IncidentTrigger } from '../domain/incident.js';
import { errorMessage } from '../errors.js';
import type { IncidentDeps } from './incident-deps.js';
import { newIncidentId } from './incident-id.js';
import { incidentLogger } from './incident-log.js';
import { note, refreshCard, summarizeIfEnded, threadReply } from './incident-notifier.js';

export type OpenRequest = {
  trigger: IncidentTrigger;
  channel: string;
  namespace: string;
  deployment: string | undefined;
  actor: string;
  /** Alert fingerprints that opened it (alert-triggered incidents). */
  alerts?: Record<string, 'firing' | 'resolved'>;
  /** The alerts' highest `severity` label (alert-triggered incidents), shown on the card. */
  severity?: string;
};

export async function openIncident(deps: IncidentDeps, request: OpenRequest): Promise<Incident> {
  const now = deps.clock.now();
  let incident: Incident = {
    id: newIncidentId(now),
    namespace: request.namespace,
    target: request.deployment ?? null,
    trigger: request.trigger,
    state: 'diagnosing',
    createdAt: now.toISOString(),
    updatedAt: now.toISOString(),
    alerts: request.alerts ?? {},
    ...(request.severity ? { severity: request.severity } : {}),
    audit: [
      {
        at: now.toISOString(),
        actor: request.actor,
        action: 'opened',
        detail: describeTrigger(request.trigger),
      },
    ],
  };
  deps.events?.incidentOpened?.(request.trigger.kind);
  const posted = await deps.chat.post(
    request.channel,
    buildIncidentCard(incident, { approvers: deps.settings.approvers ?? [] }),
  );
  incident = await deps.incidents.save({ ...incident, slack: { channel: posted.channel, ts: posted.ts } });
  incidentLogger(deps, incident.id).info(
    { namespace: incident.namespace, target: incident.target, trigger: incident.trigger.kind },
    'incident opened',
  );
  return runDiagnosis(deps, incident, request.actor);
}

/** Diagnoses (again) and moves the incident to proposed, or resolved when nothing is wrong. */
export async function runDiagnosis(deps: IncidentDeps, start: Incident, actor: string): Promise<Incident> {
  const log = incidentLogger(deps, start.id);
  let incident =
    start.state === 'diagnosing'
      ? start
      : transition(start, 'diagnosing', { actor, action: 're-diagnosing' }, deps.clock.now());
  const started = deps.clock.now().getTime();
  try {
    const report = await deps.diagnose(incident.namespace, incident.target ?? undefined);
    deps.events?.diagnosed?.((deps.clock.now().getTime() - started) / 1000, report.diagnosis.source);
    const shown = start.report?.diagnosis.hasIssue ? start.report : undefined;
    if (shown && !report.diagnosis.hasIssue) {
      // The problem the card showed is gone (fixed by hand, or by itself). The card keeps that diagnosis — it is
      // what the incident was about — and says it was checked again; the healthy report adds nothing to read.
      incident = transition(
        { ...incident, report: shown },
        'resolved',
        { actor, action: 'checked again', detail: 'the problem is gone: a fresh diagnosis finds no issue' },
        deps.clock.now(),
      );
    } else {
      const sameAs = await sameProblemElsewhere(deps, { ...incident, report });
      const { sameAs: _previous, ...rest } = incident;
      incident = transition(
        { ...rest, ...(sameAs ? { sameAs } : {}), report },
        report.diagnosis.hasIssue ? 'proposed' : 'resolved',
        { actor: 'sre-bot', action: 'diagnosed', detail: report.diagnosis.summary },
        deps.clock.now(),
      );
    }
    incident = await deps.incidents.save(incident);
    await refreshCard(deps, incident);
    if (report.findings.length > 0) await threadReply(deps, incident, buildEvidenceThread(report));
    // A problem that was shown and is now gone (fixed by hand, or by itself) ends the incident like any other
    // end: summary and on-call ping. A first look that finds nothing wrong ends quietly — nobody was paged.
    if (incident.state === 'resolved' && shown) await summarizeIfEnded(deps, incident);
    log.info(
      { category: report.diagnosis.category, source: report.diagnosis.source, state: incident.state },
      'diagnosed',
    );
    return incident;
  } catch (error) {
    log.error({ err: error }, 'diagnosis failed');
    incident = transition(
      incident,
      'failed',
      { actor: 'sre-bot', action: 'diagnosis-failed', detail: errorMessage(error) },
      deps.clock.now(),
    );
    incident = await deps.incidents.save(incident);
    await refreshCard(deps, incident);
    await threadReply(deps, incident, note(`:x: Could not diagnose: ${errorMessage(error)}`), true);
    return incident;
  }
}

/**
 * A namespace-wide diagnosis about a workload that has its own open incident (an alert on it came first): the id
 * of that incident, where the fix is decided — two cards with the same buttons would ask two people to decide.
 */
async function sameProblemElsewhere(deps: IncidentDeps, incident: Incident): Promise<string | undefined> {
  if (incident.target !== null) return undefined;
  const workload = proposedWorkload(incident);
  const other = workload ? await deps.incidents.openFor(incident.namespace, workload) : undefined;
  return other && other.id !== incident.id ? other.id : undefined;
}

function describeTrigger(trigger: IncidentTrigger): string {
  switch (trigger.kind) {
    case 'command':
      return '/sre diagnose';
    case 'alert':
      return `alert ${trigger.alertnames.join(', ')}`;
    case 'cli':
      return `sre-bot CLI (${trigger.user})`;
  }
}
