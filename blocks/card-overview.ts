/**
 * The top of the incident card: what is wrong, where, how sure the bot is, and the few evidence lines that
 * prove it. Bounded on purpose: the full evidence goes into the thread (evidence-thread.ts).
 */
import type { KnownBlock } from '@slack/types';
import type { Incident } from '../src/domain/incident.js';
import type { Report } from '../src/domain/report.js';
import { alertCounts, severityText, triggerText, workloadName } from './incident-labels.js';
import { context, fields, section } from './message.js';
import { clipRaw, codeBlock, escapeAndClip, escapeMrkdwn, inlineCode } from './mrkdwn.js';
import { slackDate } from './time.js';

/** Evidence lines shown on the card, and how long each may be there. */
export const CARD_EVIDENCE_LINES = 5;
export const CARD_EVIDENCE_LINE_MAX = 300;

/** The line under the header: severity, category, since when, alerts, incident id. */
export function overviewContext(incident: Incident, report: Report | undefined): KnownBlock {
  const items = [
    severityText(incident.severity),
    report ? `category ${inlineCode(report.diagnosis.category)}` : undefined,
    `since ${slackDate(incident.createdAt)}`,
    alertCounts(incident.alerts) && `alerts: ${alertCounts(incident.alerts)}`,
    `incident ${inlineCode(incident.id, 120)}`,
  ];
  return context([items.filter((item): item is string => Boolean(item)).join('  ·  ')]);
}

export function overviewFields(incident: Incident, report: Report): KnownBlock {
  return fields([
    ['Namespace', escapeMrkdwn(report.namespace)],
    ['Workload', escapeAndClip(workloadName(incident), 300)],
    ['Trigger', triggerText(incident.trigger)],
    ['Confidence', `${Math.round(report.diagnosis.confidence * 100)}%`],
    ['Source', sourceText(report)],
  ]);
}

/** `rules`, or `LLM (openai gpt-4o-mini, prompt diagnose@3)`; says when the LLM answer was not used. */
export function sourceText(report: Report): string {
  const { llm } = report;
  if (report.diagnosis.source === 'llm' && llm)
    return `LLM (${escapeMrkdwn(`${llm.provider} ${llm.model}, prompt ${llm.prompt}`)})`;
  if (report.diagnosis.source === 'llm') return 'LLM';
  if (llm?.fallback) return `rules (LLM ${escapeMrkdwn(llm.model)} not used)`;
  return 'rules';
}

export function summaryBlock(report: Report): KnownBlock {
  const { summary, rootCause } = report.diagnosis;
  return section(
    `*Summary*\n${escapeAndClip(summary, 700)}\n*Root cause*\n${escapeAndClip(rootCause, 1500)}`,
  );
}

/** Top evidence as a code block, plus a note pointing to the thread when the card does not show it all. */
export function evidenceBlocks(report: Report): KnownBlock[] {
  const lines = report.diagnosis.evidence;
  if (lines.length === 0) return [];
  const shown = lines.slice(0, CARD_EVIDENCE_LINES).map((line) => clipRaw(line, CARD_EVIDENCE_LINE_MAX));
  const blocks: KnownBlock[] = [section(`*Evidence*\n${codeBlock(shown, 2500)}`)];
  if (cardOmitsEvidence(report)) {
    const more = lines.length - shown.length;
    const findings = report.findings.length;
    const parts = [
      more > 0 ? `${more} more evidence line${more === 1 ? '' : 's'}` : 'full evidence lines',
      `${findings} finding${findings === 1 ? '' : 's'}`,
    ];
    blocks.push(context([`➕ ${parts.join(' and ')} in the thread`]));
  }
  return blocks;
}

/**
 * Whether the card leaves evidence out (lines beyond the top ones, clipped lines, or finding evidence the
 * diagnosis did not quote): the Slack layer then posts evidence-thread.ts under the card.
 */
export function cardOmitsEvidence(report: Report): boolean {
  const shown = report.diagnosis.evidence.slice(0, CARD_EVIDENCE_LINES);
  if (report.diagnosis.evidence.length > shown.length) return true;
  if (shown.some((line) => line.length > CARD_EVIDENCE_LINE_MAX)) return true;
  const onCard = new Set(shown);
  return report.findings.some((finding) => finding.evidence.some((line) => !onCard.has(line)));
}
