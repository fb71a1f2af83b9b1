/**
 * Services that reach no pods. A selector no pod carries is a cause (fixed by the labels the intended pods
 * really have); a selector whose pods exist but none is ready is a symptom of the pods' own failure.
 */
import type { Analyzer } from './analyzer.js';
import type { Finding } from '../domain/finding.js';
import type { Snapshot } from '../domain/snapshot.js';
import type { Deployment, Service } from '../kube/types.js';
import { kubectl, manualDraft } from './support/drafts.js';
import { statusLine } from './support/evidence.js';
import { deploymentNameOfPod, isPodReady, labelsMatch } from './support/workloads.js';

/** Labels every pod of the Deployment carries: its selector's matchLabels, else its template labels. */
function podLabels(deployment: Deployment): Record<string, string> {
  const matchLabels = deployment.spec?.selector.matchLabels ?? {};
  if (Object.keys(matchLabels).length > 0) return matchLabels;
  const { 'pod-template-hash': _hash, ...labels } = deployment.spec?.template.metadata?.labels ?? {};
  return labels;
}

/** The Deployment the selector most likely meant: shared keys with equal values, then shared keys, then names. */
function closestDeployment(snapshot: Snapshot, service: Service, selector: Record<string, string>) {
  const serviceName = service.metadata?.name ?? '';
  const score = (deployment: Deployment) => {
    const labels = deployment.spec?.template.metadata?.labels ?? {};
    const keys = Object.keys(selector);
    const equal = keys.filter((key) => labels[key] === selector[key]).length;
    const shared = keys.filter((key) => labels[key] !== undefined).length;
    const value = Object.values(selector).some((v) =>
      Object.values(labels).some((l) => v.includes(l) || l.includes(v)),
    );
    return equal * 4 + shared * 2 + (value ? 2 : 0) + (deployment.metadata?.name === serviceName ? 3 : 0);
  };
  const ranked = snapshot.deployments
    .map((deployment) => ({ deployment, score: score(deployment) }))
    .filter(({ score: s }) => s > 0)
    .sort((a, b) => b.score - a.score);
  return ranked[0]?.deployment;
}

function mismatchFinding(snapshot: Snapshot, service: Service, selector: Record<string, string>): Finding {
  const name = service.metadata?.name ?? '?';
  const deployment = closestDeployment(snapshot, service, selector);
  const selectorText = Object.entries(selector)
    .map(([k, v]) => `${k}=${v}`)
    .join(',');
  const evidence = [statusLine(`service/${name} selector ${selectorText} matches 0 pods`)];
  const target = { kind: 'Service' as const, namespace: snapshot.namespace, name };
  if (!deployment?.metadata?.name) {
    const instruction = `Service ${name} selects ${selectorText}, which no pod carries: fix the selector or deploy the workload it should reach.`;
    return finding(
      name,
      undefined,
      `No pod carries the labels ${selectorText} that service/${name} selects.`,
      evidence,
      0.6,
      [
        manualDraft(
          target,
          instruction,
          [kubectl(snapshot, 'get pods --show-labels')],
          'No workload is close to the selector.',
        ),
      ],
    );
  }
  const workload = deployment.metadata.name;
  const labels = podLabels(deployment);
  // Keys the pods do not carry must be removed from the selector (null in a merge patch), or it still matches none.
  const patchSelector: Record<string, string | null> = { ...labels };
  for (const key of Object.keys(selector)) if (!(key in labels)) patchSelector[key] = null;
  const patch = JSON.stringify({ spec: { selector: patchSelector } });
  const labelText = Object.entries(labels)
    .map(([k, v]) => `${k}=${v}`)
    .join(',');
  evidence.push(statusLine(`deployment/${workload} pods carry ${labelText}`));
  const instruction = `Change the selector of service/${name} from ${selectorText} to ${labelText}, the labels the pods of deployment/${workload} carry.`;
  const command = kubectl(snapshot, `patch service ${name} -p '${patch}'`);
  return finding(
    name,
    workload,
    `Service/${name} selects ${selectorText}, but the pods of deployment/${workload} are labelled ${labelText}: the service has no endpoints.`,
    evidence,
    0.85,
    [
      manualDraft(
        target,
        instruction,
        [command],
        'Traffic reaches the pods as soon as the selector matches the labels they carry.',
      ),
    ],
  );
}

function finding(
  service: string,
  workload: string | undefined,
  message: string,
  evidence: string[],
  confidence: number,
  proposals: Finding['proposals'],
): Finding {
  return {
    analyzer: 'service-endpoints',
    object: { kind: 'Service', name: service },
    reason: 'SelectorMatchesNoPods',
    message,
    evidence,
    ...(workload === undefined ? {} : { workload }),
    category: 'no_endpoints',
    specificity: 85,
    confidence,
    proposals,
  };
}

function findingFor(snapshot: Snapshot, service: Service): Finding | undefined {
  const selector = service.spec?.selector ?? {};
  const name = service.metadata?.name ?? '?';
  if (Object.keys(selector).length === 0 || service.spec?.type === 'ExternalName') return undefined;
  const pods = snapshot.pods.filter(
    (pod) => !pod.metadata?.deletionTimestamp && labelsMatch(selector, pod.metadata?.labels),
  );
  if (pods.length === 0) {
    // A Deployment whose template matches is scaled down or not created yet: other analyzers own that.
    const intended = snapshot.deployments.some((d) =>
      labelsMatch(selector, d.spec?.template.metadata?.labels),
    );
    return intended ? undefined : mismatchFinding(snapshot, service, selector);
  }
  if (pods.some(isPodReady)) return undefined;
  const workload = pods.map((pod) => deploymentNameOfPod(snapshot, pod)).find((w) => w !== undefined);
  return {
    analyzer: 'service-endpoints',
    object: { kind: 'Service', name },
    reason: 'NoReadyEndpoints',
    message: `Service/${name} selects ${pods.length} pod(s) but none is ready, so it has no endpoints; the pods' own failure is the cause.`,
    evidence: [statusLine(`service/${name} has ${pods.length} matching pod(s), 0 ready`)],
    ...(workload === undefined ? {} : { workload }),
    category: 'no_endpoints',
    specificity: 10,
    confidence: 0.5,
    proposals: [],
  };
}

export const serviceEndpointsAnalyzer: Analyzer = {
  name: 'service-endpoints',
  analyze(snapshot) {
    return snapshot.services.flatMap((service) => findingFor(snapshot, service) ?? []);
  },
};
