/**
 * Containers that keep terminating. Usually a symptom (the app exits because of something else, found by a
 * more specific analyzer), except when the runtime cannot even start the command — then it is the cause.
 */
import type { Analyzer } from './analyzer.js';
import type { Finding } from '../domain/finding.js';
import type { ProposalDraft } from '../domain/proposal.js';
import type { Snapshot } from '../domain/snapshot.js';
import {
  affectedCount,
  containerInstances,
  groupByWorkloadContainer,
  lastTermination,
  type ContainerInstance,
} from './support/containers.js';
import { classifyCrash, isCrashing, type Crash } from './support/crash-classification.js';
import { deploymentTarget, kubectl, manualDraft, manualTarget } from './support/drafts.js';
import { podContainerEvents, warnings } from './support/events.js';
import { clip, containerStatusLines, eventLine, logLine, uniqueLines } from './support/evidence.js';
import { containerLogLines, tellingLines } from './support/logs.js';
import { templateContainerChanges } from './support/revisions.js';
import { containerDiffers, healthyRevisionWhere, rollbackProposal } from './support/rollback.js';

function proposalsFor(
  snapshot: Snapshot,
  worst: ContainerInstance,
  crash: Crash,
  evidence: string[],
): ProposalDraft[] {
  const { workload, status, podName } = worst;
  const candidate = healthyRevisionWhere(
    snapshot,
    workload,
    containerDiffers(status.name, ['command', 'args', 'image']),
  );
  if (workload !== undefined && candidate) {
    const changes = templateContainerChanges(
      candidate.target.template,
      candidate.current.template,
      status.name,
    );
    const relevant = changes.filter((change) => /^(image|command|args) /.test(change));
    const why = `changed container ${status.name}'s ${relevant.join(', ')} and crashes`;
    const rollback = rollbackProposal(snapshot, workload, candidate, why);
    evidence.push(rollback.evidence);
    return [rollback.draft];
  }
  if (crash.commandProblem) {
    const target =
      workload === undefined
        ? manualTarget(snapshot, undefined, podName)
        : deploymentTarget(snapshot, workload);
    const instruction =
      `Fix the command of container ${status.name}: it ${crash.summary}. Use a command that exists in image ` +
      `${worst.spec?.image ?? status.image}, or an image that provides it.`;
    const show = `get ${workload === undefined ? `pod/${podName}` : `deployment/${workload}`} -o jsonpath='{.spec${workload === undefined ? '' : '.template.spec'}.containers[?(@.name=="${status.name}")].command}'`;
    return [
      manualDraft(
        target,
        instruction,
        [kubectl(snapshot, show)],
        'The runtime reports the command cannot run.',
      ),
    ];
  }
  const instruction = `Read why container ${status.name} exits in its previous run's logs and fix that cause.`;
  const logs = kubectl(snapshot, `logs ${podName} -c ${status.name} --previous`);
  return [
    manualDraft(
      manualTarget(snapshot, workload, podName),
      instruction,
      [logs],
      'No more specific cause was found.',
    ),
  ];
}

function findingFor(snapshot: Snapshot, group: ContainerInstance[]): Finding | undefined {
  const worst = group[0];
  if (!worst) return undefined;
  const { status, podName, workload } = worst;
  const events = podContainerEvents(snapshot, podName, status.name);
  const killedByProbe = events.some((e) => e.reason === 'Killing' && /failed liveness probe/.test(e.message));
  const crash = classifyCrash(status, killedByProbe);
  const logs = tellingLines(containerLogLines(snapshot, podName, status.name));
  const backOff = warnings(events).filter((e) => e.reason === 'BackOff');
  const evidence = [
    ...containerStatusLines(podName, status),
    ...backOff.map(eventLine),
    ...logs.map(logLine),
  ];
  const proposals = proposalsFor(snapshot, worst, crash, evidence);
  const owner = workload === undefined ? '' : ` of deployment/${workload}`;
  const lastLog = logs.at(-1);
  return {
    analyzer: 'crash-loop',
    object: { kind: 'Pod', name: podName },
    reason: status.state?.waiting?.reason ?? lastTermination(status)?.reason ?? 'CrashLoopBackOff',
    message:
      `Container ${status.name}${owner} ${crash.summary} (${status.restartCount} restarts, ${affectedCount(snapshot, group)})` +
      (lastLog && !crash.commandProblem ? `; last log: ${clip(lastLog, 200)}` : '') +
      '.',
    evidence: uniqueLines(evidence),
    ...(workload === undefined ? {} : { workload }),
    container: status.name,
    category: 'crash',
    specificity: crash.specificity,
    confidence: crash.confidence,
    proposals,
  };
}

export const crashLoopAnalyzer: Analyzer = {
  name: 'crash-loop',
  analyze(snapshot) {
    const crashing = containerInstances(snapshot).filter((instance) => isCrashing(instance.status));
    return groupByWorkloadContainer(crashing).flatMap((group) => findingFor(snapshot, group) ?? []);
  },
};
