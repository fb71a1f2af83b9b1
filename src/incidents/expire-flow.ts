/**
 * Expiry: a proposal nobody decided on within SRE_INCIDENT_TTL_HOURS is closed as expired — the card says so,
 * the buttons go, and the summary (with the on-call ping) is posted. Nothing changes in the cluster. A sweep
 * started with the bot does this periodically.
 */
import { transition, type Incident } from '../domain/incident.js';
import { decisionClaimKey } from './decision-claim.js';
import type { IncidentDeps } from './incident-deps.js';
import { incidentLogger } from './incident-log.js';
import { refreshCard, summarizeIfEnded } from './incident-notifier.js';

const CLAIM_MS = 30 * 60 * 1000;

/** Expires every incident that has been `proposed` for longer than `ttlMs`; returns those it expired. */
export async function expireStaleProposals(deps: IncidentDeps, ttlMs: number): Promise<Incident[]> {
  const expired: Incident[] = [];
  for (const incident of await deps.incidents.listOpen()) {
    if (!isStale(incident, deps.clock.now(), ttlMs)) continue;
    // The claim Approve and Reject take: a click racing the sweep either wins (and runs) or is told it ended.
    const proposal = incident.report?.proposals[0]?.id ?? '';
    if (!(await deps.store.claim(decisionClaimKey(incident.id, proposal), 'sre-bot', CLAIM_MS))) continue;
    const current = await deps.incidents.get(incident.id);
    if (!current || !isStale(current, deps.clock.now(), ttlMs)) continue;
    const hours = Math.round((ttlMs / 3_600_000) * 100) / 100;
    const saved = await deps.incidents.save(
      transition(
        current,
        'expired',
        { actor: 'sre-bot', action: 'expired', detail: `no decision within ${hours} h` },
        deps.clock.now(),
      ),
    );
    incidentLogger(deps, saved.id).info({ ttlHours: hours }, 'proposal expired');
    await refreshCard(deps, saved);
    await summarizeIfEnded(deps, saved);
    expired.push(saved);
  }
  return expired;
}

/** `proposed` since its last change of state (updatedAt moves only on transitions) longer than the TTL. */
function isStale(incident: Incident, now: Date, ttlMs: number): boolean {
  return incident.state === 'proposed' && now.getTime() - Date.parse(incident.updatedAt) >= ttlMs;
}

export type ExpirySweep = { stop(): Promise<void> };

/** Runs `expireStaleProposals` every `intervalMs` (never two at once) until stopped. */
export function startExpirySweep(
  deps: IncidentDeps,
  options: { ttlMs: number; intervalMs: number },
): ExpirySweep {
  let running: Promise<void> | undefined;
  const sweep = () => {
    running ??= expireStaleProposals(deps, options.ttlMs)
      .then(
        () => undefined,
        (error: unknown) => deps.logger.error({ err: error }, 'expiry sweep failed'),
      )
      .finally(() => {
        running = undefined;
      });
  };
  const timer = setInterval(sweep, options.intervalMs);
  // The sweep alone must not keep the process alive.
  timer.unref();
  return {
    async stop() {
      clearInterval(timer);
      await running;
    },
  };
}
