/**
 * Every message the builders make from the fixtures, by name: the snapshot test writes one JSON file per entry
 * and the invariant tests run over all of them, so a new fixture is checked against Slack's limits for free.
 */
import { buildDryRunDiff } from '../../blocks/dry-run-diff.js';
import { buildErrorNotice, type ErrorNotice } from '../../blocks/error-notice.js';
import { buildEvidenceThread } from '../../blocks/evidence-thread.js';
import { buildExecutionLog } from '../../blocks/execution-log.js';
import { buildHelp } from '../../blocks/help.js';
import { buildIncidentCard, type IncidentCardOptions } from '../../blocks/incident-card.js';
import { buildIncidentSummary } from '../../blocks/incident-summary.js';
import type { SlackMessage } from '../../blocks/message.js';
import { buildStatusList } from '../../blocks/status-list.js';
import { buildVerificationResult } from '../../blocks/verification-result.js';
import { INCIDENT_STATES, type Incident } from '../../src/domain/incident.js';
import { failedVerification, paymentsIncident, paymentsReport, setEnvProposal } from './fixtures/payments.js';
import { healthyIncident, llmIncident, manualIncident } from './fixtures/reports.js';
import { alertIncident, hugeIncident, hugeReport } from './fixtures/stress.js';
import { executionSteps, longDiff, slowRolloutSteps, smallDiff, staleSteps } from './fixtures/thread.js';

export type CardEntry = {
  name: string;
  incident: Incident;
  options: IncidentCardOptions;
  message: SlackMessage;
};

const APPROVERS = ['U0BOB', 'S0SREONCALL'];

function card(name: string, incident: Incident, options: IncidentCardOptions = {}): CardEntry {
  const withDefaults = { approvers: APPROVERS, undoAvailable: true, ...options };
  return { name, incident, options: withDefaults, message: buildIncidentCard(incident, withDefaults) };
}

export const cards: CardEntry[] = [
  ...INCIDENT_STATES.map((state) => card(`card-payments-${state}`, paymentsIncident(state))),
  card('card-payments-proposed-no-approvers', paymentsIncident('proposed'), { approvers: [] }),
  card('card-payments-resolved-undo-gone', paymentsIncident('resolved'), { undoAvailable: false }),
  card('card-manual', manualIncident),
  card('card-same-as-workload-incident', {
    ...paymentsIncident('proposed'),
    target: null,
    sameAs: 'inc-20260901-1000-k3x9',
  }),
  card('card-healthy', healthyIncident),
  card('card-llm-rejected-proposals', llmIncident),
  card('card-alert-special-characters', alertIncident),
  card('card-huge-report', hugeIncident),
];

const resolved = paymentsIncident('resolved');
const applied = resolved.applied!;

const notices: [string, ErrorNotice][] = [
  [
    'unknown-namespace',
    { kind: 'unknown-namespace', namespace: 'paymnets', suggestions: ['payments', 'payouts'] },
  ],
  [
    'namespace-not-allowed',
    { kind: 'namespace-not-allowed', namespace: 'kube-system', allowed: ['payments', 'ledger'] },
  ],
  ['not-an-approver', { kind: 'not-an-approver', user: 'U0MALLORY', approvers: APPROVERS }],
  ['no-approvers-configured', { kind: 'not-an-approver', user: 'U0BOB', approvers: undefined }],
  [
    'stale-proposal',
    { kind: 'stale-proposal', reason: 'the pod template changed since the diagnosis (generation 2 → 3)' },
  ],
  ['already-handled', { kind: 'already-handled', by: 'U0BOB', what: 'approved' }],
  [
    'api-refused',
    {
      kind: 'api-refused',
      operation: 'dry run',
      message:
        'Deployment.apps "payments" is invalid: spec.template.spec.containers[0].env[1].valueFrom: Invalid value: "<nil>": may not be specified when `value` is not empty',
    },
  ],
  ['invalid-command', { kind: 'invalid-command', problem: 'Unknown subcommand "fix". Try one of these:' }],
];

const now = new Date('2026-11-21T14:30:00.000Z');

