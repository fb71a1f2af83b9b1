/** What alerts add to an incident's thread: resolved notifications (one reply per notification, not per alert). */
import { message, section, type SlackMessage } from '../../blocks/message.js';
import { bullets, escapeAndClip, escapeMrkdwn } from '../../blocks/mrkdwn.js';
import type { ReceivedAlert } from './received-alert.js';

const LISTED = 10;

export function resolvedReply(resolved: readonly ReceivedAlert[], stillFiring: number): SlackMessage {
  const lines = resolved.slice(0, LISTED).map((alert) => {
    const subject = alert.pod ?? alert.deployment ?? alert.namespace ?? '';
    const where = subject ? ` on ${escapeMrkdwn(subject)}` : '';
    const summary = alert.summary ? ` — ${escapeAndClip(alert.summary, 200)}` : '';
    return `*${escapeAndClip(alert.alertname, 120)}*${where}${summary}`;
  });
  if (resolved.length > LISTED) lines.push(`… and ${resolved.length - LISTED} more`);
  const names = [...new Set(resolved.map((alert) => alert.alertname))].join(', ');
  const remaining =
    stillFiring > 0
      ? `${stillFiring} alert${stillFiring === 1 ? '' : 's'} still firing.`
      : 'No alert is firing.';
  const title = `:white_check_mark: Alert${resolved.length === 1 ? '' : 's'} resolved. ${remaining}`;
  return message(`Resolved: ${escapeAndClip(names, 300)}. ${remaining}`, [
    section(`${title}\n${bullets(lines)}`),
  ]);
}
