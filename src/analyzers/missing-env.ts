/**
 * A program that says, in its logs, that an environment variable it needs is missing — and the container's spec
 * indeed does not define it (or defines it empty). The fix is grounded in a ConfigMap/Secret key of that name.
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
import { deploymentTarget, manualDraft, manualTarget } from './support/drafts.js';
import { envDefinition } from './support/env-definition.js';
import { createAndWireCommands, keySourceFor } from './support/env-grounding.js';
import { missingEnvMentions, type MissingEnvMention } from './support/env-log-patterns.js';
import { containerStatusLines, logLine, specLine } from './support/evidence.js';
import { containerLogLines } from './support/logs.js';

/** Only containers that fail count: a healthy app may log that an optional variable is unset. */
function isFailing({ status }: ContainerInstance): boolean {
  const ended = lastTermination(status);
  return !status.ready || (ended !== undefined && ended.exitCode !== 0);
}

function proposalFor(snapshot: Snapshot, instance: ContainerInstance, name: string): ProposalDraft {
  const { workload, spec, status } = instance;
  const source = keySourceFor(snapshot, spec, workload, name);
  if (workload === undefined) {
    const instruction = `Define ${name} in the spec of whatever creates pod ${instance.podName}.`;
    return manualDraft(
      manualTarget(snapshot, undefined, instance.podName),
      instruction,
      [],
      'The pod has no Deployment.',
    );
  }
  if (source) {
    const ref = source.kind === 'ConfigMap' ? 'configMapKeyRef' : 'secretKeyRef';
    return {
      action: 'set_env',
      target: deploymentTarget(snapshot, workload, status.name),
      params: { name, valueFrom: { [ref]: { name: source.name, key: name } } },
      rationale: `${source.kind} ${source.name} already has a key ${name}; referencing it gives the program the variable it reports missing.`,
    };
  }
  const { instruction, commands } = createAndWireCommands(snapshot, spec, workload, name);
  return manualDraft(
    deploymentTarget(snapshot, workload),
    instruction,
    commands,
    'No existing key can supply the value.',
  );
}

function findingFor(
  snapshot: Snapshot,
  group: ContainerInstance[],
  worst: ContainerInstance,
  mention: MissingEnvMention,
): Finding {
  const { workload, spec, status, podName } = worst;
  const definition = envDefinition(snapshot, spec, mention.name);
  const source = keySourceFor(snapshot, spec, workload, mention.name);
  const grounding = source
    ? `${source.kind} ${source.name} has a key ${mention.name}`
    : `no ConfigMap or Secret in ${snapshot.namespace} has a key ${mention.name}`;
  const defined = definition === 'empty' ? 'defines it empty' : 'does not define it';
  const owner = workload === undefined ? '' : ` of deployment/${workload}`;
  return {
    analyzer: 'missing-env',
    object: { kind: 'Pod', name: podName },
    reason: 'MissingEnvironmentVariable',
    message:
      `Container ${status.name}${owner} fails because environment variable ${mention.name} is not set ` +
      `(${affectedCount(snapshot, group)}); its spec ${defined} and ${grounding}.`,
    evidence: [
      logLine(mention.line),
      ...containerStatusLines(podName, status),
      specLine(
        `container ${status.name} env ${defined === 'defines it empty' ? `${mention.name}=""` : `has no ${mention.name}`}`,
      ),
      specLine(grounding),
    ],
    ...(workload === undefined ? {} : { workload }),
    container: status.name,
    category: 'missing_env',
    specificity: 90,
    confidence: source ? 0.9 : 0.8,
    proposals: [proposalFor(snapshot, worst, mention.name)],
  };
}

export const missingEnvAnalyzer: Analyzer = {
  name: 'missing-env',
  analyze(snapshot) {
    const failing = containerInstances(snapshot).filter(isFailing);
    return groupByWorkloadContainer(failing).flatMap((group) => {
      // Every pod of the group runs the same template: the first one whose logs name a variable speaks for all.
      for (const instance of group) {
        const mentions = missingEnvMentions(
          containerLogLines(snapshot, instance.podName, instance.status.name),
        );
        const missing = mentions.filter((m) => envDefinition(snapshot, instance.spec, m.name) !== 'defined');
        if (missing.length > 0)
          return missing.map((mention) => findingFor(snapshot, group, instance, mention));
      }
      return [];
    });
  },
};
