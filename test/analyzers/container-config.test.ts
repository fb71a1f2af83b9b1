import { describe, expect, it } from 'vitest';
import { containerConfigAnalyzer } from '../../src/analyzers/container-config.js';
import { missingReferenceIn } from '../../src/analyzers/support/config-references.js';
import { container, event, podConditions, running, waiting } from '../support/kube-builders.js';
import { onlyFinding, run, topProposal } from '../support/analyzer-helpers.js';
import { SCENARIOS, scenariosExcept } from '../support/scenarios.js';
import { snapshotOf } from '../support/snapshot-builder.js';
import { pendingPod, readyPod, workload } from '../support/workload-builder.js';

describe('container-config analyzer', () => {
  it('names the missing ConfigMap and the keys the template reads from it, without inventing values', () => {
    const finding = onlyFinding(containerConfigAnalyzer, 'ledger-missing-configmap');
    expect(finding).toMatchObject({
      category: 'missing_config',
      reason: 'CreateContainerConfigError',
      workload: 'ledger',
    });
    expect(finding.evidence).toContain('event: Failed Error: configmap "ledger-config" not found (x9)');
    expect(topProposal(finding)).toMatchObject({
      action: 'manual',
      target: { kind: 'Deployment', name: 'ledger' },
      params: {
        commands: ['kubectl -n ledger create configmap ledger-config --from-literal=DATABASE_URL=<value>'],
      },
    });
  });

  it('names the missing key of an existing Secret', () => {
    const finding = onlyFinding(containerConfigAnalyzer, 'inventory-missing-secret-key');
    expect(finding.message).toContain('key password in Secret inventory-db');
    expect(topProposal(finding).params['commands']).toEqual([
      `kubectl -n inventory patch secret inventory-db --type merge -p '{"stringData":{"password":"<value>"}}'`,
    ]);
  });

  it.each([
    [
      'a ConfigMap created since',
      'ledger-missing-configmap',
      'configMaps',
      { name: 'ledger-config', keys: ['DATABASE_URL'] },
    ],
    [
      'a key added since',
      'inventory-missing-secret-key',
      'secrets',
      { name: 'inventory-db', keys: ['username', 'pass', 'password'] },
    ],
  ] as const)(
    'does not ask to create what exists now (%s): the pods start on the next retry',
    (_name, scenario, field, created) => {
      const before = SCENARIOS[scenario]();
      const now = {
        ...before,
        [field]: [...before[field].filter((set) => set.name !== created.name), created],
      };
      const finding = onlyFinding(containerConfigAnalyzer, now);
      expect(finding.message).toMatch(/which exists now: its \d pods? start on the kubelet's next retry/);
      expect(finding.specificity).toBeLessThan(onlyFinding(containerConfigAnalyzer, scenario).specificity);
      expect(finding.evidence.at(-1)).toMatch(new RegExp(`^spec: \\w+ ${created.name} exists now`));
      const proposal = topProposal(finding);
      expect(proposal.action).toBe('manual');
      expect(JSON.stringify(proposal.params)).not.toMatch(/create|patch/);
      expect(proposal.params['commands']).toEqual([
        `kubectl -n ${before.namespace} rollout status deployment/${finding.workload}`,
      ]);
    },
  );

  it('rolls back when an earlier healthy revision did not need the object', () => {
    const image = 'registry.example.com/ledger:4.0.0';
    const v1 = container('app', image);
    const v2 = container('app', image, { envFrom: [{ configMapRef: { name: 'ledger-flags' } }] });
    const blocked = () =>
      waiting('app', image, 'CreateContainerConfigError', 'configmap "ledger-flags" not found');
    const w = workload(
      'ledger',
      'ledger',
      [
        { containers: [v1], pods: [readyPod(() => running('app', image))] },
        { containers: [v2], pods: [pendingPod(podConditions(false, 'app'), blocked)] },
      ],
      { replicas: 1 },
    );
    const proposal = topProposal(
      onlyFinding(containerConfigAnalyzer, snapshotOf('ledger', { workloads: [w] })),
    );
    expect(proposal).toMatchObject({ action: 'rollback', params: { toRevision: 1 } });
  });

  it('reads FailedMount events for missing volume sources', () => {
    const image = 'nginx:1.25';
    const app = container('web', image, { volumeMounts: [{ name: 'settings', mountPath: '/etc/web' }] });
    const creating = () => waiting('web', image, 'ContainerCreating');
    const w = workload('demo', 'web', [
      {
        containers: [app],
        pods: [pendingPod(podConditions(false, 'web'), creating)],
        spec: { volumes: [{ name: 'settings', configMap: { name: 'web-settings' } }] },
      },
    ]);
    const pod = w.pods[0]!.metadata!.name!;
    const snapshot = snapshotOf('demo', {
      workloads: [w],
      events: [
        event(
          { kind: 'Pod', name: pod },
          'Warning',
          'FailedMount',
          'MountVolume.SetUp failed for volume "settings" : configmap "web-settings" not found',
          6,
        ),
      ],
    });
    const finding = onlyFinding(containerConfigAnalyzer, snapshot);
    expect(finding).toMatchObject({ reason: 'FailedMount', category: 'missing_config' });
    expect(topProposal(finding).params['instruction']).toContain('Create ConfigMap web-settings');
  });

  it.each([
    ['configmap "app-config" not found', { kind: 'ConfigMap', name: 'app-config' }],
    ['secret "db-creds" not found', { kind: 'Secret', name: 'db-creds' }],
    [
      "couldn't find key DB_URL in ConfigMap demo/app-config",
      { kind: 'ConfigMap', name: 'app-config', key: 'DB_URL' },
    ],
    [
      "couldn't find key password in Secret demo/db-creds",
      { kind: 'Secret', name: 'db-creds', key: 'password' },
    ],
    [
      'MountVolume.SetUp failed for volume "creds" : secret "db.creds" not found',
      { kind: 'Secret', name: 'db.creds' },
    ],
    ['failed to create containerd task', undefined],
  ])('parses %j', (message, expected) => {
    expect(missingReferenceIn(message)).toEqual(expected);
  });

  it.each(scenariosExcept(['ledger-missing-configmap', 'inventory-missing-secret-key']))(
    'is silent on %s',
    (scenario) => {
      expect(run(containerConfigAnalyzer, scenario)).toEqual([]);
    },
  );
});
