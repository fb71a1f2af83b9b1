import { describe, expect, it } from 'vitest';
import { cardOmitsEvidence } from '../../blocks/card-overview.js';
import { ACTION_IDS } from '../../blocks/ids.js';
import { buildIncidentCard } from '../../blocks/incident-card.js';
import { actionFor } from '../../src/actions/index.js';
import { INCIDENT_STATES, type IncidentState } from '../../src/domain/incident.js';
import { paymentsIncident, paymentsReport, setEnvProposal } from './fixtures/payments.js';
import { healthyIncident, llmIncident, manualIncident } from './fixtures/reports.js';
import { alertIncident, hugeIncident } from './fixtures/stress.js';
import { blocksOfType, buttonsOf, visibleText } from './helpers.js';

const EXACT_CHANGE = actionFor('set_env').describe(setEnvProposal.target, setEnvProposal.params);
const card = (state: IncidentState) => buildIncidentCard(paymentsIncident(state), { undoAvailable: true });

describe('incident card', () => {
  it.each(INCIDENT_STATES)('%s: header names the workload and the state', (state) => {
    const [header] = blocksOfType(card(state), 'header');
    expect(header?.text.text).toMatch(/^\S+ payments\/payments · /);
    expect(header?.text.text).toContain(state === 'open' ? 'investigating' : state.slice(0, 5));
  });

  it.each<[IncidentState, string]>([
    ['open', 'Diagnosing'],
    ['approved', 'Approved by <@U0BOB>  ·  applying…'],
    ['applying', 'Approved by <@U0BOB>  ·  applying…'],
    ['verifying', 'Approved by <@U0BOB>  ·  applied, verifying'],
    ['resolved', 'Fixed and verified in 42s  ·  approved by <@U0BOB>'],
    ['failed', 'Verification failed: new pods still crash'],
    ['rejected', 'Rejected by <@U0CAROL>'],
    ['undone', 'Undone by <@U0BOB>'],
    ['expired', 'Expired'],
  ])('%s: the buttons are replaced by a status line naming who acted', (state, line) => {
    const message = card(state);
    expect(visibleText(message)).toContain(line);
    const decisionButtons = buttonsOf(message).filter((button) => button.action_id !== ACTION_IDS.undo);
    expect(decisionButtons).toEqual([]);
  });

  it('asks for approval with the exact change in the confirm dialog', () => {
    const message = card('proposed');
    const approve = buttonsOf(message).find((button) => button.action_id === ACTION_IDS.approve);
    expect(approve?.style).toBe('primary');
    expect(approve?.confirm?.text.text).toContain(EXACT_CHANGE);
    expect(visibleText(message)).toContain(`\`${EXACT_CHANGE}\``);
    expect(message.text).toMatch(/approval needed: Missing environment variable/);
  });

  it('shows a manual proposal as instructions and commands, without buttons', () => {
    const message = buildIncidentCard(manualIncident);
    const text = visibleText(message);
    expect(text).toContain('Create ConfigMap ledger-config');
    expect(text).toContain('kubectl -n ledger create configmap ledger-config');
    expect(blocksOfType(message, 'actions')).toEqual([]);
    expect(blocksOfType(message, 'header')[0]?.text.text).toContain('action needed');
  });

  it('renders a healthy diagnosis as a short "no issue found" card', () => {
    const message = buildIncidentCard(healthyIncident);
    expect(message.text).toContain('no issue found');
    expect(message.blocks.length).toBeLessThanOrEqual(5);
    expect(buttonsOf(message)).toEqual([]);
    expect(visibleText(message)).toContain('1 analyzer(s) failed (quota)');
  });

  it('names the LLM model and the dropped LLM proposals with their reasons', () => {
    const text = visibleText(buildIncidentCard(llmIncident));
    expect(text).toContain('LLM (openai gpt-4o-mini, prompt diagnose@3)');
    expect(text).toContain('set_image on payments: image payments:latest was never deployed');
    expect(text).toContain('delete_namespace: unknown action kind');
    expect(text).toContain('`rollout restart deployment/payments`');
  });

  it('escapes alert text: no channel ping, comparisons intact', () => {
    const message = buildIncidentCard(alertIncident);
    const text = visibleText(message);
    expect(text).toContain('&lt;!channel&gt;');
    expect(text).not.toContain('<!channel>');
    expect(text).toContain('&gt; 0 &amp; ready &lt; desired');
    expect(text).toContain('🔴 critical');
    expect(text).toContain('alerts: 2 firing');
  });

  it('bounds a huge report: top evidence only, compact overall', () => {
    const message = buildIncidentCard(hugeIncident);
    const evidence = visibleText(message).match(/```\n([\s\S]*?)\n```/)?.[1] ?? '';
    expect(evidence.split('\n').length).toBeLessThanOrEqual(6);
    expect(visibleText(message)).toContain('295 more evidence lines and 200 findings in the thread');
    // Far below the ~13k characters where Slack starts answering msg_blocks_too_long.
    expect(JSON.stringify(message.blocks).length).toBeLessThan(9000);
  });

  it('uses new block_ids when the message is updated', () => {
    const first = buildIncidentCard(paymentsIncident('proposed'));
    const again = buildIncidentCard(paymentsIncident('proposed'), { revision: 4 });
    const ids = (message: typeof first) => message.blocks.map((block) => block.block_id).filter(Boolean);
    expect(ids(first)).toEqual(['proposal-actions-r3']);
    expect(ids(again)).toEqual(['proposal-actions-r4']);
  });

  it('shows Undo only while the undo record exists', () => {
    const undo = (available: boolean) =>
      buttonsOf(buildIncidentCard(paymentsIncident('resolved'), { undoAvailable: available })).map(
        (button) => button.action_id,
      );
    expect(undo(true)).toEqual([ACTION_IDS.undo]);
    expect(undo(false)).toEqual([]);
  });

  it('lists approvers, or says how to configure them', () => {
    const listed = visibleText(
      buildIncidentCard(paymentsIncident('proposed'), { approvers: ['U0BOB', 'S0OPS'] }),
    );
    expect(listed).toContain('Approvers: <@U0BOB>, <!subteam^S0OPS>');
    const none = visibleText(buildIncidentCard(paymentsIncident('proposed'), { approvers: [] }));
    expect(none).toContain('`SRE_APPROVERS`');
  });

  it('still renders a stored proposal whose params no longer describe', () => {
    const broken = { ...setEnvProposal, params: { unexpected: true } };
    const incident = paymentsIncident('proposed', { report: { ...paymentsReport, proposals: [broken] } });
    expect(visibleText(buildIncidentCard(incident))).toContain(`\`${setEnvProposal.summary}\``);
  });
});

describe('cardOmitsEvidence', () => {
  it('is true when evidence lines or findings are left out of the card', () => {
    expect(cardOmitsEvidence(paymentsReport)).toBe(true);
  });

  it('is true when the diagnosis quotes more lines than the card shows, even with no finding', () => {
    const evidence = Array.from({ length: 8 }, (_, index) => `log: line ${index}`);
    const report = { ...paymentsReport, findings: [], diagnosis: { ...paymentsReport.diagnosis, evidence } };
    expect(cardOmitsEvidence(report)).toBe(true);
  });

  it('is true when a shown line had to be clipped', () => {
    const evidence = [`log: ${'x'.repeat(400)}`];
    const report = { ...paymentsReport, findings: [], diagnosis: { ...paymentsReport.diagnosis, evidence } };
    expect(cardOmitsEvidence(report)).toBe(true);
  });

  it('is false when the card shows every evidence line of every finding', () => {
    const lines = paymentsReport.findings[0]!.evidence;
    const report = {
      ...paymentsReport,
      findings: [paymentsReport.findings[0]!],
      diagnosis: { ...paymentsReport.diagnosis, evidence: lines },
    };
    expect(cardOmitsEvidence(report)).toBe(false);
  });
});