/** Builders that return one message. */
export const singleMessages: [string, SlackMessage][] = [
  [
    'execution-log',
    buildExecutionLog({ proposal: setEnvProposal, approvedBy: 'U0BOB', steps: executionSteps }),
  ],
  [
    'execution-log-slow-rollout',
    buildExecutionLog({ proposal: setEnvProposal, approvedBy: 'U0BOB', steps: slowRolloutSteps }),
  ],
  [
    'execution-log-stale',
    buildExecutionLog({ proposal: setEnvProposal, approvedBy: 'U0BOB', steps: staleSteps }),
  ],
  [
    'verification-healthy',
    buildVerificationResult({ verification: resolved.verification!, applied, undoAvailable: true }),
  ],
  [
    'verification-failed',
    buildVerificationResult({ verification: failedVerification, applied, undoAvailable: true }),
  ],
  [
    'verification-failed-no-undo',
    buildVerificationResult({
      verification: failedVerification,
      applied: { ...applied, undoId: undefined },
      undoAvailable: false,
    }),
  ],
  ['summary-resolved-oncall-group', buildIncidentSummary({ incident: resolved, oncall: 'S0SREONCALL' })],
  [
    'summary-rejected-oncall-user',
    buildIncidentSummary({ incident: paymentsIncident('rejected'), oncall: 'U0ONCALL' }),
  ],
  ['summary-expired-no-oncall', buildIncidentSummary({ incident: paymentsIncident('expired') })],
  ['summary-long-timeline', buildIncidentSummary({ incident: flappingIncident(), oncall: 'S0SREONCALL' })],
  [
    'help',
    buildHelp({
      approvers: { users: ['U0BOB'], groups: ['S0SREONCALL'] },
      namespaces: ['*'],
      llmProvider: 'openai',
    }),
  ],
  ['help-no-approvers', buildHelp({ approvers: undefined, namespaces: ['payments', 'ledger'] })],
  [
    'status-list',
    buildStatusList({
      incidents: [
        paymentsIncident('proposed'),
        manualIncident,
        paymentsIncident('verifying', { id: 'inc-2', target: 'ledger-api' }),
        paymentsIncident('resolved'),
      ],
      now,
    }),
  ],
  ['status-list-empty', buildStatusList({ incidents: [paymentsIncident('resolved')], now })],
  ['status-list-many', buildStatusList({ incidents: manyIncidents(60), now })],
  ...notices.map(([name, notice]): [string, SlackMessage] => [`error-${name}`, buildErrorNotice(notice)]),
];

/** Builders that split their content over several thread messages. */
export const multiMessages: [string, SlackMessage[]][] = [
  [
    'dry-run-small',
    buildDryRunDiff({ proposal: setEnvProposal, diff: smallDiff, changes: true, requestedBy: 'U0ALICE' }),
  ],
  ['dry-run-no-change', buildDryRunDiff({ proposal: setEnvProposal, diff: '', changes: false })],
  [
    'dry-run-500-lines',
    buildDryRunDiff({ proposal: setEnvProposal, diff: longDiff, changes: true, requestedBy: 'U0ALICE' }),
  ],
  ['evidence-payments', buildEvidenceThread(paymentsReport)],
  ['evidence-huge', buildEvidenceThread(hugeReport)],
];

/** Every message, flattened: `name` or `name#part`. */
export const allMessages: [string, SlackMessage][] = [
  ...cards.map((entry): [string, SlackMessage] => [entry.name, entry.message]),
  ...singleMessages,
  ...multiMessages.flatMap(([name, messages]) =>
    messages.map((message, index): [string, SlackMessage] => [`${name}#${index + 1}`, message]),
  ),
];

function flappingIncident(): Incident {
  const base = paymentsIncident('resolved');
  const flaps = Array.from({ length: 40 }, (_, index) => ({
    at: `2026-11-21T15:${String(index).padStart(2, '0')}:00.000Z`,
    actor: 'alertmanager',
    action: index % 2 === 0 ? 'alert firing' : 'alert resolved',
    detail: 'KubePodCrashLooping <fingerprint 4c1e9a>',
  }));
  return { ...base, audit: [...base.audit, ...flaps] };
}

function manyIncidents(count: number): Incident[] {
  return Array.from({ length: count }, (_, index) =>
    paymentsIncident('proposed', {
      id: `inc-${index}`,
      target: `service-${String(index).padStart(2, '0')}`,
      createdAt: `2026-11-21T${String(10 + Math.floor(index / 60)).padStart(2, '0')}:${String(index % 60).padStart(2, '0')}:00.000Z`,
    }),
  );
}
