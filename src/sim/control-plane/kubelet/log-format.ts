/**
 * The kubelet's log options applied to one container's lines (`kuberuntime/logs.ReadLogs`): `tailLines` counts
 * from the end, then lines before `sinceSeconds`/`sinceTime` are skipped, `timestamps` prefixes each line with
 * RFC3339Nano at fixed nine digits, and `limitBytes` cuts the output (possibly mid-line).
 */
import type { PodLogOptions } from '../pod-logs.js';
import type { LogLine } from './program.js';

/** `2026-01-01T00:00:05.123000000Z`, the kubelet's `RFC3339NanoFixed`. */
export function formatLogTimestamp(ms: number): string {
  return new Date(ms).toISOString().replace(/\.(\d{3})Z$/, '.$1000000Z');
}

export function formatLine(line: LogLine, timestamps: boolean | undefined): string {
  return `${timestamps ? `${formatLogTimestamp(line.at)} ` : ''}${line.text}\n`;
}

function sinceInstant(options: PodLogOptions, now: number): number | undefined {
  if (options.sinceSeconds !== undefined) return now - options.sinceSeconds * 1000;
  if (options.sinceTime !== undefined) {
    const parsed = Date.parse(options.sinceTime);
    return Number.isNaN(parsed) ? undefined : parsed;
  }
  return undefined;
}

function limitBytes(text: string, limit: number | undefined): string {
  if (limit === undefined) return text;
  const bytes = Buffer.from(text, 'utf8');
  return bytes.length <= limit ? text : bytes.subarray(0, limit).toString('utf8');
}

export function renderLog(lines: readonly LogLine[], options: PodLogOptions, now: number): string {
  let selected = [...lines];
  if (options.tailLines !== undefined)
    selected = options.tailLines === 0 ? [] : selected.slice(-options.tailLines);
  const since = sinceInstant(options, now);
  if (since !== undefined) selected = selected.filter((line) => line.at >= since);
  return limitBytes(
    selected.map((line) => formatLine(line, options.timestamps)).join(''),
    options.limitBytes,
  );
}
