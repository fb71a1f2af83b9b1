/** The readable report of `sre-bot diagnose` (people); `--json` prints the Report itself (machines). */
import type { Proposal } from '../domain/proposal.js';
import type { Report } from '../domain/report.js';

const RISK_MARK = { low: 'low risk', medium: 'MEDIUM risk', high: 'HIGH RISK' } as const;

export function formatReport(
  report: Report,
  /** How to apply the top proposal (`diagnose` says it; `fix`, which is applying it, does not). */
  applyHint: { flags: string } | undefined = undefined,
): string {
  const lines: string[] = [];
  const subject = report.target
    ? `deployment/${report.target} in namespace ${report.namespace}`
    : `namespace ${report.namespace}`;
  const { diagnosis } = report;
  lines.push(`sre-bot diagnosis of ${subject}`);
  lines.push('');
  if (!diagnosis.hasIssue) {
    lines.push(`✔ ${diagnosis.summary}`);
    lines.push(`  ${diagnosis.rootCause}`);
  } else {
    lines.push(`✖ ${diagnosis.summary}`);
    lines.push(
      `  category: ${diagnosis.category}   confidence: ${Math.round(diagnosis.confidence * 100)}%   source: ${sourceLine(report)}`,
    );
    lines.push('');
    lines.push('Root cause');
    lines.push(indent(diagnosis.rootCause));
    if (diagnosis.evidence.length > 0) {
      lines.push('');
      lines.push('Evidence (verbatim from the cluster)');
      for (const line of diagnosis.evidence) lines.push(`  • ${line}`);
    }
  }
  const [top, ...others] = report.proposals;
  if (top) {
    lines.push('');
    lines.push(
      top.action === 'manual'
        ? 'What to do (manual — the bot will not execute this)'
        : `Proposed fix (${RISK_MARK[top.risk]})`,
    );
    lines.push(...formatProposal(top));
  }
  if (others.length > 0) {
    lines.push('');
    lines.push('Other proposals');
    for (const proposal of others)
      lines.push(`  - [${proposal.action}, ${proposal.risk}] ${proposal.summary ?? proposal.rationale}`);
  }
  if (report.rejected.length > 0) {
    lines.push('');
    lines.push('Dropped proposals (failed validation)');
    for (const rejected of report.rejected) lines.push(`  - (${rejected.source}) ${rejected.reason}`);
  }
  if (report.analyzerErrors.length > 0) {
    lines.push('');
    lines.push('Analyzers that failed (the others still ran)');
    for (const failure of report.analyzerErrors) lines.push(`  - ${failure.analyzer}: ${failure.error}`);
  }
  lines.push('');
  lines.push(
    `${report.findings.length} finding(s) · observed ${report.observedAt}${report.apiRequests !== undefined ? ` · ${report.apiRequests} API requests` : ''}`,
  );
  if (applyHint && top && top.action !== 'manual') {
    const target = report.target ? `${report.namespace}/${report.target}` : report.namespace;
    lines.push(
      `To apply it: sre-bot fix ${target}${applyHint.flags}   (--dry-run shows the server-side diff first)`,
    );
  }
  return lines.join('\n');
}

function formatProposal(proposal: Proposal): string[] {
  const lines = [`  ${proposal.summary ?? proposal.action}`];
  if (proposal.action === 'manual') {
    const commands = (proposal.params as { commands?: string[] }).commands ?? [];
    for (const command of commands) lines.push(`    $ ${command}`);
  } else {
    const target = `${proposal.target.kind}/${proposal.target.name}${proposal.target.container ? ` (container ${proposal.target.container})` : ''}`;
    lines.push(
      `  action: ${proposal.action}   target: ${target} in ${proposal.target.namespace}   id: ${proposal.id}`,
    );
    lines.push(`  params: ${JSON.stringify(proposal.params)}`);
  }
  lines.push(`  why: ${proposal.rationale}`);
  return lines;
}

function sourceLine(report: Report): string {
  if (!report.llm) return report.diagnosis.source;
  const usage = `${report.llm.provider}/${report.llm.model}, ${report.llm.prompt}, ${report.llm.promptTokens}+${report.llm.completionTokens} tokens`;
  return report.llm.fallback
    ? `rules (LLM fell back: ${report.llm.fallback}; ${usage})`
    : `${report.diagnosis.source} (${usage})`;
}

function indent(text: string): string {
  return text
    .split('\n')
    .map((line) => `  ${line}`)
    .join('\n');
}
