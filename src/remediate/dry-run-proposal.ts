/** Plans a proposal against the live object and dry-runs it: what the Dry run button and `fix --dry-run` show. */
import { actionFor } from '../actions/index.js';
import { PlanError, type ActionPlan, type PlanContext } from '../actions/plan.js';
import type { Proposal } from '../domain/proposal.js';
import { KubeApiError } from '../errors.js';
import type { KubePort } from '../kube/port.js';
import { staleReason } from './basis.js';
import { dryRunPlan, type DryRunResult } from './dry-run.js';

export type DryRunOutcome =
  { status: 'ok'; plan: ActionPlan; result: DryRunResult } | { status: 'refused'; message: string };

/**
 * A crash-looping Deployment's status changes every few seconds, and each status write moves its
 * resourceVersion — which the plan's precondition pins. A 409 therefore means "re-read and plan again", as
 * when applying; only a Deployment that keeps changing is refused.
 */
const ATTEMPTS = 4;

export async function dryRunProposal(
  kube: KubePort,
  proposal: Proposal,
  /** approvedBy: who the change-cause annotation will name (in Slack the approver is not known yet). */
  context: { incidentId: string; approvedBy: string; now: Date },
): Promise<DryRunOutcome> {
  if (proposal.action === 'manual')
    return { status: 'refused', message: 'a manual instruction has nothing to dry-run' };
  for (let attempt = 1; ; attempt += 1) {
    const outcome = await dryRunOnce(kube, proposal, context);
    if (outcome !== 'conflict') return outcome;
    if (attempt >= ATTEMPTS) {
      return {
        status: 'refused',
        message: `${proposal.target.namespace}/${proposal.target.name} kept changing during the dry run (409 Conflict on ${ATTEMPTS} attempts, each re-read and re-planned); try again`,
      };
    }
  }
}

async function dryRunOnce(
  kube: KubePort,
  proposal: Proposal,
  context: { incidentId: string; approvedBy: string; now: Date },
): Promise<DryRunOutcome | 'conflict'> {
  const { target } = proposal;
  const planContext: PlanContext = {
    target,
    incidentId: context.incidentId,
    approvedBy: context.approvedBy,
    now: context.now,
  };
  if (target.kind === 'Pod') {
    const pod = await kube.get('Pod', target.namespace, target.name);
    if (pod) planContext.pod = pod;
  } else {
    const deployment = await kube.get('Deployment', target.namespace, target.name);
    if (deployment) planContext.deployment = deployment;
    if (proposal.action === 'rollback')
      planContext.replicaSets = await kube.list('ReplicaSet', target.namespace);
  }
  const stale = staleReason(
    proposal.basis,
    {
      ...(planContext.deployment ? { deployment: planContext.deployment } : {}),
      ...(planContext.pod ? { pod: planContext.pod } : {}),
    },
    { replicasMatter: proposal.action === 'scale' },
  );
  if (stale) return { status: 'refused', message: `proposal is stale: ${stale}; diagnose again` };
  try {
    const plan = actionFor(proposal.action).plan(proposal.params, planContext);
    return { status: 'ok', plan, result: await dryRunPlan(kube, plan) };
  } catch (error) {
    if (error instanceof PlanError) return { status: 'refused', message: error.message };
    if (error instanceof KubeApiError && error.code === 'kube_conflict') return 'conflict';
    if (error instanceof KubeApiError && error.status !== undefined && error.status < 500) {
      return { status: 'refused', message: `the API server refused the dry run: ${error.message}` };
    }
    throw error;
  }
}
