/**
 * The model may explain, but not invent evidence: every evidence line it returns must be found in what was
 * observed — the Snapshot's text, the findings, or the lines of the prompt data built from them. Matching is
 * a substring test after normalising case and whitespace, and a leading source label (`log:`, `event:` …) may
 * be dropped, since models often add one. Lines too short to prove anything are refused.
 */
import type { Finding } from '../domain/finding.js';
import type { Snapshot } from '../domain/snapshot.js';

const MIN_LENGTH = 8;
const LABEL = /^(?:[-*•]\s*)?(?:log|logs|event|events|status|spec|finding|message|reason|evidence)\s*:\s*/i;
/** Joins corpus entries: a character models do not produce, so a match cannot straddle two entries. */
const SEPARATOR = '\u0000';

export type EvidenceCorpus = { readonly text: string };

function normalize(text: string): string {
  return text.replace(/\s+/g, ' ').trim().toLowerCase();
}

function collectStrings(value: unknown, into: string[], depth = 0): void {
  if (depth > 40) return;
  if (typeof value === 'string') into.push(value);
  else if (Array.isArray(value)) for (const item of value) collectStrings(item, into, depth + 1);
  else if (value !== null && typeof value === 'object') {
    for (const item of Object.values(value)) collectStrings(item, into, depth + 1);
  }
}

/** Every string the snapshot and findings hold, plus the prompt data's lines (which compose some of them). */
export function evidenceCorpus(
  snapshot: Snapshot,
  findings: readonly Finding[],
  promptData: string,
): EvidenceCorpus {
  const strings: string[] = [];
  collectStrings(snapshot, strings);
  collectStrings(findings, strings);
  try {
    collectStrings(JSON.parse(promptData), strings);
  } catch {
    // The prompt data is our own JSON; if it ever failed to parse, the snapshot and findings still ground.
  }
  return { text: strings.map(normalize).join(SEPARATOR) };
}

function unquote(line: string): string {
  const trimmed = line.trim();
  const quoted = /^(["'`“])([\s\S]*)(["'`”])$/.exec(trimmed);
  return quoted ? quoted[2]! : trimmed;
}

export function isGrounded(line: string, corpus: EvidenceCorpus): boolean {
  const candidates = [unquote(line), unquote(line.replace(LABEL, ''))].map(normalize);
  return candidates.some((candidate) => candidate.length >= MIN_LENGTH && corpus.text.includes(candidate));
}

export function groundEvidence(
  lines: readonly string[],
  corpus: EvidenceCorpus,
): { kept: string[]; dropped: string[] } {
  const kept: string[] = [];
  const dropped: string[] = [];
  for (const line of new Set(lines.map((l) => l.trim()).filter((l) => l.length > 0))) {
    (isGrounded(line, corpus) ? kept : dropped).push(line);
  }
  return { kept, dropped };
}
