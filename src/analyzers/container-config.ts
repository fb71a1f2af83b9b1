/**
 * Containers that cannot be created because a ConfigMap, Secret or key they reference does not exist
 * (CreateContainerConfigError, FailedMount). Values are never invented: the fix is a rollback to a revision that
 * did not need the reference, or an exact instruction naming what to create.
 */
import type { Analyzer } from './analyzer.js';
import type { Finding } from '../domain/finding.js';
import type { ProposalDraft } from '../domain/proposal.js';
import type { Snapshot } from '../domain/snapshot.js';
import type { Pod } from '../kube/types.js';
import {
  describeReference,
  keysReferenced,
  missingReferenceIn,
  templateNeeds,
  type ConfigReference,
} from './support/config-references.js';
import { containerInstances } from './support/containers.js';
import { kubectl, manualDraft, manualTarget } from './support/drafts.js';
import { eventsFor, podContainerEvents, warnings } from './support/events.js';
import { containerStatusLines, eventLine, uniqueLines } from './support/evidence.js';
import { healthyRevisionWhere, rollbackProposal } from './support/rollback.js';
import { deploymentNameOfPod, findDeployment, groupBy, isPodReady, podName } from './support/workloads.js';

type Issue = {
  pod: Pod;
  workload: string | undefined;
  container?: string;
  missing: ConfigReference;
  evidence: string[];
};

function containerIssues(snapshot: Snapshot): Issue[] {
  return containerInstances(snapshot).flatMap((instance) => {
    const waiting = instance.status.state?.waiting;
    const missing =
      waiting?.reason === 'CreateContainerConfigError'
        ? missingReferenceIn(waiting.message ?? '')
        : undefined;
    if (!missing) return [];
    const failed = warnings(podContainerEvents(snapshot, instance.podName, instance.status.name)).filter(
      (e) => e.reason === 'Failed',
    );
    const evidence = [...containerStatusLines(instance.podName, instance.status), ...failed.map(eventLine)];
    return [
      { pod: instance.pod, workload: instance.workload, container: instance.status.name, missing, evidence },
    ];
  });
}

function mountIssues(snapshot: Snapshot): Issue[] {
  // A pod that became ready since mounted its volumes: an old FailedMount event is history, not a problem.
  return snapshot.pods
    .filter((pod) => !isPodReady(pod))
    .flatMap((pod) =>
      warnings(eventsFor(snapshot, 'Pod', podName(pod)))
        .filter((event) => event.reason === 'FailedMount')
        .flatMap((event) => {
          const missing = missingReferenceIn(event.message);
          return missing
            ? [{ pod, workload: deploymentNameOfPod(snapshot, pod), missing, evidence: [eventLine(event)] }]
            : [];
        }),
    );
}

function createCommand(snapshot: Snapshot, missing: ConfigReference, keys: readonly string[]): string {
  const resource = missing.kind === 'ConfigMap' ? 'configmap' : 'secret';
  if (missing.key !== undefined) {
    const field = missing.kind === 'ConfigMap' ? 'data' : 'stringData';
    return kubectl(
      snapshot,
      `patch ${resource} ${missing.name} --type merge -p '{"${field}":{"${missing.key}":"<value>"}}'`,
    );
  }
  const literals = (keys.length > 0 ? keys : ['<KEY>'])
    .map((key) => `--from-literal=${key}=<value>`)
    .join(' ');
  return kubectl(
    snapshot,
    `create ${missing.kind === 'ConfigMap' ? 'configmap' : 'secret generic'} ${missing.name} ${literals}`,
  );
}

function proposalFor(snapshot: Snapshot, issue: Issue, evidence: string[]): ProposalDraft {
  const { workload, missing } = issue;
  const candidate = healthyRevisionWhere(
    snapshot,
    workload,
    (before) => !templateNeeds(before.template, missing),
  );
  if (workload !== undefined && candidate) {
    const rollback = rollbackProposal(
      snapshot,
      workload,
      candidate,
      `needs ${describeReference(missing)}, which does not exist`,
    );
    evidence.push(rollback.evidence);
    return rollback.draft;
  }
  const template = findDeployment(snapshot, workload)?.spec?.template ?? { spec: issue.pod.spec };
  const keys =
    missing.key === undefined ? keysReferenced(template, missing.kind, missing.name) : [missing.key];
  const what =
    missing.key === undefined
      ? `Create ${missing.kind} ${missing.name} in namespace ${snapshot.namespace}${keys.length > 0 ? ` with key(s) ${keys.join(', ')}` : ''}`
      : `Add key ${missing.key} to ${missing.kind} ${missing.name} in namespace ${snapshot.namespace}`;
  const instruction =
    `${what}, with the real value(s) — the bot does not invent them — or remove the reference from ` +
    `${workload === undefined ? `pod ${podName(issue.pod)}` : `deployment/${workload}`}. The pods start by themselves once it exists.`;
  return manualDraft(
    manualTarget(snapshot, workload, podName(issue.pod)),
    instruction,
    [createCommand(snapshot, missing, keys)],
    'The kubelet retries every few seconds, so the pods start as soon as the object exists; no earlier healthy revision works without it.',
  );
}

