/** Words and emoji for incidents, shared by the card, the status list and the summary so they never disagree. */
import type { Incident, IncidentState, IncidentTrigger } from '../src/domain/incident.js';
import { escapeMrkdwn, inlineCode, mention } from './mrkdwn.js';

const STATE_LABELS: Record<IncidentState, string> = {
  open: 'investigating',
  diagnosing: 'diagnosing',
  proposed: 'fix proposed',
  approved: 'approved, applying',
  applying: 'applying fix',
  verifying: 'verifying fix',
  resolved: 'resolved',
  failed: 'failed',
  rejected: 'rejected',
  undone: 'fix undone',
  expired: 'expired',
};

const STATE_EMOJI: Record<IncidentState, string> = {
  open: '🔍',
  diagnosing: '🔍',
  proposed: '🔥',
  approved: '⏳',
  applying: '⏳',
  verifying: '⏳',
  resolved: '✅',
  failed: '❌',
  rejected: '🚫',
  undone: '↩️',
  expired: '⌛',
};

export function stateLabel(state: IncidentState): string {
  return STATE_LABELS[state];
}

export function stateEmoji(state: IncidentState): string {
  return STATE_EMOJI[state];
}

/** `payments/payments`, or `payments (namespace)` for a namespace-wide incident. Raw text: escape for mrkdwn. */
export function workloadName(incident: Pick<Incident, 'namespace' | 'target'>): string {
  return incident.target ? `${incident.namespace}/${incident.target}` : `${incident.namespace} (namespace)`;
}

/** How the incident started, as mrkdwn. */
export function triggerText(trigger: IncidentTrigger): string {
  switch (trigger.kind) {
    case 'command':
      return `${inlineCode('/sre diagnose')} by ${mention(trigger.user)}`;
    case 'alert': {
      const names = trigger.alertnames.slice(0, 3).map((name) => escapeMrkdwn(name));
      const more = trigger.alertnames.length > 3 ? ` +${trigger.alertnames.length - 3} more` : '';
      return `alert ${names.join(', ')}${more}`;
    }
    case 'cli':
      return `CLI (${escapeMrkdwn(trigger.user)})`;
  }
}

const SEVERITY_EMOJI: Record<string, string> = { critical: '🔴', error: '🔴', warning: '🟡', info: '🔵' };

/** `🔴 critical`, from the alert's severity label; undefined when the incident has none (a command). */
export function severityText(severity: string | undefined): string | undefined {
  if (!severity) return undefined;
  return `${SEVERITY_EMOJI[severity.toLowerCase()] ?? '⚪️'} ${escapeMrkdwn(severity)}`;
}

/** `2 firing, 1 resolved` for the alerts grouped into the incident; undefined when there are none. */
export function alertCounts(alerts: Incident['alerts']): string | undefined {
  const statuses = Object.values(alerts);
  if (statuses.length === 0) return undefined;
  const firing = statuses.filter((status) => status === 'firing').length;
  const resolved = statuses.length - firing;
  return [firing > 0 ? `${firing} firing` : '', resolved > 0 ? `${resolved} resolved` : '']
    .filter(Boolean)
    .join(', ');
}
