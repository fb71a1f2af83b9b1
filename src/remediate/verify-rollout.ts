/**
 * Verification: a fix is done when (1) the rollout completed — observedGeneration caught up and every replica
 * is updated, ready and available with no old pods left —, (2) the new pods stayed Ready without restarting for
 * the settle period, and (3) a fresh diagnosis no longer reports the original finding. Otherwise, at the
 * deadline, the result is a failure carrying the evidence (what the new pods say).
 */
import { reportsCategory } from '../domain/report.js';
import type { Verification } from '../domain/incident.js';
import type { Deployment, Pod, ReplicaSet } from '../kube/types.js';
import type { RemediationDeps } from './deps.js';
import type { WorkloadLease } from './workload-lease.js';

export type VerifyRequest = {
  namespace: string;
  deployment: string;
  /** The generation our change produced (the rollout must have observed at least this one). */
  generation: number | undefined;
  /** The category the fix addressed: verification fails while a fresh diagnosis still reports it. */
  category: string;
  lease?: WorkloadLease;
};

type Phase = 'rollout' | 'settle' | 'diagnosis';

export async function verifyRollout(
  deps: RemediationDeps,
  request: VerifyRequest,
): Promise<Verification & { revision?: string }> {
  const { clock } = deps;
  const started = clock.now().getTime();
  const deadline = started + deps.verify.timeoutSeconds * 1000;
  const seconds = () => Math.round((clock.now().getTime() - started) / 1000);
  let phase: Phase = 'rollout';
  let waitingFor = 'the rollout to start';
  let settledSince: number | undefined;
  let watched = new Map<string, number>();
  let lastRenew = started;

  while (clock.now().getTime() < deadline) {
    if (request.lease && clock.now().getTime() - lastRenew > (deps.leaseSeconds * 1000) / 3) {
      await request.lease.renew();
      lastRenew = clock.now().getTime();
    }
    const deployment = await deps.kube.get('Deployment', request.namespace, request.deployment);
    if (!deployment)
      return {
        healthy: false,
        reason: `deployment ${request.deployment} was deleted during verification`,
        seconds: seconds(),
        evidence: [],
      };
    const rollout = rolloutState(deployment, request.generation);
    if (rollout.failed) return failure(deps, request, rollout.failed, seconds());
    if (!rollout.complete) {
      phase = 'rollout';
      waitingFor = rollout.waitingFor;
      settledSince = undefined;
    } else {
      const pods = await newPods(deps, deployment);
      const restarts = new Map(pods.map((pod) => [pod.metadata?.name ?? '', restartCount(pod)]));
      const unready = pods.filter((pod) => !isReady(pod));
      const restarted = [...restarts].some(
        ([name, count]) => watched.has(name) && watched.get(name) !== count,
      );
      if (unready.length > 0 || restarted || settledSince === undefined || !sameNames(watched, restarts)) {
        settledSince = unready.length > 0 || restarted ? undefined : clock.now().getTime();
        watched = restarts;
        phase = 'settle';
        waitingFor =
          unready.length > 0 ? `${unready.length} new pod(s) to become Ready` : 'the new pods to stay Ready';
      } else if (clock.now().getTime() - settledSince >= deps.verify.settleSeconds * 1000) {
        phase = 'diagnosis';
        const report = await deps.diagnose(request.namespace, request.deployment);
        const still = reportsCategory(report, request.category);
        if (!still) {
          const revision = deployment.metadata?.annotations?.['deployment.kubernetes.io/revision'];
          return {
            healthy: true,
            reason: `rollout complete: ${deployment.status?.readyReplicas ?? 0}/${deployment.spec?.replicas ?? 0} pods Ready for ${deps.verify.settleSeconds}s with no restarts, and the ${request.category} finding is gone`,
            seconds: seconds(),
            evidence: [],
            ...(revision ? { revision } : {}),
          };
        }
        waitingFor = `the ${request.category} finding to clear`;
        settledSince = undefined;
      }
    }
    await clock.sleep(deps.verify.pollSeconds * 1000);
  }
  return failure(
    deps,
    request,
    `timed out after ${deps.verify.timeoutSeconds}s in the ${phase} phase, waiting for ${waitingFor}`,
    seconds(),
  );
}

function rolloutState(
  deployment: Deployment,
  generation: number | undefined,
): { complete: boolean; waitingFor: string; failed?: string } {
  const status = deployment.status ?? {};
  const wanted = deployment.spec?.replicas ?? 1;
  const observed = status.observedGeneration ?? 0;
  if (observed < (generation ?? deployment.metadata?.generation ?? 0))
    return { complete: false, waitingFor: 'the controller to observe the change' };
  const progressing = status.conditions?.find((condition) => condition.type === 'Progressing');
  if (progressing?.reason === 'ProgressDeadlineExceeded') {
    return {
      complete: false,
      waitingFor: '',
      failed: `rollout exceeded its progress deadline: ${progressing.message ?? ''}`.trim(),
    };
  }
  const updated = status.updatedReplicas ?? 0;
  const available = status.availableReplicas ?? 0;
  const ready = status.readyReplicas ?? 0;
  const total = status.replicas ?? 0;
  if (updated < wanted) return { complete: false, waitingFor: `${updated}/${wanted} replicas updated` };
  if (total > updated)
    return { complete: false, waitingFor: `${total - updated} old replica(s) to terminate` };
  if (available < wanted || ready < wanted)
    return { complete: false, waitingFor: `${available}/${wanted} updated replicas available` };
  return { complete: true, waitingFor: '' };
}

/** Pods of the Deployment's current ReplicaSet (same revision annotation as the Deployment). */
async function newPods(deps: RemediationDeps, deployment: Deployment): Promise<Pod[]> {
  const namespace = deployment.metadata?.namespace;
  const revision = deployment.metadata?.annotations?.['deployment.kubernetes.io/revision'];
  const replicaSets = await deps.kube.list('ReplicaSet', namespace);
  const current = replicaSets.find(
    (rs: ReplicaSet) =>
      rs.metadata?.ownerReferences?.some((owner) => owner.uid === deployment.metadata?.uid) &&
      rs.metadata?.annotations?.['deployment.kubernetes.io/revision'] === revision,
  );
  const hash = current?.metadata?.labels?.['pod-template-hash'];
  if (!hash) return [];
  const pods = await deps.kube.list('Pod', namespace, { labelSelector: `pod-template-hash=${hash}` });
  return pods.filter((pod) => !pod.metadata?.deletionTimestamp);
}

function isReady(pod: Pod): boolean {
  return (
    pod.status?.conditions?.some((condition) => condition.type === 'Ready' && condition.status === 'True') ??
    false
  );
}

function restartCount(pod: Pod): number {
  return (pod.status?.containerStatuses ?? []).reduce((sum, status) => sum + (status.restartCount ?? 0), 0);
}

function sameNames(a: Map<string, number>, b: Map<string, number>): boolean {
  return a.size === b.size && [...a.keys()].every((name) => b.has(name));
}

/** A failed verification with what the cluster says now: the fresh diagnosis' evidence about the new pods. */
async function failure(
  deps: RemediationDeps,
  request: VerifyRequest,
  reason: string,
  seconds: number,
): Promise<Verification> {
  let evidence: string[] = [];
  try {
    const report = await deps.diagnose(request.namespace, request.deployment);
    evidence = report.diagnosis.hasIssue
      ? [report.diagnosis.summary, ...report.diagnosis.evidence].slice(0, 8)
      : [];
  } catch (error) {
    evidence = [`could not re-diagnose: ${(error as Error).message}`];
  }
  return { healthy: false, reason, seconds, evidence };
}