/**
 * The pods' status says what was missing when the kubelet last tried; the object (and key) may exist by now — a
 * person just created it. Then the fix is done and the pods start on the kubelet's next retry: telling someone to
 * create what exists would be wrong.
 */
function existsNow(snapshot: Snapshot, missing: ConfigReference): boolean {
  const sets = missing.kind === 'ConfigMap' ? snapshot.configMaps : snapshot.secrets;
  const found = sets.find((set) => set.name === missing.name);
  return found !== undefined && (missing.key === undefined || found.keys.includes(missing.key));
}

function findingFor(snapshot: Snapshot, group: Issue[]): Finding | undefined {
  const first = group[0];
  if (!first) return undefined;
  const evidence = uniqueLines(group.flatMap((issue) => issue.evidence)).slice(0, 6);
  if (existsNow(snapshot, first.missing)) return settlingFinding(snapshot, group, first, evidence);
  const proposal = proposalFor(snapshot, first, evidence);
  const subject = first.container === undefined ? 'Pods' : `Container ${first.container}`;
  const owner = first.workload === undefined ? '' : ` of deployment/${first.workload}`;
  return {
    ...findingBase(first, evidence),
    message: `${subject}${owner} cannot start: ${describeReference(first.missing)} does not exist (${podCount(group)}).`,
    specificity: 90,
    confidence: 0.9,
    proposals: [proposal],
  };
}

/** What both findings of this analyzer share: the pod, the reason the kubelet gives, its owner and container. */
function findingBase(first: Issue, evidence: string[]) {
  return {
    analyzer: 'container-config',
    object: { kind: 'Pod', name: podName(first.pod) },
    reason: first.container === undefined ? 'FailedMount' : 'CreateContainerConfigError',
    evidence,
    ...(first.workload === undefined ? {} : { workload: first.workload }),
    ...(first.container === undefined ? {} : { container: first.container }),
    category: 'missing_config',
  } satisfies Partial<Finding>;
}

function podCount(group: readonly Issue[]): string {
  const pods = new Set(group.map((issue) => podName(issue.pod))).size;
  return `${pods} pod${pods === 1 ? '' : 's'}`;
}

/** The reference is satisfied now; the pods have not retried yet. Nothing to do but wait a few seconds. */
function settlingFinding(snapshot: Snapshot, group: Issue[], first: Issue, evidence: string[]): Finding {
  const owner = first.workload === undefined ? `pod ${podName(first.pod)}` : `deployment/${first.workload}`;
  const reference = describeReference(first.missing);
  evidence.push(
    `spec: ${first.missing.kind} ${first.missing.name} exists now${first.missing.key ? ` with key ${first.missing.key}` : ''}`,
  );
  return {
    ...findingBase(first, evidence),
    message: `${owner} was waiting for ${reference}, which exists now: its ${podCount(group)} start on the kubelet's next retry (seconds).`,
    // Still the reason the pods are not running, but less of a root cause than anything still broken.
    specificity: 40,
    confidence: 0.6,
    proposals: [
      manualDraft(
        manualTarget(snapshot, first.workload, podName(first.pod)),
        `Nothing to change: ${reference} exists now. Check again in a few seconds; the pods should be starting.`,
        [
          first.workload === undefined
            ? kubectl(snapshot, `get pod ${podName(first.pod)} -w`)
            : kubectl(snapshot, `rollout status deployment/${first.workload}`),
        ],
        'The kubelet retries containers blocked on configuration every few seconds.',
      ),
    ],
  };
}

export const containerConfigAnalyzer: Analyzer = {
  name: 'container-config',
  analyze(snapshot) {
    const issues = [...containerIssues(snapshot), ...mountIssues(snapshot)];
    const key = (i: Issue) => `${i.workload ?? podName(i.pod)}|${describeReference(i.missing)}`;
    return groupBy(issues, key).flatMap((group) => findingFor(snapshot, group) ?? []);
  },
};
