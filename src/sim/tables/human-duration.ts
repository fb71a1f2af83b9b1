/**
 * apimachinery `util/duration.HumanDuration` and the printers' `translateTimestampSince`: how `kubectl get` renders
 * AGE, LAST SEEN and the `(45s ago)` of RESTARTS. Go truncates every division toward zero; so does this.
 */
import { parseTime } from '../clock.js';

const SECOND = 1000;
const MINUTE = 60 * SECOND;
const HOUR = 60 * MINUTE;

/** Go's zero `metav1.Time` (`0001-01-01T00:00:00Z`): printed as `<unknown>`, like an absent timestamp. */
const GO_ZERO_TIME_MS = Date.parse('0001-01-01T00:00:00Z');

/** Renders a duration in milliseconds the way `HumanDuration` does (`45s`, `2m5s`, `3h`, `5d2h`, `2y10d`, …). */
export function humanDuration(ms: number): string {
  const seconds = Math.trunc(ms / SECOND);
  // A clock skew of up to ~2 s counts as "now"; anything further in the future is nonsense.
  if (seconds < -1) return '<invalid>';
  if (seconds < 0) return '0s';
  if (seconds < 120) return `${seconds}s`;
  const minutes = Math.trunc(ms / MINUTE);
  if (minutes < 10) {
    const s = seconds % 60;
    return s === 0 ? `${minutes}m` : `${minutes}m${s}s`;
  }
  if (minutes < 3 * 60) return `${minutes}m`;
  const hours = Math.trunc(ms / HOUR);
  if (hours < 8) {
    const m = minutes % 60;
    return m === 0 ? `${hours}h` : `${hours}h${m}m`;
  }
  if (hours < 48) return `${hours}h`;
  if (hours < 24 * 8) {
    const h = hours % 24;
    return h === 0 ? `${Math.trunc(hours / 24)}d` : `${Math.trunc(hours / 24)}d${h}h`;
  }
  if (hours < 24 * 365 * 2) return `${Math.trunc(hours / 24)}d`;
  const days = Math.trunc(hours / 24);
  if (hours < 24 * 365 * 8) {
    const dy = days % 365;
    return dy === 0 ? `${Math.trunc(days / 365)}y` : `${Math.trunc(days / 365)}y${dy}d`;
  }
  return `${Math.trunc(days / 365)}y`;
}

/** `translateTimestampSince`: `<unknown>` for an absent or zero timestamp, else the HumanDuration up to `now`. */
export function timeSince(timestamp: unknown, now: number): string {
  const ms = timestampOf(timestamp);
  return ms === undefined ? '<unknown>' : humanDuration(now - ms);
}

/** A timestamp in ms, or `undefined` when absent, malformed or Go's zero time (what `IsZero()` reports). */
export function timestampOf(value: unknown): number | undefined {
  const ms = parseTime(value);
  return ms === GO_ZERO_TIME_MS ? undefined : ms;
}
