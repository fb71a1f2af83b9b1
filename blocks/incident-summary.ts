/**
 * The summary posted in the thread when an incident ends (verified, rejected, undone, expired, or its alerts
 * resolved): outcome, root cause, the change and who approved it, time to recover, the timeline from the audit
 * trail, and the on-call ping (SRE_ONCALL) — the mention is in the text too, so the notification carries it.
 */
import type { KnownBlock } from '@slack/types';
import type { AuditEntry, Incident } from '../src/domain/incident.js';
import { stateEmoji, stateLabel, workloadName } from './incident-labels.js';
import { fields, message, section, type SlackMessage } from './message.js';
import { bullets, escapeAndClip, escapeMrkdwn, inlineCode, mention } from './mrkdwn.js';
import { clockTime, formatDuration, secondsBetween } from './time.js';

export type IncidentSummaryInput = {
  incident: Incident;
  /** SRE_ONCALL: a user (`U…`) or user-group (`S…`) ID; no ping line when unset. */
  oncall?: string;
};

/** Timeline entries shown; an incident that flapped for hours keeps its first and latest entries. */
const TIMELINE_ENTRIES = 20;

export function buildIncidentSummary({ incident, oncall }: IncidentSummaryInput): SlackMessage {
  const workload = workloadName(incident);
  const outcome = `${stateEmoji(incident.state)} ${stateLabel(incident.state)}`;
  const diagnosis = incident.report?.diagnosis;
  const blocks: KnownBlock[] = [
    section(`📋 *Incident summary*  ·  ${escapeMrkdwn(workload)}  ·  ${outcome}`),
    fields([
      ['Outcome', outcome],
      ['Time to recover', recoveryTime(incident)],
      ['Change', incident.applied ? inlineCode(incident.applied.change, 1000) : 'none applied'],
      ['Approved by', incident.approvedBy ? mention(incident.approvedBy) : 'nobody'],
    ]),
  ];
  if (diagnosis?.hasIssue)
    blocks.push(
      section(
        `*Root cause* (${escapeMrkdwn(diagnosis.category)})\n${escapeAndClip(diagnosis.rootCause, 1500)}`,
      ),
    );
  if (incident.audit.length > 0) blocks.push(section(`*Timeline* (UTC)\n${timeline(incident.audit)}`));
  const ping = oncall ? `🔔 ${mention(oncall)}: incident ${stateLabel(incident.state)}` : '';
  if (ping) blocks.push(section(ping));
  const fallback = `Incident summary: ${escapeMrkdwn(workload)} ${stateLabel(incident.state)}`;
  return message(ping ? `${ping} — ${fallback}` : fallback, blocks);
}

/** From the incident's start to the end of a successful fix; only a resolved incident has recovered. */
function recoveryTime(incident: Incident): string {
  if (incident.state !== 'resolved') return 'not recovered';
  const seconds = secondsBetween(incident.createdAt, incident.updatedAt);
  return seconds === undefined ? 'unknown' : formatDuration(seconds);
}

function timeline(audit: readonly AuditEntry[]): string {
  const shown =
    audit.length <= TIMELINE_ENTRIES
      ? audit
      : [...audit.slice(0, 2), ...audit.slice(-(TIMELINE_ENTRIES - 2))];
  const lines = shown.map((entry) => {
    const detail = entry.detail ? ` — ${escapeAndClip(entry.detail, 160)}` : '';
    return `${inlineCode(clockTime(entry.at))} ${mention(entry.actor)} ${escapeAndClip(entry.action, 80)}${detail}`;
  });
  if (audit.length > shown.length) lines.splice(2, 0, `… ${audit.length - shown.length} more entries`);
  return bullets(lines);
}
