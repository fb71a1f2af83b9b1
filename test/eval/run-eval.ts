/**
 * `npm run eval`: every public scenario on a fresh simulated cluster, through `diagnose` with the rules only and
 * with a scripted LLM (which echoes the rules' answer and adds an invented proposal that validation must drop),
 * then — where the expected fix is automated — the top proposal applied and verified on the sim, with the time to
 * recovery in virtual and wall time. Prints a table ending "N passed, M failed"; exits non-zero on a failure.
 */
import { readdirSync } from 'node:fs';
import type { Clock } from '../../src/clock.js';
import { diagnose } from '../../src/diagnosis/diagnose.js';
import type { Report } from '../../src/domain/report.js';
import { createClientNodeKube } from '../../src/kube/client-node-adapter.js';
import type { KubePort } from '../../src/kube/port.js';
import { createOpenAiLlm } from '../../src/llm/openai-adapter.js';
import { SCENARIOS_DIR } from '../../src/paths.js';
import { remediate } from '../../src/remediate/remediate.js';
import { startSim, type SimHandle } from '../../src/sim/sim.js';
import { createKeyvStore } from '../../src/store/keyv-store.js';
import { reply } from '../support/scripted-server.js';
import { startScriptedOpenAiServer } from '../support/scripted-openai-server.js';
import { loadExpectations, matchesSubset, type Expectation } from './expectations.js';

const allowAll = () => true;
type Row = {
  scenario: string;
  expected: string;
  rules: string;
  llm: string;
  dropped: string;
  fixed: string;
  virtual: string;
  wall: string;
  pass: boolean;
};

function outcome(report: Report): string {
  const top = report.proposals[0];
  return `${report.diagnosis.category}/${top?.action ?? 'none'}`;
}

function passes(report: Report, expectation: Expectation): boolean {
  const top = report.proposals[0];
  if (report.diagnosis.category !== expectation.category) return false;
  if (expectation.action === 'none') return !report.diagnosis.hasIssue && report.proposals.length === 0;
  return (
    top?.action === expectation.action &&
    (!expectation.params || matchesSubset(top.params, expectation.params))
  );
}

/** The sim's virtual clock as the bot's clock: verification waits move simulated time instead of sleeping. */
function simClock(sim: SimHandle): Clock {
  return {
    now: () => new Date(sim.cluster.clock.now()),
    sleep: async (ms) => {
      sim.advance(ms);
      await new Promise((resolve) => setImmediate(resolve));
    },
  };
}

/** The scripted model answers like the rules, plus one invented proposal on another workload. */
function scriptedAnswer(report: Report) {
  const top = report.proposals[0];
  return {
    hasIssue: report.diagnosis.hasIssue,
    category: report.diagnosis.category,
    summary: report.diagnosis.summary,
    rootCause: report.diagnosis.rootCause,
    confidence: report.diagnosis.confidence,
    evidence: report.diagnosis.evidence.slice(0, 3),
    proposals: [
      ...(top
        ? [
            {
              action: top.action,
              target: {
                kind: top.target.kind,
                name: top.target.name,
                container: top.target.container ?? null,
              },
              params: JSON.stringify(top.params),
              rationale: top.rationale,
            },
          ]
        : []),
      {
        action: 'scale',
        target: { kind: 'Deployment', name: 'some-other-service', container: null },
        params: '{"replicas":0}',
        rationale: 'free capacity',
      },
    ],
  };
}

