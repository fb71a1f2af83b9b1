/**
 * Everything the flows show in Slack: the root card (updated in place), thread replies, ephemeral notices, and
 * the end-of-incident summary with its on-call ping (once per end, across replicas).
 */
import { buildIncidentCard } from '../../blocks/incident-card.js';
import { buildIncidentSummary } from '../../blocks/incident-summary.js';
import type { SlackMessage } from '../../blocks/message.js';
import { FINAL_STATES, type Incident } from '../domain/incident.js';
import { undoRecordById } from '../remediate/undo-records.js';
import type { IncidentDeps } from './incident-deps.js';
import { incidentLogger } from './incident-log.js';

const SUMMARY_CLAIM_MS = 7 * 24 * 3600 * 1000;

export async function undoAvailable(deps: IncidentDeps, incident: Incident): Promise<boolean> {
  const undoId = incident.applied?.undoId;
  if (!undoId || (incident.state !== 'resolved' && incident.state !== 'failed')) return false;
  const record = await undoRecordById(deps.store, undoId);
  return record !== undefined && record.undoneAt === undefined;
}

export async function cardFor(deps: IncidentDeps, incident: Incident): Promise<SlackMessage> {
  return buildIncidentCard(incident, {
    undoAvailable: await undoAvailable(deps, incident),
    ...(deps.settings.approvers ? { approvers: deps.settings.approvers } : { approvers: [] }),
  });
}

/** Rebuilds the root message from the incident; failures are logged, never thrown into a flow. */
export async function refreshCard(deps: IncidentDeps, incident: Incident): Promise<void> {
  if (!incident.slack) return;
  try {
    await deps.chat.update(incident.slack.channel, incident.slack.ts, await cardFor(deps, incident));
  } catch (error) {
    incidentLogger(deps, incident.id).error({ err: error }, 'could not update the incident message');
  }
}

export async function threadReply(
  deps: IncidentDeps,
  incident: Incident,
  messages: SlackMessage | SlackMessage[],
  broadcast = false,
): Promise<void> {
  if (!incident.slack) return;
  const list = Array.isArray(messages) ? messages : [messages];
  for (const [index, message] of list.entries()) {
    try {
      await deps.chat.post(incident.slack.channel, message, {
        threadTs: incident.slack.ts,
        // Only the first of a multi-part reply is broadcast: one line in the channel is enough.
        broadcast: broadcast && index === 0,
      });
    } catch (error) {
      incidentLogger(deps, incident.id).error({ err: error }, 'could not post in the incident thread');
    }
  }
}

export function note(text: string): SlackMessage {
  return { text, blocks: [{ type: 'section', text: { type: 'mrkdwn', text } }] };
}

/** The end-of-incident summary and on-call ping, exactly once per incident end, whichever replica gets there. */
export async function summarizeIfEnded(deps: IncidentDeps, incident: Incident): Promise<void> {
  if (!FINAL_STATES.has(incident.state)) return;
  const first = await deps.store.claim(
    `summary:${incident.id}:${incident.state}`,
    'posted',
    SUMMARY_CLAIM_MS,
  );
  if (!first) return;
  const seconds = (deps.clock.now().getTime() - Date.parse(incident.createdAt)) / 1000;
  deps.events?.incidentEnded?.(incident.state, seconds);
  incidentLogger(deps, incident.id).info({ outcome: incident.state, seconds }, 'incident ended');
  await threadReply(
    deps,
    incident,
    buildIncidentSummary({ incident, ...(deps.settings.oncall ? { oncall: deps.settings.oncall } : {}) }),
    // In the thread only: the outcome was already broadcast, and the on-call mention notifies by itself.
  );
}
