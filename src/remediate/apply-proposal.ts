/**
 * Applying an approved proposal: take the workload's lease, re-read the target and refuse a stale proposal or
 * one whose finding is gone, plan against the live object, send the patch with its resourceVersion (a 409 means
 * re-read and re-plan, never overwrite), record the undo. Outcomes are data; the lease stays held for
 * verification and is released by the caller.
 */
import { actionFor } from '../actions/index.js';
import { PlanError, type ActionPlan, type PlanContext } from '../actions/plan.js';
import type { AppliedChange } from '../domain/incident.js';
import { reportsCategory } from '../domain/report.js';
import type { Proposal } from '../domain/proposal.js';
import { errorMessage, KubeApiError } from '../errors.js';
import type { Deployment } from '../kube/types.js';
import { staleReason } from './basis.js';
import type { RemediationDeps } from './deps.js';
import { FIELD_MANAGER } from './dry-run.js';
import { buildUndoPatch } from './undo-patch.js';
import { saveUndoRecord } from './undo-records.js';
import { acquireWorkloadLease, leaseHolder, LeaseHeldError, type WorkloadLease } from './workload-lease.js';

export type ApplyRequest = {
  incidentId: string;
  proposal: Proposal;
  approvedBy: string;
  /** The root-cause category the proposal fixes: if a fresh diagnosis no longer reports it, nothing is applied. */
  expectedCategory: string;
};

export type RefusalReason =
  'manual' | 'lease_held' | 'target_missing' | 'stale' | 'finding_gone' | 'plan_failed' | 'api_rejected';

export type ApplyOutcome =
  | {
      status: 'applied';
      change: AppliedChange;
      plan: ActionPlan;
      lease: WorkloadLease;
      deployment: string;
      generation: number | undefined;
    }
  | { status: 'refused'; reason: RefusalReason; message: string };

const MAX_CONFLICT_RETRIES = 3;

export async function applyProposal(deps: RemediationDeps, request: ApplyRequest): Promise<ApplyOutcome> {
  const { proposal } = request;
  if (proposal.action === 'manual') {
    return {
      status: 'refused',
      reason: 'manual',
      message: 'a manual instruction is never executed by the bot',
    };
  }
  const { namespace } = proposal.target;
  const workload = await owningDeployment(deps, proposal);
  if (!workload)
    return {
      status: 'refused',
      reason: 'target_missing',
      message: `${proposal.target.kind.toLowerCase()}/${proposal.target.name} no longer exists in ${namespace}`,
    };

  let lease: WorkloadLease;
  try {
    lease = await acquireWorkloadLease(
      deps.kube,
      deps.clock,
      { namespace, deployment: workload },
      leaseHolder(deps.holder, request.incidentId),
      deps.leaseSeconds,
    );
  } catch (error) {
    if (error instanceof LeaseHeldError)
      return { status: 'refused', reason: 'lease_held', message: error.message };
    throw error;
  }
  try {
    const outcome = await applyUnderLease(deps, request, workload, lease);
    if (outcome.status !== 'applied') await lease.release();
    return outcome;
  } catch (error) {
    await lease.release().catch(() => undefined);
    throw error;
  }
}

async function applyUnderLease(
  deps: RemediationDeps,
  request: ApplyRequest,
  workload: string,
  lease: WorkloadLease,
): Promise<ApplyOutcome> {
  const { proposal } = request;
  const { namespace } = proposal.target;
  const fresh = await deps.diagnose(namespace, workload);
  if (!reportsCategory(fresh, request.expectedCategory)) {
    const now = fresh.diagnosis.hasIssue
      ? `it now reports ${fresh.diagnosis.category}`
      : 'it now reports no issue';
    return {
      status: 'refused',
      reason: 'finding_gone',
      message: `the ${request.expectedCategory} finding is gone (${now}); nothing applied — diagnose again`,
    };
  }

  for (let attempt = 0; ; attempt += 1) {
    const context = await planContext(deps, request, workload);
    const stale = staleReason(
      proposal.basis,
      {
        ...(context.deployment ? { deployment: context.deployment } : {}),
        ...(context.pod ? { pod: context.pod } : {}),
      },
      { replicasMatter: proposal.action === 'scale' },
    );
    if (stale)
      return {
        status: 'refused',
        reason: 'stale',
        message: `proposal is stale: ${stale}; nothing applied — diagnose again`,
      };

    let plan: ActionPlan;
    try {
      plan = actionFor(proposal.action).plan(proposal.params, context);
    } catch (error) {
      if (error instanceof PlanError)
        return { status: 'refused', reason: 'plan_failed', message: error.message };
      throw error;
    }
    try {
      return await send(deps, request, plan, context.deployment, workload, lease);
    } catch (error) {
      if (error instanceof KubeApiError && error.code === 'kube_conflict' && attempt < MAX_CONFLICT_RETRIES)
        continue;
      if (error instanceof KubeApiError && error.code === 'kube_conflict') {
        // Still conflicting after every re-read and re-plan: say so, rather than relaying the API server's
        // "please apply your changes to the latest version and try again" (which is what we just did).
        return {
          status: 'refused',
          reason: 'api_rejected',
          message: `${namespace}/${workload} kept changing while the fix was being applied (409 Conflict on ${attempt + 1} attempts, each re-read and re-planned); nothing applied — diagnose again`,
        };
      }
      if (error instanceof KubeApiError && error.status !== undefined && error.status < 500) {
        return { status: 'refused', reason: 'api_rejected', message: apiRejection(error) };
      }
      throw error;
    }
  }
}

