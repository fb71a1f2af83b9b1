/**
 * The incident's root message, rebuilt from the incident on every change of state and sent with chat.update:
 * header, what is wrong and why, the exact fix, then the buttons or the status line. Everything long (all
 * evidence, diffs, logs) goes into the thread; this card stays compact (D4: "reduce vertical space").
 */
import type { KnownBlock } from '@slack/types';
import type { Incident } from '../src/domain/incident.js';
import type { Report } from '../src/domain/report.js';
import { controlBlocks } from './card-controls.js';
import {
  evidenceBlocks,
  overviewContext,
  overviewFields,
  sourceText,
  summaryBlock,
} from './card-overview.js';
import { alternativesBlocks, topProposalBlock } from './card-proposals.js';
import { incidentRevision } from './ids.js';
import { stateEmoji, stateLabel, workloadName } from './incident-labels.js';
import { context, divider, header, message, section, type SlackMessage } from './message.js';
import { escapeAndClip, escapeMrkdwn } from './mrkdwn.js';
import { isExecutable } from './proposal-text.js';
import { slackDate } from './time.js';

export type IncidentCardOptions = {
  /** Whether the undo record of the applied change still exists; Undo is shown only then. */
  undoAvailable?: boolean;
  /**
   * The configured approvers (SRE_APPROVERS), listed under the buttons; an empty list shows how to configure
   * them. Leave undefined to show nothing.
   */
  approvers?: readonly string[];
  /** The message iteration used in block_ids; defaults to `incidentRevision(incident)`. */
  revision?: number;
};

export function buildIncidentCard(incident: Incident, options: IncidentCardOptions = {}): SlackMessage {
  const controls = controlBlocks(incident, {
    revision: options.revision ?? incidentRevision(incident),
    undoAvailable: options.undoAvailable ?? false,
    approvers: options.approvers,
  });
  const { report } = incident;
  if (!report) return pendingCard(incident, controls);
  if (!report.diagnosis.hasIssue) return healthyCard(incident, report, controls);
  return problemCard(incident, report, controls);
}

function problemCard(incident: Incident, report: Report, controls: KnownBlock[]): SlackMessage {
  const top = report.proposals[0];
  const awaitingManual = incident.state === 'proposed' && !(top && isExecutable(top));
  const label = awaitingManual ? 'action needed' : stateLabel(incident.state);
  const workload = workloadName(incident);
  const blocks: KnownBlock[] = [
    header(`${stateEmoji(incident.state)} ${workload} · ${label}`),
    overviewContext(incident, report),
    overviewFields(incident, report),
    summaryBlock(report),
    ...evidenceBlocks(report),
    divider(),
    topProposalBlock(report, incident.state),
    ...alternativesBlocks(report),
    ...warningBlocks(report),
    ...controls,
  ];
  const ask = incident.state === 'proposed' && !awaitingManual ? ', approval needed' : '';
  return message(
    `${stateEmoji(incident.state)} ${escapeMrkdwn(workload)} — ${label}${ask}: ${escapeAndClip(report.diagnosis.summary, 300)}`,
    blocks,
  );
}

function healthyCard(incident: Incident, report: Report, controls: KnownBlock[]): SlackMessage {
  const workload = workloadName(incident);
  const blocks: KnownBlock[] = [
    header(`✅ ${workload} · no issue found`),
    section(`*No issue found.* ${escapeAndClip(report.diagnosis.summary, 1500)}`),
    context([
      `source: ${sourceText(report)}  ·  ${report.findings.length} findings  ·  observed ${slackDate(report.observedAt)}`,
    ]),
    ...warningBlocks(report),
    // "Resolved" would only repeat the header; other states (a re-diagnosis running …) still say something.
    ...(incident.state === 'resolved' ? [] : controls),
  ];
  return message(`✅ ${escapeMrkdwn(workload)} — no issue found`, blocks);
}

function pendingCard(incident: Incident, controls: KnownBlock[]): SlackMessage {
  const workload = workloadName(incident);
  const label = stateLabel(incident.state);
  return message(`${stateEmoji(incident.state)} ${escapeMrkdwn(workload)} — ${label}`, [
    header(`${stateEmoji(incident.state)} ${workload} · ${label}`),
    overviewContext(incident, undefined),
    ...controls,
  ]);
}

/** What limits the diagnosis: analyzers that failed, an LLM answer that was not used. */
function warningBlocks(report: Report): KnownBlock[] {
  const warnings: string[] = [];
  if (report.analyzerErrors.length > 0) {
    const names = report.analyzerErrors.slice(0, 5).map((error) => escapeMrkdwn(error.analyzer));
    warnings.push(
      `⚠️ ${report.analyzerErrors.length} analyzer(s) failed (${names.join(', ')}); the others still ran`,
    );
  }
  if (report.llm?.fallback)
    warnings.push(
      `⚠️ LLM answer not used (${escapeAndClip(report.llm.fallback, 200)}); rules diagnosis shown`,
    );
  return warnings.length > 0 ? [context(warnings)] : [];
}
