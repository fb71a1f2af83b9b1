/**
 * The status line that replaces the buttons once someone acted (or the incident moved on by itself): who did
 * what, and the outcome. Names people with mentions so the line is an attribution, not just a state.
 */
import type { AuditEntry, Incident } from '../src/domain/incident.js';
import { escapeAndClip, mention } from './mrkdwn.js';
import { formatDuration } from './time.js';

/** The line for the incident's state, or undefined while a decision is pending (the buttons are shown). */
export function statusLine(incident: Incident): string | undefined {
  const approver = who(incident.approvedBy);
  const last = lastEntry(incident);
  switch (incident.state) {
    case 'open':
    case 'diagnosing':
      return '🔍 Diagnosing: observing the cluster and running the analyzers…';
    case 'proposed':
      return undefined;
    case 'approved':
    case 'applying':
      return `⏳ Approved by ${approver}  ·  applying…`;
    case 'verifying':
      return `⏳ Approved by ${approver}  ·  applied, verifying the rollout…`;
    case 'resolved':
      if (incident.applied && incident.verification?.healthy)
        return `✅ Fixed and verified in ${formatDuration(incident.verification.seconds)}  ·  approved by ${approver}`;
      return `✅ Resolved${detail(last)}`;
    case 'failed':
      if (incident.verification && !incident.verification.healthy)
        return `❌ Verification failed: ${escapeAndClip(incident.verification.reason, 600)}`;
      return `❌ Failed${detail(last)}`;
    case 'rejected':
      return `🚫 Rejected by ${who(incident.rejectedBy ?? last?.actor)}`;
    case 'undone':
      return `↩️ Undone by ${who(incident.undoneBy ?? last?.actor)}`;
    case 'expired':
      return '⌛ Expired';
  }
}

function who(id: string | undefined): string {
  return id ? mention(id) : 'someone';
}

function lastEntry(incident: Incident): AuditEntry | undefined {
  return incident.audit[incident.audit.length - 1];
}

/** `: <why>` from the audit entry that ended the incident, when it says why. */
function detail(entry: AuditEntry | undefined): string {
  const text = entry?.detail ?? entry?.action;
  return text ? `: ${escapeAndClip(text, 600)}` : '';
}
