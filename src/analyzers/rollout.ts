/**
 * A rollout that fails: the newest revision's pods have problems while an earlier revision still runs healthy,
 * or the Deployment reports ProgressDeadlineExceeded. The cause analyzers name the precise cause; this one
 * names the way back (less specific, so a precise cause wins when there is one).
 */
import type { Analyzer } from './analyzer.js';
import type { Category } from '../domain/categories.js';
import type { Finding } from '../domain/finding.js';
import type { ProposalDraft } from '../domain/proposal.js';
import type { Snapshot } from '../domain/snapshot.js';
import type { Deployment } from '../kube/types.js';
import { statusLine, specLine } from './support/evidence.js';
import { podProblem, type PodProblem } from './support/pod-problems.js';
import { currentRevision, lastHealthyRevision, templateContainerChanges } from './support/revisions.js';
import { rollbackProposal } from './support/rollback.js';
import { podName, podsOfDeployment, replicaSetOfPod } from './support/workloads.js';

function mostCommon(problems: readonly PodProblem[]): Category | undefined {
  const counts = new Map<Category, number>();
  for (const { category } of problems) counts.set(category, (counts.get(category) ?? 0) + 1);
  return [...counts.entries()].sort((a, b) => b[1] - a[1])[0]?.[0];
}

function findingFor(snapshot: Snapshot, deployment: Deployment): Finding | undefined {
  const name = deployment.metadata?.name;
  const current = currentRevision(snapshot, deployment);
  if (name === undefined || !current || (deployment.spec?.replicas ?? 1) === 0) return undefined;
  const conditions = deployment.status?.conditions ?? [];
  const deadline = conditions.find(
    (c) => c.type === 'Progressing' && c.status === 'False' && c.reason === 'ProgressDeadlineExceeded',
  );
  const quota = conditions.find(
    (c) => c.type === 'ReplicaFailure' && c.status === 'True' && /exceeded quota/.test(c.message ?? ''),
  );
  const newPods = podsOfDeployment(snapshot, deployment).filter(
    (pod) => replicaSetOfPod(snapshot, pod) === current.replicaSet,
  );
  const problems = newPods.flatMap((pod) => {
    const problem = podProblem(snapshot, pod);
    return problem ? [{ pod, problem }] : [];
  });
  const healthy = lastHealthyRevision(snapshot, deployment);
  if (!(problems.length > 0 || deadline) || !(healthy || deadline)) return undefined;

  const category = mostCommon(problems.map((p) => p.problem)) ?? (quota ? 'quota_exceeded' : 'crash');
  const evidence = [
    ...(deadline
      ? [
          statusLine(
            `deployment/${name} Progressing=False ProgressDeadlineExceeded: ${deadline.message ?? ''}`,
          ),
        ]
      : []),
    ...problems
      .slice(0, 2)
      .map(({ pod, problem }) =>
        statusLine(`pod/${podName(pod)} (revision ${current.number}) ${problem.reason}`),
      ),
  ];
  const podReason = problems[0]?.problem.reason;
  const proposals: ProposalDraft[] = [];
  if (healthy) {
    const changes = (current.template?.spec?.containers ?? []).flatMap((c) =>
      templateContainerChanges(healthy.template, current.template, c.name).map(
        (change) => `container ${c.name} ${change}`,
      ),
    );
    const rollback = rollbackProposal(
      snapshot,
      name,
      { current, target: healthy },
      `fails (${podReason ?? 'no progress'})`,
    );
    evidence.push(
      rollback.evidence,
      ...changes
        .slice(0, 3)
        .map((change) => specLine(`revision ${healthy.number} → ${current.number}: ${change}`)),
    );
    proposals.push(rollback.draft);
  }
  const cause = podReason ? `its pods show ${podReason}` : 'it makes no progress';
  const deadlineText = deadline ? ' and exceeded its progress deadline' : '';
  return {
    analyzer: 'rollout',
    object: { kind: 'Deployment', name },
    reason: deadline ? 'ProgressDeadlineExceeded' : 'RolloutFailing',
    message:
      `Revision ${current.number} of deployment/${name} fails: ${cause}${deadlineText}` +
      (healthy ? ` while revision ${healthy.number} still runs ${healthy.available} healthy pod(s).` : '.'),
    evidence,
    workload: name,
    category,
    specificity: healthy ? 50 : 15,
    confidence: healthy ? 0.75 : 0.5,
    proposals,
  };
}

export const rolloutAnalyzer: Analyzer = {
  name: 'rollout',
  analyze(snapshot) {
    return snapshot.deployments.flatMap((deployment) => findingFor(snapshot, deployment) ?? []);
  },
};
