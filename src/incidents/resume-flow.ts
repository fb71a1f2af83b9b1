/**
 * Restart safety: incidents a previous run left mid-flight are picked up on start. A fix whose patch went in is
 * verified to its end (and the result threaded); one approved but not applied goes back to proposed; an
 * interrupted diagnosis runs again.
 */
import { buildVerificationResult } from '../../blocks/verification-result.js';
import { transition, type Incident } from '../domain/incident.js';
import { LeaseHeldError, acquireWorkloadLease, leaseHolder } from '../remediate/workload-lease.js';
import { verifyRollout } from '../remediate/verify-rollout.js';
import { runDiagnosis } from './diagnosis-flow.js';
import { decisionClaimKey } from './decision-claim.js';
import type { IncidentDeps } from './incident-deps.js';
import { incidentLogger } from './incident-log.js';
import { note, refreshCard, summarizeIfEnded, threadReply, undoAvailable } from './incident-notifier.js';

/** States a restart interrupts mid-flight; the others wait for a person and need nothing. */
const RESUMABLE: ReadonlySet<Incident['state']> = new Set([
  'diagnosing',
  'approved',
  'applying',
  'verifying',
]);

export async function resumeIncidents(deps: IncidentDeps): Promise<Incident[]> {
  const resumed: Incident[] = [];
  for (const incident of await deps.incidents.listOpen()) {
    const log = incidentLogger(deps, incident.id);
    try {
      if (RESUMABLE.has(incident.state)) log.info({ state: incident.state }, 'resuming after a restart');
      if (incident.state === 'diagnosing') resumed.push(await runDiagnosis(deps, incident, 'sre-bot'));
      else if (incident.state === 'approved') resumed.push(await backToProposed(deps, incident));
      else if (incident.state === 'applying' || incident.state === 'verifying')
        resumed.push(await resumeVerification(deps, incident));
    } catch (error) {
      log.error({ err: error }, 'could not resume incident');
    }
  }
  return resumed;
}

async function backToProposed(deps: IncidentDeps, incident: Incident): Promise<Incident> {
  const proposed = await deps.incidents.save(
    transition(
      { ...incident, approvedBy: undefined },
      'proposed',
      { actor: 'sre-bot', action: 'resumed', detail: 'restarted before applying' },
      deps.clock.now(),
    ),
  );
  await deps.store.releaseClaim(decisionClaimKey(incident.id, incident.report?.proposals[0]?.id ?? ''));
  await refreshCard(deps, proposed);
  await threadReply(
    deps,
    proposed,
    note(
      ':arrows_counterclockwise: sre-bot restarted before applying the approved fix; nothing was changed. Approve again to apply it.',
    ),
  );
  return proposed;
}

async function resumeVerification(deps: IncidentDeps, start: Incident): Promise<Incident> {
  let incident = start;
  const deployment = incident.target;
  const category = incident.report?.diagnosis.category;
  if (!deployment || !category) return incident;
  // Did the patch go in before the restart? The applied change carries the incident id as an annotation.
  const live = await deps.kube.get('Deployment', incident.namespace, deployment);
  const applied = live?.metadata?.annotations?.['sre-bot.dev/incident'] === incident.id;
  if (!applied) {
    if (incident.state === 'applying')
      return backToProposed(
        deps,
        transition(incident, 'proposed', { actor: 'sre-bot', action: 'resumed' }, deps.clock.now()),
      );
  }
  if (incident.state === 'applying') {
    incident = await deps.incidents.save(
      transition(
        incident,
        'verifying',
        { actor: 'sre-bot', action: 'resumed', detail: 'the change had been applied before the restart' },
        deps.clock.now(),
      ),
    );
  }
  await threadReply(
    deps,
    incident,
    note(':arrows_counterclockwise: sre-bot restarted during verification; resuming it.'),
  );
  let lease;
  try {
    lease = await acquireWorkloadLease(
      deps.kube,
      deps.clock,
      { namespace: incident.namespace, deployment },
      // The identity the fix held it under: this replica, restarted, takes its own incident's lease back.
      leaseHolder(deps.remediation.holder, incident.id),
      deps.remediation.leaseSeconds,
    );
  } catch (error) {
    if (error instanceof LeaseHeldError) return incident; // another replica is already on it
    throw error;
  }
  try {
    const verification = await verifyRollout(deps.remediation, {
      namespace: incident.namespace,
      deployment,
      generation: live?.metadata?.generation,
      category,
      lease,
    });
    deps.events?.verified?.(verification.healthy, verification.seconds);
    incident = await deps.incidents.save(
      transition(
        { ...incident, verification },
        verification.healthy ? 'resolved' : 'failed',
        {
          actor: 'sre-bot',
          action: verification.healthy ? 'verified' : 'verification-failed',
          detail: verification.reason,
        },
        deps.clock.now(),
      ),
    );
    await refreshCard(deps, incident);
    if (incident.applied) {
      await threadReply(
        deps,
        incident,
        buildVerificationResult({
          verification,
          applied: incident.applied,
          undoAvailable: await undoAvailable(deps, incident),
        }),
        true,
      );
    } else {
      await threadReply(
        deps,
        incident,
        note(`${verification.healthy ? ':white_check_mark:' : ':x:'} ${verification.reason}`),
        true,
      );
    }
    await summarizeIfEnded(deps, incident);
    return incident;
  } finally {
    await lease.release().catch(() => undefined);
  }
}
