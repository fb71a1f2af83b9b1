/**
 * Untrusted text travels to the model inside fenced blocks labelled with what they hold. The fence is longer
 * than any backtick run in the content (CommonMark's rule), so a log line containing ``` cannot close the
 * block early and smuggle text out of it into what reads like the instructions.
 */
export function fencedBlock(label: string, content: string): string {
  const longestRun = Math.max(0, ...[...content.matchAll(/`+/g)].map((match) => match[0].length));
  const fence = '`'.repeat(Math.max(3, longestRun + 1));
  return `${fence}${label}\n${content}\n${fence}`;
}
