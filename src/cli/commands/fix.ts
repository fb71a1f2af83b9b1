/**
 * `sre-bot fix NAMESPACE[/DEPLOYMENT] [--dry-run] [--yes] [--json]` (SPEC §2): diagnose, show the top proposal
 * and the API server's dry-run diff, apply on confirmation, verify, and say how to undo.
 */
import { userInfo } from 'node:os';
import { createServices, diagnoseDeps, holderIdentity, remediationDeps } from '../../app/services.js';
import { diagnose } from '../../diagnosis/diagnose.js';
import type { Incident } from '../../domain/incident.js';
import type { Report } from '../../domain/report.js';
import { SreBotError } from '../../errors.js';
import { newIncidentId } from '../../incidents/incident-id.js';
import { IncidentRepository } from '../../incidents/incident-repository.js';
import { silentLogger } from '../../log.js';
import { dryRunProposal } from '../../remediate/dry-run-proposal.js';
import { remediate, type RemediationResult } from '../../remediate/remediate.js';
import { CliError, parseOptions } from '../command.js';
import { confirm } from '../confirm.js';
import { formatReport } from '../format-report.js';
import { clusterFlags, configFromFlags, KUBE_OPTIONS } from '../kube-options.js';
import { parseTarget } from '../target.js';

const HELP = `usage: sre-bot fix NAMESPACE[/DEPLOYMENT] [--dry-run] [--yes] [--json] [--kubeconfig PATH] [--context C] [--llm none|openai|ollama]

Diagnoses, shows the top proposal and the API server's dry-run diff, and on confirmation applies it and
verifies the recovery. --dry-run changes nothing. Without a terminal it refuses unless --yes is given.
Exit status: 0 fixed and verified (or nothing to fix), 1 not fixed (a manual proposal for a person to carry out, refused,
failed verification, or could not diagnose).`;

export async function run(argv: string[]): Promise<number> {
  const { values, positionals } = parseOptions(argv, {
    ...KUBE_OPTIONS,
    'dry-run': { type: 'boolean' },
    yes: { type: 'boolean', short: 'y' },
  });
  if (values.help) {
    process.stdout.write(`${HELP}\n`);
    return 0;
  }
  const target = parseTarget(positionals);
  const services = createServices(configFromFlags(values), { logger: silentLogger() });
  const say = (text: string) => {
    if (!values.json) process.stdout.write(`${text}\n`);
  };
  const emit = (document: unknown) => {
    if (values.json) process.stdout.write(`${JSON.stringify(document, null, 2)}\n`);
  };
  try {
    let report: Report;
    try {
      report = (await diagnose(diagnoseDeps(services), target)).report;
    } catch (error) {
      if (error instanceof SreBotError) throw new CliError(`could not diagnose: ${error.message}`, 1);
      throw error;
    }
    say(formatReport(report));
    const top = report.proposals[0];
    if (!report.diagnosis.hasIssue || !top) {
      say('\nNothing to fix.');
      emit(report);
      return 0;
    }
    if (top.action === 'manual') {
      // Something is wrong and it is still wrong: a script running `sre-bot fix … && deploy` must not go on.
      say('\nThe proposal is a manual instruction: sre-bot never executes it.');
      emit(report);
      return 1;
    }

    const actor = `cli:${userInfo().username}`;
    const incidentId = newIncidentId(services.clock.now());
    const dryRun = await dryRunProposal(services.kube, top, {
      incidentId,
      approvedBy: actor,
      now: services.clock.now(),
    });
    if (dryRun.status === 'refused') {
      say(`\nDry run refused: ${dryRun.message}`);
      emit({ ...report, dryRun: { refused: dryRun.message } });
      return 1;
    }
    say(`\nServer-side dry run of: ${dryRun.plan.description}\n${dryRun.result.diff}`);
    if (values['dry-run']) {
      say('\nDry run only: nothing was changed.');
      emit({ ...report, dryRun: { diff: dryRun.result.diff } });
      return 0;
    }
    if (!values.yes) {
      if (!process.stdin.isTTY)
        throw new CliError('refusing to apply without a terminal to confirm on; pass --yes to apply', 1);
      if (!(await confirm('\nApply?'))) {
        say('Not applied.');
        return 1;
      }
    }

    const deps = await remediationDeps(services, holderIdentity(`cli-${process.pid}`));
    say(`\nApplying (incident ${incidentId})…`);
    const result = await remediate(
      deps,
      { incidentId, proposal: top, approvedBy: actor, expectedCategory: report.diagnosis.category },
      {
        onApplied: (change) => {
          say(`Applied: ${change.change}\nVerifying the rollout (up to ${deps.verify.timeoutSeconds}s)…`);
          return Promise.resolve();
        },
      },
    );
    await recordIncident(services, incidentId, report, actor, result);
    return finish(result, report, target, say, emit, dryRun.result.diff, clusterFlags(values));
  } finally {
    await services.close();
  }
}

