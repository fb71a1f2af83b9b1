import { describe, expect, it } from 'vitest';
import { probesAnalyzer } from '../../src/analyzers/probes.js';
import type { Snapshot } from '../../src/domain/snapshot.js';
import type { Container } from '../../src/kube/types.js';
import { onlyFinding, run, topProposal } from '../support/analyzer-helpers.js';
import { apiReadinessPort, readinessWrongPath, workerLivenessEarly } from '../support/scenarios-probes.js';
import { scenariosExcept } from '../support/scenarios.js';

/** A fixture with its (only) container spec changed in the Deployment template. */
function withContainer(snapshot: Snapshot, change: Partial<Container>): Snapshot {
  const spec = snapshot.deployments[0]!.spec!.template.spec!;
  spec.containers[0] = { ...spec.containers[0]!, ...change };
  return snapshot;
}

describe('probes analyzer', () => {
  it('points a probe at the port the container declares', () => {
    const finding = onlyFinding(probesAnalyzer, 'api-readiness-port');
    expect(finding).toMatchObject({
      category: 'probe_failure',
      specificity: 90,
      workload: 'api',
      container: 'api',
    });
    expect(finding.evidence).toContainEqual(
      expect.stringMatching(
        /^event: Unhealthy Readiness probe failed: Get "http:\/\/10\.244\.1\.\d+:8081\/ready": dial tcp .* connection refused \(x24\)$/,
      ),
    );
    expect(topProposal(finding)).toMatchObject({
      action: 'set_probe',
      target: { kind: 'Deployment', name: 'api', container: 'api' },
      params: { probe: 'readiness', httpGet: { path: '/ready', port: 8080 } },
    });
  });

  it('keeps the named-port style when the probe used a name', () => {
    const snapshot = withContainer(apiReadinessPort(), {
      readinessProbe: { httpGet: { path: '/ready', port: 'health' } },
    });
    expect(topProposal(onlyFinding(probesAnalyzer, snapshot)).params).toEqual({
      probe: 'readiness',
      httpGet: { path: '/ready', port: 'http' },
    });
  });

  it('adds a startup probe with the liveness handler when liveness kills a container still starting', () => {
    const finding = onlyFinding(probesAnalyzer, 'worker-liveness-early');
    expect(finding.evidence).toContain(
      'event: Killing Container worker failed liveness probe, will be restarted (x3)',
    );
    expect(topProposal(finding)).toMatchObject({
      action: 'set_probe',
      target: { name: 'worker', container: 'worker' },
      params: {
        probe: 'startup',
        httpGet: { path: '/healthz', port: 8080 },
        periodSeconds: 10,
        failureThreshold: 30,
      },
    });
  });

  it('does not add a startup probe when there already is one', () => {
    const snapshot = withContainer(workerLivenessEarly(), {
      startupProbe: { httpGet: { path: '/healthz', port: 8080 }, failureThreshold: 3 },
    });
    expect(topProposal(onlyFinding(probesAnalyzer, snapshot)).action).toBe('manual');
  });

  it('uses the path another probe proves when one answers 404', () => {
    const proposal = topProposal(onlyFinding(probesAnalyzer, 'readiness-wrong-path'));
    expect(proposal.params).toEqual({ probe: 'readiness', httpGet: { path: '/healthz', port: 'http' } });
  });

  it('writes a manual note when no probe change is grounded', () => {
    const snapshot = readinessWrongPath();
    snapshot.events = snapshot.events.map((e) => ({
      ...e,
      message: 'Readiness probe failed: HTTP probe failed with statuscode: 503',
    }));
    const finding = onlyFinding(probesAnalyzer, snapshot);
    expect(finding.specificity).toBeLessThan(60);
    expect(topProposal(finding)).toMatchObject({
      action: 'manual',
      params: { instruction: expect.stringContaining('answers 503') },
    });
  });

  it('ignores start-up failures of a container that became ready', () => {
    expect(run(probesAnalyzer, 'transient-readiness')).toEqual([]);
  });

  it.each(scenariosExcept(['api-readiness-port', 'worker-liveness-early', 'readiness-wrong-path']))(
    'is silent on %s',
    (scenario) => {
      expect(run(probesAnalyzer, scenario)).toEqual([]);
    },
  );
});
