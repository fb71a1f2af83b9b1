/**
 * `/sre status`: the open incidents, newest first, with state, age and the ts of their root message. The ts is
 * shown as text, not a permalink: building one needs chat.getPermalink, and builders make no API calls.
 */
import { FINAL_STATES, type Incident } from '../src/domain/incident.js';
import { stateEmoji, stateLabel, workloadName } from './incident-labels.js';
import { context, message, section, type SlackMessage } from './message.js';
import { bullets, escapeAndClip, escapeMrkdwn, inlineCode } from './mrkdwn.js';
import { formatDuration, secondsBetween } from './time.js';

export type StatusListInput = {
  incidents: readonly Incident[];
  /** The time ages are measured from (builders never read the clock). */
  now: Date;
};

/** Lines per section and sections in all: 45 incidents fit; more are counted. */
const PER_SECTION = 15;
const MAX_LISTED = 45;

export function buildStatusList({ incidents, now }: StatusListInput): SlackMessage {
  const open = incidents
    .filter((incident) => !FINAL_STATES.has(incident.state))
    .sort((left, right) => right.createdAt.localeCompare(left.createdAt));
  if (open.length === 0)
    return message('No open incidents', [
      section('✅ *No open incidents.* `/sre diagnose NAMESPACE` starts one.'),
    ]);
  const lines = open.slice(0, MAX_LISTED).map((incident) => incidentLine(incident, now));
  const sections = [];
  for (let start = 0; start < lines.length; start += PER_SECTION)
    sections.push(section(bullets(lines.slice(start, start + PER_SECTION))));
  const more = open.length - lines.length;
  const count = `${open.length} open incident${open.length === 1 ? '' : 's'}`;
  return message(count, [
    section(`*${count}*`),
    ...sections,
    ...(more > 0 ? [context([`… and ${more} more, oldest not shown`])] : []),
  ]);
}

function incidentLine(incident: Incident, now: Date): string {
  const age = secondsBetween(incident.createdAt, now.toISOString());
  const where = incident.slack ? `  ·  message ts ${inlineCode(incident.slack.ts)}` : '';
  const category = incident.report?.diagnosis.hasIssue
    ? ` (${escapeMrkdwn(incident.report.diagnosis.category)})`
    : '';
  return (
    [
      `${stateEmoji(incident.state)} *${escapeAndClip(workloadName(incident), 200)}*${category}`,
      stateLabel(incident.state),
      age === undefined ? 'age unknown' : `${formatDuration(age)} old`,
    ].join('  ·  ') + where
  );
}