async function send(
  deps: RemediationDeps,
  request: ApplyRequest,
  plan: ActionPlan,
  before: Deployment | undefined,
  workload: string,
  lease: WorkloadLease,
): Promise<ApplyOutcome> {
  const appliedAt = deps.clock.now().toISOString();
  const base = {
    proposal: request.proposal,
    change: plan.description,
    appliedAt,
    appliedBy: request.approvedBy,
  };
  if (plan.operation === 'delete') {
    await deps.kube.delete('Pod', plan.namespace, plan.name, { preconditions: { uid: plan.uid } });
    const change: AppliedChange = { ...base, patch: { delete: `pod/${plan.name}`, uid: plan.uid } };
    return { status: 'applied', change, plan, lease, deployment: workload, generation: undefined };
  }
  const applied = await patchOrUnknown(deps, plan);
  const revisionBefore = before?.metadata?.annotations?.['deployment.kubernetes.io/revision'];
  let undoId: string | undefined;
  let undoProblem: string | undefined;
  if (plan.restore) {
    const id = `${request.incidentId}-${Date.parse(appliedAt).toString(36)}`;
    // The patch is in: whatever happens to the record, the outcome is "applied", never "not applied".
    try {
      await saveUndoRecord(deps.store, {
        id,
        incidentId: request.incidentId,
        namespace: plan.namespace,
        deployment: plan.name,
        patch: buildUndoPatch(plan.restore, applied, {
          incidentId: request.incidentId,
          actor: 'undo',
          existing: applied.metadata?.annotations,
        }),
        description: plan.description,
        appliedAt,
        appliedBy: request.approvedBy,
      });
      undoId = id;
    } catch (error) {
      const back = revisionBefore ? ` --to-revision=${revisionBefore}` : '';
      undoProblem = `the undo record could not be saved (${errorMessage(error)}); to put it back: kubectl -n ${plan.namespace} rollout undo deployment/${plan.name}${back}`;
    }
  }
  const change: AppliedChange = {
    ...base,
    patch: plan.patch,
    ...(revisionBefore ? { revisionBefore } : {}),
    ...(undoId ? { undoId } : {}),
    ...(undoProblem ? { undoProblem } : {}),
  };
  return {
    status: 'applied',
    change,
    plan,
    lease,
    deployment: workload,
    generation: applied.metadata?.generation,
  };
}

/**
 * The PATCH itself. A 4xx is a refusal (nothing stored); a 5xx, a timeout or a dropped connection leaves the
 * outcome unknown — the API server may have stored it — and must never be reported as "not applied".
 */
async function patchOrUnknown(deps: RemediationDeps, plan: Extract<ActionPlan, { operation: 'patch' }>) {
  try {
    return await deps.kube.patch(
      'Deployment',
      plan.namespace,
      plan.name,
      { type: 'json', body: plan.patch },
      { fieldManager: FIELD_MANAGER },
    );
  } catch (error) {
    if (error instanceof KubeApiError && (error.status === undefined || error.status >= 500)) {
      throw new KubeApiError(
        'kube_outcome_unknown',
        `the API server did not confirm the change (${error.message}); it may or may not be applied — check: kubectl -n ${plan.namespace} rollout history deployment/${plan.name}`,
        error.status,
        { cause: error },
      );
    }
    throw error;
  }
}

async function planContext(
  deps: RemediationDeps,
  request: ApplyRequest,
  workload: string,
): Promise<PlanContext> {
  const { target } = request.proposal;
  const common = {
    target,
    incidentId: request.incidentId,
    approvedBy: request.approvedBy,
    now: deps.clock.now(),
  };
  if (target.kind === 'Pod') {
    const pod = await deps.kube.get('Pod', target.namespace, target.name);
    return { ...common, ...(pod ? { pod } : {}) };
  }
  const deployment = await deps.kube.get('Deployment', target.namespace, workload);
  const replicaSets =
    request.proposal.action === 'rollback' ? await deps.kube.list('ReplicaSet', target.namespace) : [];
  return { ...common, ...(deployment ? { deployment } : {}), replicaSets };
}

/** The Deployment a proposal acts on (a Pod's owner, through its ReplicaSet), or undefined when gone. */
async function owningDeployment(deps: RemediationDeps, proposal: Proposal): Promise<string | undefined> {
  const { target } = proposal;
  if (target.kind === 'Deployment') {
    return (await deps.kube.get('Deployment', target.namespace, target.name)) ? target.name : undefined;
  }
  const pod = await deps.kube.get('Pod', target.namespace, target.name);
  if (!pod) return undefined;
  const owner = pod.metadata?.ownerReferences?.find((reference) => reference.controller);
  if (owner?.kind !== 'ReplicaSet') return target.name;
  const replicaSet = await deps.kube.get('ReplicaSet', target.namespace, owner.name);
  return replicaSet?.metadata?.ownerReferences?.find((reference) => reference.controller)?.name ?? owner.name;
}

function apiRejection(error: KubeApiError): string {
  if (error.status === 422 && /rejected our request/.test(error.message)) {
    return `the API server refused the change because the live object no longer matches the plan (${error.message}); nothing applied`;
  }
  if (error.status === 403)
    return `the bot is not allowed to make this change: ${error.message}; nothing applied`;
  return `the API server refused the change: ${error.message}; nothing applied`;
}
