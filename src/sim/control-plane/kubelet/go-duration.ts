/**
 * Go's `time.Duration.String()` for whole milliseconds, the form kubelet messages print durations in:
 * `850ms`, `1.2s`, `10s`, `1m20s`, `5m0s`, `1h0m0s`.
 */
function seconds(ms: number): string {
  const whole = Math.floor(ms / 1000);
  const fraction = ms % 1000;
  if (fraction === 0) return `${whole}s`;
  return `${whole}.${String(fraction).padStart(3, '0').replace(/0+$/, '')}s`;
}

export function formatGoDuration(ms: number): string {
  const total = Math.max(0, Math.round(ms));
  if (total === 0) return '0s';
  if (total < 1000) return `${total}ms`;
  const hours = Math.floor(total / 3_600_000);
  const minutes = Math.floor((total % 3_600_000) / 60_000);
  const rest = total % 60_000;
  if (hours > 0) return `${hours}h${minutes}m${seconds(rest)}`;
  if (minutes > 0) return `${minutes}m${seconds(rest)}`;
  return seconds(rest);
}