function finish(
  result: RemediationResult,
  report: Report,
  target: { namespace: string; deployment: string | undefined },
  say: (text: string) => void,
  emit: (document: unknown) => void,
  diff: string,
  flags: string,
): number {
  const { outcome, verification } = result;
  if (outcome.status !== 'applied') {
    say(`Not applied: ${outcome.message}`);
    emit({ ...report, dryRun: { diff }, refused: { reason: outcome.reason, message: outcome.message } });
    return 1;
  }
  const workload = `${target.namespace}/${outcome.deployment}`;
  const applied = {
    proposal: outcome.change.proposal,
    target: outcome.change.proposal.target,
    change: outcome.change.change,
  };
  if (verification?.healthy) say(`\n✔ Verified in ${verification.seconds}s: ${verification.reason}`);
  else {
    say(`\n✖ Verification failed after ${verification?.seconds ?? 0}s: ${verification?.reason ?? 'unknown'}`);
    for (const line of verification?.evidence ?? []) say(`  • ${line}`);
  }
  if (outcome.change.undoId) say(`To undo exactly this change: sre-bot undo ${workload}${flags}`);
  if (outcome.change.undoProblem) say(`No sre-bot undo: ${outcome.change.undoProblem}`);
  emit({
    ...report,
    dryRun: { diff },
    applied,
    verification: verification && {
      healthy: verification.healthy,
      reason: verification.reason,
      seconds: verification.seconds,
      evidence: verification.evidence,
    },
    undo: outcome.change.undoId ? `sre-bot undo ${workload}${flags}` : undefined,
  });
  return verification?.healthy ? 0 : 1;
}

/** Incident history lives in the store, CLI fixes included. */
async function recordIncident(
  services: ReturnType<typeof createServices>,
  id: string,
  report: Report,
  actor: string,
  result: RemediationResult,
): Promise<void> {
  const now = services.clock.now().toISOString();
  const applied = result.outcome.status === 'applied' ? result.outcome.change : undefined;
  const state = !applied ? 'failed' : result.verification?.healthy ? 'resolved' : 'failed';
  const incident: Incident = {
    id,
    namespace: report.namespace,
    target: report.target,
    trigger: { kind: 'cli', user: actor },
    state,
    createdAt: now,
    updatedAt: now,
    report,
    ...(applied ? { applied, approvedBy: actor } : {}),
    ...(result.verification ? { verification: result.verification } : {}),
    alerts: {},
    audit: [
      { at: now, actor, action: 'diagnosed', detail: report.diagnosis.summary },
      ...(applied
        ? [{ at: applied.appliedAt, actor, action: 'applied', detail: applied.change, patch: applied.patch }]
        : []),
      ...(result.outcome.status === 'refused'
        ? [{ at: now, actor, action: 'refused', detail: result.outcome.message }]
        : []),
      ...(result.verification
        ? [
            {
              at: now,
              actor: 'sre-bot',
              action: result.verification.healthy ? 'verified' : 'verification-failed',
              detail: result.verification.reason,
            },
          ]
        : []),
    ],
  };
  await new IncidentRepository(await services.store()).save(incident);
}
