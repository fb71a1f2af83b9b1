/**
 * Approve: approver check, an atomic claim (any number of clicks, on any replica, executes once), the status line
 * replaces the buttons at once, then the remediation (lease, stale re-check, apply, verify) with every step
 * threaded and the card updated. A stale proposal is refused and the incident re-diagnosed instead.
 */
import { buildExecutionLog } from '../../blocks/execution-log.js';
import type { ErrorNotice } from '../../blocks/error-notice.js';
import { buildVerificationResult } from '../../blocks/verification-result.js';
import { displayScrubber } from '../remediate/display-scrub.js';
import { transition, type Incident } from '../domain/incident.js';
import { KubeApiError } from '../errors.js';
import { remediate } from '../remediate/remediate.js';
import { runDiagnosis } from './diagnosis-flow.js';
import { claimDecision, decisionClaimKey, type ButtonClick } from './decision-claim.js';
import type { IncidentDeps } from './incident-deps.js';

export type { ButtonClick } from './decision-claim.js';
import { incidentLogger } from './incident-log.js';
import { note, refreshCard, summarizeIfEnded, threadReply, undoAvailable } from './incident-notifier.js';

/** Checks and claims; returns a notice for the clicker when refused, or the claimed incident to run. */
export async function claimApproval(
  deps: IncidentDeps,
  click: ButtonClick,
): Promise<{ notice: ErrorNotice } | { incident: Incident }> {
  const claimed = await claimDecision(deps, click);
  if ('notice' in claimed) return claimed;
  const { incident } = claimed;
  const approved = transition(
    { ...incident, approvedBy: click.user },
    'approved',
    {
      actor: click.user,
      action: 'approved',
      detail: incident.report?.proposals[0]?.summary ?? click.proposalId,
    },
    deps.clock.now(),
  );
  const saved = await deps.incidents.save(approved);
  incidentLogger(deps, saved.id).info({ user: click.user, proposal: click.proposalId }, 'approved');
  await refreshCard(deps, saved);
  return { incident: saved };
}

/** Runs the approved remediation to its end; never throws (failures end up in the thread and the card). */
export async function executeApproved(deps: IncidentDeps, approved: Incident): Promise<Incident> {
  const proposal = approved.report?.proposals[0];
  const user = approved.approvedBy ?? 'unknown';
  if (!proposal || !approved.report) return approved;
  const log = incidentLogger(deps, approved.id);
  let incident = await save(
    deps,
    transition(
      approved,
      'applying',
      { actor: 'sre-bot', action: 'applying', detail: proposal.summary },
      deps.clock.now(),
    ),
  );
  try {
    const result = await remediate(
      deps.remediation,
      {
        incidentId: incident.id,
        proposal,
        approvedBy: user,
        expectedCategory: approved.report.diagnosis.category,
      },
      {
        onApplied: async (change) => {
          log.info({ change: change.change, by: user }, 'fix applied');
          incident = await save(
            deps,
            transition(
              { ...incident, applied: change },
              'verifying',
              { actor: user, action: 'applied', detail: change.change, patch: change.patch },
              deps.clock.now(),
            ),
          );
          await threadReply(
            deps,
            incident,
            buildExecutionLog({
              proposal,
              approvedBy: user,
              steps: [
                {
                  kind: 'lease',
                  at: change.appliedAt,
                  holder: deps.remediation.holder,
                  seconds: deps.remediation.leaseSeconds,
                },
                {
                  kind: 're-read',
                  at: change.appliedAt,
                  ...(change.revisionBefore ? { revision: change.revisionBefore } : {}),
                },
                {
                  kind: 'patch',
                  at: change.appliedAt,
                  patch: (await displayScrubber(deps.kube, proposal.target.namespace))(change.patch),
                },
                ...(change.undoProblem
                  ? [
                      {
                        kind: 'note' as const,
                        at: change.appliedAt,
                        text: `⚠️ No Undo: ${change.undoProblem}`,
                      },
                    ]
                  : []),
              ],
            }),
            // Not broadcast: the card's status line already says it is being applied; the outcome is.
          );
        },
      },
    );
    if (result.outcome.status === 'refused')
      return await refused(deps, incident, result.outcome.reason, result.outcome.message);
    const verification = result.verification!;
    deps.events?.verified?.(verification.healthy, verification.seconds);
    log.info(
      { healthy: verification.healthy, seconds: verification.seconds, reason: verification.reason },
      'verified',
    );
    incident = await save(
      deps,
      transition(
        {
          ...incident,
          verification,
          applied: {
            ...incident.applied!,
            ...(verification.revision ? { revisionAfter: verification.revision } : {}),
          },
        },
        verification.healthy ? 'resolved' : 'failed',
        {
          actor: 'sre-bot',
          action: verification.healthy ? 'verified' : 'verification-failed',
          detail: verification.reason,
        },
        deps.clock.now(),
      ),
    );
    await threadReply(
      deps,
      incident,
      buildVerificationResult({
        verification,
        applied: incident.applied!,
        undoAvailable: await undoAvailable(deps, incident),
      }),
      true,
    );
    await summarizeIfEnded(deps, incident);
    return incident;
  } catch (error) {
    log.error({ err: error }, 'remediation failed');
    if (error instanceof KubeApiError && error.code === 'kube_outcome_unknown') {
      await threadReply(deps, incident, note(`:warning: Outcome unknown: ${error.message}`), true);
      return fail(deps, incident, 'outcome-unknown', error.message);
    }
    return refused(deps, incident, 'error', (error as Error).message);
  }
}

/** Not applied: back to proposed (after a re-diagnosis when the world changed), or failed when it cannot be. */
async function refused(
  deps: IncidentDeps,
  incident: Incident,
  reason: string,
  message: string,
): Promise<Incident> {
  // The change went in but verification could not run to its end: report failure, never pretend.
  if (incident.state === 'verifying') {
    incidentLogger(deps, incident.id).warn({ reason }, `applied, verification failed to run: ${message}`);
    await threadReply(
      deps,
      incident,
      note(`:warning: Applied, but verification could not finish: ${message}`),
      true,
    );
    return fail(deps, incident, 'verification-error', message);
  }
  incidentLogger(deps, incident.id).warn({ reason, state: incident.state }, `not applied: ${message}`);
  await threadReply(deps, incident, note(`:no_entry: Not applied: ${message}`), true);
  const retryable = reason === 'stale' || reason === 'finding_gone' || reason === 'lease_held';
  if (!retryable) return fail(deps, incident, 'refused', message);
  // The same proposal may be approved again later (after a re-diagnosis it gets a new id anyway).
  await deps.store
    .releaseClaim(decisionClaimKey(incident.id, incident.report?.proposals[0]?.id ?? ''))
    .catch(() => undefined);
  const reopened = transition(
    { ...incident, approvedBy: undefined },
    'proposed',
    { actor: 'sre-bot', action: 'refused', detail: message },
    deps.clock.now(),
  );
  if (reason === 'lease_held') return save(deps, reopened);
  return runDiagnosis(deps, await save(deps, reopened), 'sre-bot');
}

async function fail(
  deps: IncidentDeps,
  incident: Incident,
  action: string,
  detail: string,
): Promise<Incident> {
  const failed = await save(
    deps,
    transition(incident, 'failed', { actor: 'sre-bot', action, detail }, deps.clock.now()),
  );
  await summarizeIfEnded(deps, failed);
  return failed;
}

async function save(deps: IncidentDeps, incident: Incident): Promise<Incident> {
  const saved = await deps.incidents.save(incident);
  await refreshCard(deps, saved);
  return saved;
}
