import { describe, expect, it } from 'vitest';
import { crashLoopAnalyzer } from '../../src/analyzers/crash-loop.js';
import { missingEnvAnalyzer } from '../../src/analyzers/missing-env.js';
import { onlyFinding, run, topProposal } from '../support/analyzer-helpers.js';
import { container, crashLooping, running } from '../support/kube-builders.js';
import { scenariosExcept } from '../support/scenarios.js';
import { snapshotOf } from '../support/snapshot-builder.js';
import { failingPod, readyPod, workload } from '../support/workload-builder.js';

const FIRES_ON = [
  'payments-missing-env',
  'orders-bad-command',
  'worker-liveness-early',
  'app-crash',
] as const;

function exitingWith(exitCode: number, reason = 'Error') {
  const image = 'registry.example.com/app:1.0.0';
  const crash = (pod: string) => crashLooping('app', image, pod, { exitCode, reason });
  return snapshotOf('demo', {
    workloads: [
      workload('demo', 'app', [{ containers: [container('app', image)], pods: [failingPod(crash)] }]),
    ],
  });
}

describe('crash-loop analyzer', () => {
  it('treats a command the runtime cannot start as the cause and rolls back to the revision that ran', () => {
    const finding = onlyFinding(crashLoopAnalyzer, 'orders-bad-command');
    expect(finding).toMatchObject({
      category: 'crash',
      workload: 'orders',
      container: 'app',
      reason: 'CrashLoopBackOff',
    });
    expect(finding.specificity).toBeGreaterThanOrEqual(80);
    expect(finding.message).toContain('exec: "order-server": executable file not found in $PATH');
    expect(finding.evidence).toContainEqual(
      expect.stringMatching(/^status: .* last terminated StartError \(exit code 128\)/),
    );
    expect(topProposal(finding)).toMatchObject({ action: 'rollback', params: { toRevision: 1 } });
    expect(topProposal(finding).rationale).toContain('command ["orders-server"] → ["order-server"]');
  });

  it('reports an application error as a low-specificity symptom with its last log line', () => {
    const finding = onlyFinding(crashLoopAnalyzer, 'app-crash');
    expect(finding.specificity).toBeLessThan(50);
    expect(finding.evidence).toContain('log: panic: runtime error: index out of range [3] with length 3');
    expect(finding.evidence).toContainEqual(
      expect.stringMatching(/^event: BackOff Back-off restarting failed container app .*\(x7\)$/),
    );
    expect(topProposal(finding)).toMatchObject({ action: 'manual' });
    expect(topProposal(finding).params['commands']).toEqual([
      'kubectl -n billing logs billing-7c9d8b6f5-x2x9q -c app --previous',
    ]);
  });

  it('ranks below the missing variable that causes the crash', () => {
    const crash = onlyFinding(crashLoopAnalyzer, 'payments-missing-env');
    const cause = onlyFinding(missingEnvAnalyzer, 'payments-missing-env');
    expect(crash.specificity).toBeLessThan(cause.specificity);
  });

  it.each([
    [1, 'Error', 'keeps exiting with code 1', 30],
    [2, 'Error', 'keeps exiting with code 2', 30],
    [126, 'Error', 'its command is not executable', 70],
    [127, 'Error', 'its command was not found', 70],
    [128, 'StartError', 'cannot be started', 85],
    [137, 'Error', 'killed by SIGKILL', 20],
    [143, 'Error', 'killed by SIGTERM', 20],
  ])('reads exit code %i (%s) as "%s" (specificity %i)', (exitCode, reason, words, specificity) => {
    const finding = onlyFinding(crashLoopAnalyzer, exitingWith(exitCode, reason));
    expect(finding.message).toContain(words);
    expect(finding.specificity).toBe(specificity);
  });

  it('leaves OOM kills to the oom analyzer', () => {
    expect(run(crashLoopAnalyzer, exitingWith(137, 'OOMKilled'))).toEqual([]);
  });

  it('names the liveness probe when the kubelet killed the container', () => {
    expect(onlyFinding(crashLoopAnalyzer, 'worker-liveness-early').message).toContain(
      'failing its liveness probe',
    );
  });

  it('does not roll back when the revisions differ only in what cannot explain the crash', () => {
    const image = 'registry.example.com/app:1.0.0';
    const v1 = container('app', image, { env: [{ name: 'MODE', value: 'a' }] });
    const v2 = container('app', image, { env: [{ name: 'MODE', value: 'b' }] });
    const crash = (pod: string) => crashLooping('app', image, pod, { exitCode: 1 });
    const w = workload(
      'demo',
      'app',
      [
        { containers: [v1], pods: [readyPod(() => running('app', image))] },
        { containers: [v2], pods: [failingPod(crash)] },
      ],
      { replicas: 1 },
    );
    const finding = onlyFinding(crashLoopAnalyzer, snapshotOf('demo', { workloads: [w] }));
    expect(finding.proposals.map((p) => p.action)).toEqual(['manual']);
  });

  it('ignores a container that restarted once but runs ready now', () => {
    const image = 'registry.example.com/app:1.0.0';
    const recovered = () =>
      running('app', image, {
        restartCount: 1,
        lastState: { terminated: { exitCode: 1, reason: 'Error', startedAt: '', finishedAt: '' } },
      });
    const w = workload('demo', 'app', [
      { containers: [container('app', image)], pods: [readyPod(recovered)] },
    ]);
    expect(run(crashLoopAnalyzer, snapshotOf('demo', { workloads: [w] }))).toEqual([]);
  });

  it.each(scenariosExcept(FIRES_ON))('is silent on %s', (scenario) => {
    expect(run(crashLoopAnalyzer, scenario)).toEqual([]);
  });
});
