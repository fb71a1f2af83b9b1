/** Container log lookups. For a crash loop the last terminated run (`previous`) is where the error is. */
import type { Snapshot } from '../../domain/snapshot.js';

/** Lines of the container's last terminated run, then of its current run, without repeats. */
export function containerLogLines(snapshot: Snapshot, pod: string, container: string): string[] {
  const logs = snapshot.logs.filter((log) => log.pod === pod && log.container === container);
  const ordered = [...logs.filter((log) => log.previous), ...logs.filter((log) => !log.previous)];
  return [...new Set(ordered.flatMap((log) => log.lines.map((line) => line.trimEnd())))].filter(
    (line) => line,
  );
}

const ERROR_WORDS =
  /\b(error|fatal|panic|exception|failed|cannot|can't|refused|denied|not found|traceback)\b/i;

/** The last few lines, preferring those that read like an error (what a human would quote). */
export function tellingLines(lines: readonly string[], max = 3): string[] {
  const errors = lines.filter((line) => ERROR_WORDS.test(line));
  return (errors.length > 0 ? errors : lines).slice(-max);
}
