/**
 * Evidence lines quote the cluster verbatim, prefixed by where the text came from, so a human can find it again:
 * `status:` (object status), `event:` (an event, with its count), `log:` (a container log line), `spec:` (desired
 * state the analyzer compared against, e.g. a request or a declared port).
 */
import type { ContainerStatus } from '../../kube/types.js';
import type { EventGroup } from '../../domain/snapshot.js';

const MAX_LINE = 400;

/** Keeps long messages readable in Slack without losing their start, where the reason is. */
export function clip(text: string, max = MAX_LINE): string {
  const single = text.replace(/\s*\n\s*/g, ' ').trim();
  return single.length <= max ? single : `${single.slice(0, max - 1)}…`;
}

export function eventLine(event: EventGroup): string {
  return clip(`event: ${event.reason} ${event.message} (x${event.count})`);
}

export function logLine(line: string): string {
  return clip(`log: ${line}`);
}

export function statusLine(text: string): string {
  return clip(`status: ${text}`);
}

export function specLine(text: string): string {
  return clip(`spec: ${text}`);
}

/** `status:` lines for a container: its current state and, when it restarted, how its last run ended. */
export function containerStatusLines(pod: string, status: ContainerStatus): string[] {
  const subject = `pod/${pod} container ${status.name}`;
  const lines: string[] = [];
  const { waiting, terminated } = status.state ?? {};
  if (waiting) lines.push(statusLine(`${subject} waiting ${waiting.reason ?? ''}${suffix(waiting.message)}`));
  if (terminated) {
    lines.push(
      statusLine(`${subject} terminated ${terminated.reason ?? ''} (exit code ${terminated.exitCode})`),
    );
  }
  const last = status.lastState?.terminated;
  if (last) {
    const restarts = status.restartCount === 1 ? '1 restart' : `${status.restartCount} restarts`;
    const detail = `${last.reason ?? 'terminated'} (exit code ${last.exitCode})${suffix(last.message)}, ${restarts}`;
    lines.push(statusLine(`${subject} last terminated ${detail}`));
  }
  return lines;
}

function suffix(message: string | undefined): string {
  return message ? `: ${message}` : '';
}

/** Removes repeated lines, keeping the first occurrence and the order. */
export function uniqueLines(lines: readonly string[]): string[] {
  return [...new Set(lines)];
}