async function evaluate(scenario: string, expectation: Expectation): Promise<Row> {
  const sim = await startSim({ scenarios: [scenario], advanceMs: 180_000, seed: 42 });
  const kube: KubePort = createClientNodeKube({ kubeconfigText: sim.kubeconfig });
  const request = { namespace: expectation.namespace };
  try {
    const rules = (await diagnose({ kube, allowedNamespaces: allowAll }, request)).report;
    const server = await startScriptedOpenAiServer([reply.json(scriptedAnswer(rules))]);
    let llmReport: Report;
    try {
      const llm = createOpenAiLlm({ model: 'scripted', apiKey: 'eval', baseUrl: `${server.url}/v1` });
      llmReport = (
        await diagnose(
          { kube, allowedNamespaces: allowAll, llm: { port: llm, timeoutMs: 10_000, maxPromptTokens: 4000 } },
          request,
        )
      ).report;
    } finally {
      await server.close();
    }
    const droppedInvented = llmReport.rejected.filter((rejected) => rejected.source === 'llm').length;
    const row: Row = {
      scenario,
      expected: `${expectation.category}/${expectation.action}`,
      rules: `${outcome(rules)} ${passes(rules, expectation) ? '✔' : '✘'}`,
      llm: `${outcome(llmReport)} ${passes(llmReport, expectation) ? '✔' : '✘'}`,
      dropped: rules.diagnosis.hasIssue ? String(droppedInvented) : '-',
      fixed: '-',
      virtual: '-',
      wall: '-',
      pass:
        passes(rules, expectation) &&
        passes(llmReport, expectation) &&
        (!rules.diagnosis.hasIssue || droppedInvented >= 1),
    };
    const top = rules.proposals[0];
    if (top && top.action !== 'manual' && expectation.action !== 'manual') {
      const clock = simClock(sim);
      const store = await createKeyvStore({ kind: 'memory' });
      const startedVirtual = clock.now().getTime();
      const startedWall = performance.now();
      const result = await remediate(
        {
          kube,
          store,
          clock,
          holder: 'eval',
          leaseSeconds: 60,
          diagnose: async (namespace, deployment) =>
            (
              await diagnose(
                { kube, allowedNamespaces: allowAll },
                { namespace, ...(deployment ? { deployment } : {}) },
              )
            ).report,
          verify: { timeoutSeconds: 600, settleSeconds: 30, pollSeconds: 2 },
        },
        {
          incidentId: `eval-${scenario}`,
          proposal: top,
          approvedBy: 'eval',
          expectedCategory: rules.diagnosis.category,
        },
      );
      const healthy = result.verification?.healthy ?? false;
      row.fixed = healthy
        ? 'yes'
        : `NO (${result.outcome.status === 'refused' ? result.outcome.message : (result.verification?.reason ?? '')})`.slice(
            0,
            60,
          );
      row.virtual = `${Math.round((clock.now().getTime() - startedVirtual) / 1000)}s`;
      row.wall = `${((performance.now() - startedWall) / 1000).toFixed(2)}s`;
      row.pass &&= healthy;
    }
    return row;
  } finally {
    await sim.stop();
  }
}

function printTable(rows: Row[]): void {
  const headers = [
    'scenario',
    'expected',
    'rules: got',
    'llm: got',
    'llm dropped',
    'fixed',
    'TTR virtual',
    'TTR wall',
    'pass',
  ];
  const cells = rows.map((row) => [
    row.scenario,
    row.expected,
    row.rules,
    row.llm,
    row.dropped,
    row.fixed,
    row.virtual,
    row.wall,
    row.pass ? 'PASS' : 'FAIL',
  ]);
  const widths = headers.map((header, index) =>
    Math.max(header.length, ...cells.map((line) => line[index]!.length)),
  );
  const line = (values: string[]) => values.map((value, index) => value.padEnd(widths[index]!)).join('  ');
  process.stdout.write(`${line(headers)}\n${widths.map((width) => '-'.repeat(width)).join('  ')}\n`);
  for (const values of cells) process.stdout.write(`${line(values)}\n`);
}

const expectations = loadExpectations();
const scenarios = readdirSync(SCENARIOS_DIR)
  .filter((file) => file.endsWith('.yaml') && file !== 'expectations.yaml')
  .map((file) => file.replace(/\.yaml$/, ''))
  .sort();
const wanted = process.argv.slice(2);
const rows: Row[] = [];
for (const scenario of scenarios.filter((name) => wanted.length === 0 || wanted.includes(name))) {
  const expectation = expectations[scenario];
  if (!expectation) {
    rows.push({
      scenario,
      expected: '(no expectation)',
      rules: '-',
      llm: '-',
      dropped: '-',
      fixed: '-',
      virtual: '-',
      wall: '-',
      pass: false,
    });
    continue;
  }
  rows.push(await evaluate(scenario, expectation));
}
printTable(rows);
const passed = rows.filter((row) => row.pass).length;
process.stdout.write(`\n${passed} passed, ${rows.length - passed} failed\n`);
process.exit(rows.length === passed ? 0 : 1);
