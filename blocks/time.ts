/**
 * Time formatting for messages. Builders never read the clock: every instant arrives as an RFC 3339 string (or
 * a `now` passed in), so the same input always renders the same message.
 */
import { escapeMrkdwn } from './mrkdwn.js';

/** `42s`, `3m 12s`, `5m`, `1h 05m`, `2d 3h`. */
export function formatDuration(totalSeconds: number): string {
  const seconds = Math.max(0, Math.round(totalSeconds));
  if (seconds < 60) return `${seconds}s`;
  if (seconds < 3600)
    return seconds % 60 === 0 ? `${seconds / 60}m` : `${Math.floor(seconds / 60)}m ${seconds % 60}s`;
  if (seconds < 86_400) {
    const minutes = Math.floor((seconds % 3600) / 60);
    return `${Math.floor(seconds / 3600)}h ${String(minutes).padStart(2, '0')}m`;
  }
  return `${Math.floor(seconds / 86_400)}d ${Math.floor((seconds % 86_400) / 3600)}h`;
}

/** Seconds from one instant to another, or undefined when either is not a valid time. */
export function secondsBetween(fromIso: string, toIso: string): number | undefined {
  const from = Date.parse(fromIso);
  const to = Date.parse(toIso);
  if (Number.isNaN(from) || Number.isNaN(to)) return undefined;
  return Math.max(0, (to - from) / 1000);
}

/**
 * `14:03:22` in UTC — a fixed zone, because thread logs are read by people in several zones and compared with
 * cluster logs; messages that list times say "UTC" once.
 */
export function clockTime(iso: string): string {
  const time = Date.parse(iso);
  if (Number.isNaN(time)) return escapeMrkdwn(iso);
  return new Date(time).toISOString().slice(11, 19);
}

/**
 * Slack's localized date token (`<!date^…>`): each reader sees their own zone; the fallback (shown by clients
 * that cannot render it, and in notifications) is the UTC time.
 */
export function slackDate(iso: string): string {
  const time = Date.parse(iso);
  if (Number.isNaN(time)) return escapeMrkdwn(iso);
  const fallback = `${new Date(time).toISOString().slice(0, 16).replace('T', ' ')} UTC`;
  return `<!date^${Math.floor(time / 1000)}^{date_short_pretty} {time}|${fallback}>`;
}
