/**
 * Readiness, liveness and startup probes that fail (Unhealthy events, liveness kills). Transient failures of a
 * container that is ready and never restarted are start-up noise and ignored.
 */
import type { Analyzer } from './analyzer.js';
import type { Finding } from '../domain/finding.js';
import type { ProposalDraft } from '../domain/proposal.js';
import type { Snapshot } from '../domain/snapshot.js';
import {
  containerInstances,
  groupByWorkloadContainer,
  type ContainerInstance,
} from './support/containers.js';
import { deploymentTarget, kubectl, manualDraft, manualTarget } from './support/drafts.js';
import { byCount } from './support/events.js';
import { clip, containerStatusLines, eventLine, specLine, uniqueLines } from './support/evidence.js';
import {
  PROBE_KINDS,
  httpStatus,
  probeFailures,
  probeKills,
  probeOf,
  probePort,
  type ProbeFailure,
  type ProbeKind,
} from './support/probe-failures.js';
import { slowStartFix, wrongPathFix, wrongPortFix, type ProbeFix } from './support/probe-fixes.js';

type Trouble = {
  instance: ContainerInstance;
  failing: ProbeKind[];
  failures: ProbeFailure[];
  killed: boolean;
};

function troubleOf(snapshot: Snapshot, instance: ContainerInstance): Trouble | undefined {
  const { podName, status } = instance;
  const failures = probeFailures(snapshot, podName, status.name);
  const killed = probeKills(snapshot, podName, status.name).length > 0;
  const restarted = killed || status.restartCount > 0;
  const failing = PROBE_KINDS.filter((kind) => {
    if (!failures.some((f) => f.probe === kind)) return false;
    if (kind === 'readiness') return !status.ready;
    if (kind === 'startup') return status.started === false || restarted;
    return restarted;
  });
  return failing.length > 0 ? { instance, failing, failures, killed } : undefined;
}

function chooseFix(trouble: Trouble): ProbeFix[] {
  const { instance, failing, failures, killed } = trouble;
  const portFixes = failing.flatMap((kind) => wrongPortFix(instance.spec, kind) ?? []);
  if (portFixes.length > 0) return portFixes;
  const slowStart = slowStartFix(instance.spec, failures, killed || instance.status.restartCount > 0);
  if (slowStart) return [slowStart];
  return failing.flatMap((kind) => wrongPathFix(instance.spec, kind, failures) ?? []);
}

function advice(failures: readonly ProbeFailure[]): string {
  const detail = failures.map((f) => f.detail).join(' ');
  const status = httpStatus(detail);
  if (status === 404)
    return 'the probe path does not exist in the application: point the probe at a path it serves';
  if (status !== undefined)
    return `the application answers ${status}: check its logs and the dependencies its health check tests`;
  if (/deadline exceeded|Timeout|timed out/.test(detail))
    return 'the health endpoint answers too slowly: raise timeoutSeconds or find what slows it';
  return 'the application does not answer on the probed port: check it listens there and starts in time';
}

function proposalsFor(snapshot: Snapshot, trouble: Trouble, fixes: readonly ProbeFix[]): ProposalDraft[] {
  const { workload, status, podName } = trouble.instance;
  if (workload !== undefined && fixes.length > 0) {
    return fixes.map((fix) => ({
      action: 'set_probe' as const,
      target: deploymentTarget(snapshot, workload, status.name),
      params: fix.params,
      rationale: fix.rationale,
    }));
  }
  const instruction = `Fix the ${trouble.failing.join(' and ')} probe of container ${status.name}: ${advice(trouble.failures)}.`;
  return [
    manualDraft(
      manualTarget(snapshot, workload, podName),
      instruction,
      [kubectl(snapshot, `describe pod ${podName}`)],
      'No grounded probe change was found.',
    ),
  ];
}

function findingFor(snapshot: Snapshot, group: Trouble[]): Finding | undefined {
  const trouble = group[0];
  if (!trouble) return undefined;
  const { workload, status, podName, spec } = trouble.instance;
  const fixes = chooseFix(trouble);
  const probes = trouble.failing.map((kind) => {
    const probe = probeOf(spec, kind);
    return specLine(
      `container ${status.name} ${kind}Probe ${probe?.httpGet ? `httpGet ${probe.httpGet.path ?? '/'}` : probe?.tcpSocket ? 'tcpSocket' : 'exec'} port ${probePort(probe) ?? '-'}`,
    );
  });
  const declared = (spec?.ports ?? []).map(
    (p) => `${p.containerPort}/${p.protocol ?? 'TCP'}${p.name ? ` (${p.name})` : ''}`,
  );
  const kills = probeKills(snapshot, podName, status.name);
  const evidence = uniqueLines([
    ...byCount(trouble.failures.map((f) => f.event))
      .slice(0, 3)
      .map(eventLine),
    ...kills.map(eventLine),
    ...containerStatusLines(podName, status),
    ...probes,
    specLine(
      `container ${status.name} ports: ${declared.length > 0 ? declared.join(', ') : 'none declared'}`,
    ),
  ]);
  const why = fixes[0]?.summary ?? advice(trouble.failures);
  return {
    analyzer: 'probes',
    object: { kind: 'Pod', name: podName },
    reason: 'Unhealthy',
    message: clip(
      `The ${trouble.failing.join(' and ')} probe of container ${status.name}${workload === undefined ? '' : ` of deployment/${workload}`} fails (${group.length} pod(s)): ${why}.`,
    ),
    evidence,
    ...(workload === undefined ? {} : { workload }),
    container: status.name,
    category: 'probe_failure',
    specificity: fixes[0]?.specificity ?? 55,
    confidence: fixes[0]?.confidence ?? 0.6,
    proposals: proposalsFor(snapshot, trouble, fixes),
  };
}

export const probesAnalyzer: Analyzer = {
  name: 'probes',
  analyze(snapshot) {
    const troubled = containerInstances(snapshot).flatMap((instance) => troubleOf(snapshot, instance) ?? []);
    const groups = groupByWorkloadContainer(troubled.map((t) => t.instance));
    return groups.flatMap((instances) => {
      const group = instances.flatMap((instance) => troubled.find((t) => t.instance === instance) ?? []);
      return findingFor(snapshot, group) ?? [];
    });
  },
};
