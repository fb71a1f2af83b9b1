/**
 * Containers killed for exceeding their memory limit (OOMKilled, exit 137). The fix raises the limit past what
 * the container reached — it reached the limit, so the need is above it — within what the cluster can give.
 */
import type { Analyzer } from './analyzer.js';
import type { Finding } from '../domain/finding.js';
import type { ProposalDraft } from '../domain/proposal.js';
import type { Snapshot } from '../domain/snapshot.js';
import type { ContainerStatus } from '../kube/types.js';
import { largestAllocatable, quotaRoom } from './support/capacity.js';
import {
  affectedCount,
  containerInstances,
  groupByWorkloadContainer,
  type ContainerInstance,
} from './support/containers.js';
import { deploymentTarget, kubectl, manualDraft, manualTarget } from './support/drafts.js';
import { containerStatusLines, specLine } from './support/evidence.js';
import { MEBIBYTE, formatBytes, parseResource } from '../kube/quantity.js';
import { findDeployment } from './support/workloads.js';

function wasOomKilled(status: ContainerStatus): boolean {
  return (
    status.state?.terminated?.reason === 'OOMKilled' || status.lastState?.terminated?.reason === 'OOMKilled'
  );
}

/** At least twice the limit, rounded up to a whole power-of-two Mi (256Mi ⇒ 512Mi, 300Mi ⇒ 1024Mi). */
export function doubledLimit(limit: number): number {
  const mebibytes = Math.ceil((2 * limit) / MEBIBYTE);
  return 2 ** Math.ceil(Math.log2(mebibytes)) * MEBIBYTE;
}

/** The largest allowed value: the biggest node, and the quota room shared by every replica's increase. */
function ceiling(snapshot: Snapshot, limit: number, replicas: number, keys: readonly string[]): number {
  const node = largestAllocatable(snapshot, 'memory')?.amount ?? Infinity;
  const quota = quotaRoom(snapshot, keys);
  const quotaCeiling =
    quota === undefined ? Infinity : limit + Math.floor(quota.room / Math.max(replicas, 1));
  return Math.min(node, quotaCeiling);
}

/** The doubled limit if it fits, else the largest power-of-two Mi (or whole Mi) that fits above the old limit. */
export function raisedLimit(limit: number, max: number): number | undefined {
  const wanted = doubledLimit(limit);
  if (wanted <= max) return wanted;
  const mebibytes = Math.floor(max / MEBIBYTE);
  const powerOfTwo = mebibytes >= 1 ? 2 ** Math.floor(Math.log2(mebibytes)) * MEBIBYTE : 0;
  if (powerOfTwo > limit) return powerOfTwo;
  return mebibytes * MEBIBYTE > limit ? mebibytes * MEBIBYTE : undefined;
}

function proposalFor(snapshot: Snapshot, instance: ContainerInstance, evidence: string[]): ProposalDraft {
  const { workload, spec, status, podName } = instance;
  const limitText = spec?.resources?.limits?.memory;
  const limit = parseResource('memory', limitText);
  const requestText = spec?.resources?.requests?.memory;
  if (workload === undefined || limit === undefined || limitText === undefined) {
    const instruction = `Container ${status.name} was OOMKilled without a memory limit of its own (the node ran out of memory): set requests.memory and limits.memory from its real usage.`;
    const command = kubectl(snapshot, `top pod ${podName} --containers`);
    return manualDraft(
      manualTarget(snapshot, workload, podName),
      instruction,
      [command],
      'There is no limit to raise.',
    );
  }
  evidence.push(
    specLine(
      `container ${status.name} limits.memory ${limitText}${requestText ? `, requests.memory ${requestText}` : ''}`,
    ),
  );
  const replicas = findDeployment(snapshot, workload)?.spec?.replicas ?? 1;
  const raiseRequest = requestText !== undefined && parseResource('memory', requestText) === limit;
  const max = Math.min(
    ceiling(snapshot, limit, replicas, ['limits.memory']),
    raiseRequest ? ceiling(snapshot, limit, replicas, ['requests.memory', 'memory']) : Infinity,
  );
  const raised = raisedLimit(limit, max);
  if (raised === undefined) {
    const instruction = `Container ${status.name} needs more than its ${limitText} memory limit, but no node or quota leaves room for more: reduce its memory use or add capacity.`;
    return manualDraft(
      deploymentTarget(snapshot, workload),
      instruction,
      [kubectl(snapshot, 'describe resourcequota')],
      'The limit cannot be raised within the cluster.',
    );
  }
  const value = formatBytes(raised);
  const params = raiseRequest
    ? { limits: { memory: value }, requests: { memory: value } }
    : { limits: { memory: value } };
  const capped = raised < doubledLimit(limit) ? ` (capped by node allocatable or quota room)` : '';
  return {
    action: 'set_resources',
    target: deploymentTarget(snapshot, workload, status.name),
    params,
    rationale: `The container reached its ${limitText} limit and was killed; ${value} gives it room above the observed need${capped}.`,
  };
}

function findingFor(snapshot: Snapshot, group: ContainerInstance[]): Finding | undefined {
  const worst = group[0];
  if (!worst) return undefined;
  const { workload, status, podName } = worst;
  const evidence = containerStatusLines(podName, status);
  const proposal = proposalFor(snapshot, worst, evidence);
  const limit = worst.spec?.resources?.limits?.memory;
  return {
    analyzer: 'oom',
    object: { kind: 'Pod', name: podName },
    reason: 'OOMKilled',
    message:
      `Container ${status.name}${workload === undefined ? '' : ` of deployment/${workload}`} is OOMKilled (exit code 137)` +
      `${limit ? ` at its ${limit} memory limit` : ''} (${status.restartCount} restarts, ${affectedCount(snapshot, group)}).`,
    evidence,
    ...(workload === undefined ? {} : { workload }),
    container: status.name,
    category: 'oom',
    specificity: 90,
    confidence: 0.9,
    proposals: [proposal],
  };
}

export const oomAnalyzer: Analyzer = {
  name: 'oom',
  analyze(snapshot) {
    const killed = containerInstances(snapshot).filter((instance) => wasOomKilled(instance.status));
    return groupByWorkloadContainer(killed).flatMap((group) => findingFor(snapshot, group) ?? []);
  },
};
