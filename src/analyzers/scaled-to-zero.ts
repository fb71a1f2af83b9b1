/**
 * A Deployment scaled to zero while a Service still selects its pods: the service has no backends. The replica
 * count to restore comes from what the cluster remembers, never from a guess.
 */
import type { Analyzer } from './analyzer.js';
import type { Finding } from '../domain/finding.js';
import type { Snapshot } from '../domain/snapshot.js';
import type { Deployment } from '../kube/types.js';
import { deploymentTarget } from './support/drafts.js';
import { eventsFor } from './support/events.js';
import { eventLine, statusLine } from './support/evidence.js';
import { revisionHistory } from './support/revisions.js';
import { labelsMatch, replicaSetsOf } from './support/workloads.js';

const SCALED_DOWN_TO_ZERO = /^Scaled down replica set (\S+) to 0 from (\d+)$/;

type Remembered = { replicas: number; evidence?: string };

/** The last non-zero replica count: the controller's scale-down event, else the ReplicaSets' annotations, else 1. */
export function lastReplicaCount(snapshot: Snapshot, deployment: Deployment): Remembered {
  const owned = new Set(replicaSetsOf(snapshot, deployment).map((rs) => rs.metadata?.name));
  const scaledDown = eventsFor(snapshot, 'Deployment', deployment.metadata?.name ?? '')
    .map((event) => ({ event, match: SCALED_DOWN_TO_ZERO.exec(event.message) }))
    .filter(({ match }) => match !== null && owned.has(match[1]))
    .sort((a, b) => (b.event.lastSeen ?? '').localeCompare(a.event.lastSeen ?? ''))[0];
  const fromEvent = Number(scaledDown?.match?.[2]);
  if (scaledDown && fromEvent > 0) return { replicas: fromEvent, evidence: eventLine(scaledDown.event) };
  const annotated = revisionHistory(snapshot, deployment)
    .reverse()
    .find((revision) => (revision.desiredReplicas ?? 0) > 0);
  if (annotated?.desiredReplicas !== undefined) {
    const rs = annotated.replicaSet.metadata?.name ?? '?';
    return {
      replicas: annotated.desiredReplicas,
      evidence: statusLine(
        `replicaset/${rs} deployment.kubernetes.io/desired-replicas=${annotated.desiredReplicas}`,
      ),
    };
  }
  return { replicas: 1 };
}

function findingFor(snapshot: Snapshot, deployment: Deployment): Finding | undefined {
  const name = deployment.metadata?.name;
  const labels = deployment.spec?.template.metadata?.labels;
  if (name === undefined || deployment.spec?.replicas !== 0) return undefined;
  const services = snapshot.services.filter((service) => {
    const selector = service.spec?.selector ?? {};
    return Object.keys(selector).length > 0 && labelsMatch(selector, labels);
  });
  if (services.length === 0) return undefined;
  const serviceNames = services.map((service) => `service/${service.metadata?.name ?? '?'}`).join(', ');
  const remembered = lastReplicaCount(snapshot, deployment);
  const source = remembered.evidence
    ? 'the last replica count the cluster recorded'
    : 'no earlier count is recorded';
  return {
    analyzer: 'scaled-to-zero',
    object: { kind: 'Deployment', name },
    reason: 'ScaledToZero',
    message: `Deployment/${name} is scaled to 0 replicas while ${serviceNames} still ${services.length === 1 ? 'selects' : 'select'} its pods, so ${services.length === 1 ? 'it has' : 'they have'} no endpoints.`,
    evidence: [
      statusLine(`deployment/${name} spec.replicas 0, ${deployment.status?.replicas ?? 0} pods`),
      ...(remembered.evidence ? [remembered.evidence] : []),
      ...services.map((service) =>
        statusLine(
          `service/${service.metadata?.name ?? '?'} selector ${JSON.stringify(service.spec?.selector)} matches deployment/${name}'s pod labels`,
        ),
      ),
    ],
    workload: name,
    category: 'scaled_to_zero',
    specificity: 90,
    confidence: remembered.evidence ? 0.9 : 0.8,
    proposals: [
      {
        action: 'scale',
        target: deploymentTarget(snapshot, name),
        params: { replicas: remembered.replicas },
        rationale: `Scale back to ${remembered.replicas} (${source}) so ${serviceNames} get endpoints again.`,
      },
    ],
  };
}

export const scaledToZeroAnalyzer: Analyzer = {
  name: 'scaled-to-zero',
  analyze(snapshot) {
    return snapshot.deployments.flatMap((deployment) => findingFor(snapshot, deployment) ?? []);
  },
};
