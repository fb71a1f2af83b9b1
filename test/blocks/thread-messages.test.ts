import { describe, expect, it } from 'vitest';
import { buildDryRunDiff } from '../../blocks/dry-run-diff.js';
import { buildEvidenceThread } from '../../blocks/evidence-thread.js';
import { buildExecutionLog } from '../../blocks/execution-log.js';
import { buildIncidentSummary } from '../../blocks/incident-summary.js';
import { checkMessage } from '../../blocks/limits.js';
import type { SlackMessage } from '../../blocks/message.js';
import { buildStatusList } from '../../blocks/status-list.js';
import { buildVerificationResult } from '../../blocks/verification-result.js';
import { failedVerification, paymentsIncident, paymentsReport, setEnvProposal } from './fixtures/payments.js';
import { hugeReport } from './fixtures/stress.js';
import { executionSteps, longDiff, slowRolloutSteps } from './fixtures/thread.js';
import { blocksOfType, visibleText } from './helpers.js';

const unescape = (text: string) => text.replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&amp;/g, '&');
const codeLines = (messages: SlackMessage[]) =>
  messages
    .flatMap((message) =>
      [...visibleText(message).matchAll(/```\n([\s\S]*?)\n```/g)].map((match) => match[1] ?? ''),
    )
    .flatMap((block) => block.split('\n'))
    .map((line) => unescape(line).replace(/`\u200b``/g, '```'));

describe('dry-run diff', () => {
  const messages = buildDryRunDiff({ proposal: setEnvProposal, diff: longDiff, changes: true });

  it('splits 500 lines over several messages without losing or reordering a line', () => {
    expect(messages.length).toBeGreaterThan(1);
    expect(codeLines(messages)).toEqual(longDiff.split('\n'));
    messages.forEach((message) => expect(checkMessage(message)).toEqual([]));
  });

  it('names the change in a header and numbers the parts', () => {
    expect(blocksOfType(messages[0]!, 'header')[0]?.text.text).toContain('Dry run: set env REQUIRED_CONFIG');
    expect(messages.at(-1)!.text).toContain(`part ${messages.length} of ${messages.length}`);
  });

  it('caps the number of messages and says how to see the rest', () => {
    const huge = Array.from({ length: 5000 }, (_, index) => `+  line ${index} ${'x'.repeat(60)}`).join('\n');
    const capped = buildDryRunDiff({ proposal: setEnvProposal, diff: huge, changes: true });
    expect(capped.length).toBe(8);
    expect(visibleText(capped.at(-1)!)).toContain('sre-bot fix payments/payments --dry-run');
  });
});

describe('execution log', () => {
  it('writes one line per step, with the compact JSON patch', () => {
    const message = buildExecutionLog({
      proposal: setEnvProposal,
      approvedBy: 'U0BOB',
      steps: executionSteps,
    });
    const lines = visibleText(message)
      .split('\n')
      .filter((line) => /^`\d\d:\d\d:\d\d`/.test(line));
    expect(lines).toHaveLength(executionSteps.length);
    expect(lines[0]).toContain('lease taken on deployment/payments');
    expect(lines[2]).toContain('"op":"add","path":"/spec/template/spec/containers/0/env/-"');
    expect(visibleText(message)).toContain('approved by <@U0BOB>');
  });

  it('keeps a slow rollout to its first and latest updates', () => {
    const text = visibleText(
      buildExecutionLog({ proposal: setEnvProposal, approvedBy: 'U0BOB', steps: slowRolloutSteps }),
    );
    expect(text.match(/🚀/g)).toHaveLength(8);
    expect(text).toContain('… 22 more rollout updates');
    expect(text).toContain('verification started');
  });
});

describe('verification result', () => {
  const applied = paymentsIncident('resolved').applied!;

  it('reports a healthy fix with its time and how to undo it', () => {
    const verification = paymentsIncident('resolved').verification!;
    const message = buildVerificationResult({ verification, applied, undoAvailable: true });
    expect(message.text).toContain('verified healthy in 42s');
    expect(visibleText(message)).toContain('press *Undo*');
  });

  it('reports a failure with its evidence and a manual way back when no undo record exists', () => {
    const message = buildVerificationResult({
      verification: failedVerification,
      applied: { ...applied, undoId: undefined },
      undoAvailable: false,
    });
    const text = visibleText(message);
    expect(text).toContain('*Verification failed* after 5m');
    expect(text).toContain('got "&lt;unset&gt;" &amp; exiting');
    expect(text).toContain('kubectl -n payments rollout undo deployment/payments --to-revision=2');
    expect(text).not.toContain('press *Undo*');
  });
});

describe('evidence thread', () => {
  it('holds every finding with all its evidence', () => {
    const text = buildEvidenceThread(paymentsReport).map(visibleText).join('\n');
    for (const finding of paymentsReport.findings)
      for (const line of finding.evidence) expect(text).toContain(line);
  });

  it('splits a huge report within the message cap, most specific finding first', () => {
    const messages = buildEvidenceThread(hugeReport);
    expect(messages.length).toBeLessThanOrEqual(8);
    expect(visibleText(messages[0]!)).toContain('p000');
    expect(visibleText(messages[0]!)).toContain('more lines');
  });
});

describe('incident summary', () => {
  it('pings the on-call group in the text and the blocks', () => {
    const message = buildIncidentSummary({ incident: paymentsIncident('resolved'), oncall: 'S0ONCALL' });
    expect(message.text).toContain('<!subteam^S0ONCALL>');
    expect(visibleText(message)).toContain('<!subteam^S0ONCALL>');
    expect(visibleText(message)).toContain('*Time to recover*\n3m 54s');
    expect(visibleText(message)).toContain('*Approved by*\n<@U0BOB>');
  });

  it('pings nobody when no on-call is configured', () => {
    const message = buildIncidentSummary({ incident: paymentsIncident('rejected') });
    expect(JSON.stringify(message)).not.toContain('🔔');
    expect(JSON.stringify(message)).not.toContain('<!subteam^');
    expect(visibleText(message)).toContain('not recovered');
  });
});

describe('status list', () => {
  it('lists open incidents only, newest first, with age and message ts', () => {
    const now = new Date('2026-11-21T14:30:00.000Z');
    const older = paymentsIncident('proposed', {
      id: 'a',
      target: 'older',
      createdAt: '2026-11-21T12:30:00.000Z',
    });
    const newer = paymentsIncident('verifying', { id: 'b', target: 'newer' });
    const done = paymentsIncident('resolved', { id: 'c', target: 'done' });
    const text = visibleText(buildStatusList({ incidents: [older, done, newer], now }));
    expect(text).toContain('2 open incidents');
    expect(text.indexOf('payments/newer')).toBeLessThan(text.indexOf('payments/older'));
    expect(text).toContain('2h 00m old');
    expect(text).toContain('`1795788120.000100`');
    expect(text).not.toContain('payments/done');
  });
});
