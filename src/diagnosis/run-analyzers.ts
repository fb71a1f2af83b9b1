/**
 * Runs every registered analyzer over one snapshot. An analyzer that throws is a bug in that analyzer, not a
 * reason to lose the others' findings: its error is recorded and the rest still run (k8sgpt's `a.Errors`).
 */
import type { Analyzer } from '../analyzers/analyzer.js';
import { analyzers } from '../analyzers/index.js';
import type { Finding } from '../domain/finding.js';
import type { Snapshot } from '../domain/snapshot.js';

export type AnalyzerError = { analyzer: string; error: string };
export type AnalyzerRun = { findings: Finding[]; errors: AnalyzerError[] };

export function runAnalyzers(snapshot: Snapshot, registry: readonly Analyzer[] = analyzers): AnalyzerRun {
  const findings: Finding[] = [];
  const errors: AnalyzerError[] = [];
  for (const analyzer of registry) {
    try {
      findings.push(...analyzer.analyze(snapshot));
    } catch (error) {
      errors.push({ analyzer: analyzer.name, error: error instanceof Error ? error.message : String(error) });
    }
  }
  return { findings, errors };
}
