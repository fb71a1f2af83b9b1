import { describe, expect, it } from 'vitest';
import { validateProposals, type ValidationContext } from '../../src/diagnosis/validate-proposals.js';
import type { ProposalDraft } from '../../src/domain/proposal.js';
import type { Snapshot } from '../../src/domain/snapshot.js';
import { container, running } from '../support/kube-builders.js';
import { frontendBadImage } from '../support/scenarios-containers.js';
import { targeted } from '../support/snapshot-builder.js';
import { readyPod, workload } from '../support/workload-builder.js';

/** frontend (revisions 1 and 2, container web, port 80 "http") next to an unrelated redis, in namespace frontend. */
function cluster(): Snapshot {
  const base = frontendBadImage();
  const redis = workload('frontend', 'redis', [
    { containers: [container('redis', 'redis:7.2')], pods: [readyPod(() => running('redis', 'redis:7.2'))] },
  ]);
  return {
    ...base,
    deployments: [...base.deployments, redis.deployment],
    replicaSets: [...base.replicaSets, ...redis.replicaSets],
    pods: [...base.pods, ...redis.pods],
    configMaps: [...base.configMaps, { name: 'frontend-config', keys: ['API_URL'] }],
    secrets: [{ name: 'frontend-secrets', keys: ['TOKEN'] }],
  };
}

const frontend = { kind: 'Deployment', namespace: 'frontend', name: 'frontend' } as const;
const web = { ...frontend, container: 'web' } as const;

function validate(
  drafts: unknown[],
  options: { target?: string | null; source?: 'rules' | 'llm'; allowed?: (ns: string) => boolean } = {},
) {
  const snapshot = options.target ? targeted(cluster(), options.target) : cluster();
  const context: ValidationContext = {
    snapshot,
    allowedNamespaces: options.allowed ?? (() => true),
    source: options.source ?? 'llm',
  };
  return validateProposals(drafts, context);
}

function draft(action: string, target: object, params: Record<string, unknown> = {}): unknown {
  return { action, target, params, rationale: 'because' };
}

describe('validateProposals accepts grounded drafts', () => {
  it.each<[string, unknown, string, string]>([
    [
      'set_env from a ConfigMap key',
      draft('set_env', web, {
        name: 'API_URL',
        valueFrom: { configMapKeyRef: { name: 'frontend-config', key: 'API_URL' } },
      }),
      'low',
      'set env API_URL from ConfigMap frontend-config key API_URL on deployment/frontend container web',
    ],
    [
      'set_env from a Secret key',
      draft('set_env', web, {
        name: 'TOKEN',
        valueFrom: { secretKeyRef: { name: 'frontend-secrets', key: 'TOKEN' } },
      }),
      'low',
      'set env TOKEN from Secret frontend-secrets key TOKEN on deployment/frontend container web',
    ],
    [
      'a rollback to an earlier revision',
      draft('rollback', frontend, { toRevision: 1 }),
      'medium',
      'roll back deployment/frontend to revision 1',
    ],
    [
      'set_image to an image of the history',
      draft('set_image', web, { image: 'nginx:1.25' }),
      'medium',
      'set image of deployment/frontend container web to nginx:1.25',
    ],
    [
      'set_probe on a declared port name',
      draft('set_probe', web, { probe: 'readiness', httpGet: { path: '/', port: 'http' } }),
      'low',
      'set readiness probe httpGet={"path":"/","port":"http"} on deployment/frontend container web',
    ],
    [
      'scale within 10× history',
      draft('scale', frontend, { replicas: 20 }),
      'medium',
      'scale deployment/frontend to 20 replicas',
    ],
    [
      'set_resources with requests ≤ limits',
      draft('set_resources', web, { limits: { memory: '512Mi' }, requests: { memory: '256Mi' } }),
      'low',
      'set resources limits.memory=512Mi, requests.memory=256Mi on deployment/frontend container web',
    ],
    [
      'a manual note on a Service',
      draft(
        'manual',
        { kind: 'Service', namespace: 'frontend', name: 'frontend' },
        { instruction: 'check it' },
      ),
      'low',
      'check it',
    ],
  ])('%s', (_label, input, risk, summary) => {
    const { proposals, rejected } = validate([input]);
    expect(rejected).toEqual([]);
    expect(proposals).toHaveLength(1);
    expect(proposals[0]).toMatchObject({ risk, summary, rationale: 'because' });
  });

  it('gives the same change the same id whatever the key order, and drops duplicates', () => {
    const a = draft('set_resources', web, { limits: { memory: '512Mi', cpu: '1' } });
    const b = {
      rationale: 'again',
      params: { limits: { cpu: '1', memory: '512Mi' } },
      target: { container: 'web', name: 'frontend', namespace: 'frontend', kind: 'Deployment' },
      action: 'set_resources',
    };
    const { proposals } = validate([a, b, draft('rollback', frontend, { toRevision: 1 })]);
    expect(proposals.map((p) => p.action)).toEqual(['set_resources', 'rollback']);
    expect(validate([b]).proposals[0]!.id).toBe(proposals[0]!.id);
    expect(proposals[1]!.id).not.toBe(proposals[0]!.id);
  });

  it('one restart, whether or not a container is named (restart acts on the whole Deployment)', () => {
    const { proposals } = validate([draft('restart', web), draft('restart', frontend)]);
    expect(proposals).toHaveLength(1);
    expect(proposals[0]!.target).toEqual(frontend);
  });

  it('takes risk from the catalog: scaling to zero is high', () => {
    expect(validate([draft('scale', frontend, { replicas: 0 })]).proposals[0]?.risk).toBe('high');
  });
});

describe('validateProposals rejects', () => {
  it.each<
    [
      string,
      unknown,
      RegExp,
      { target?: string; source?: 'rules' | 'llm'; allowed?: (ns: string) => boolean }?,
    ]
  >([
    [
      'an unknown action kind',
      draft('exec_shell', frontend, { command: 'rm -rf /' }),
      /^unknown action kind "exec_shell"/,
    ],
    ['a draft without a target', { action: 'restart', params: {} }, /^malformed proposal: target/],
    [
      'params that fail the kind’s schema',
      draft('set_env', web, { name: 'BAD NAME', value: 'x' }),
      /^invalid params for set_env: name: must be a valid environment variable name/,
    ],
    [
      'unexpected params',
      draft('restart', frontend, { force: true }),
      /^invalid params for restart: .*force/,
    ],
    [
      'a target kind the action cannot take',
      draft(
        'set_env',
        { kind: 'Service', namespace: 'frontend', name: 'frontend', container: 'web' },
        { name: 'A', valueFrom: { configMapKeyRef: { name: 'frontend-config', key: 'API_URL' } } },
      ),
      /^set_env cannot target a Service/,
    ],
    [
      'a target that does not exist',
      draft('restart', { ...frontend, name: 'ghost' }),
      /^Deployment "ghost" does not exist in namespace "frontend"/,
    ],
    [
      'another namespace',
      draft('restart', { ...frontend, namespace: 'kube-system' }),
      /^namespace "kube-system" is not the diagnosed namespace "frontend"/,
    ],
    [
      'a namespace outside the allowed list',
      draft('restart', frontend),
      /^namespace "frontend" is not in the allowed namespaces/,
      { allowed: (ns) => ns === 'payments' },
    ],
    [
      'a missing container',
      draft('set_image', frontend, { image: 'nginx:1.25' }),
      /^set_image needs target\.container/,
    ],
    [
      'a container that does not exist',
      draft('set_image', { ...frontend, container: 'sidecar' }, { image: 'nginx:1.25' }),
      /^container "sidecar" does not exist in deployment\/frontend \(containers: web\)/,
    ],
    [
      'a ConfigMap key that does not exist',
      draft('set_env', web, {
        name: 'API_URL',
        valueFrom: { configMapKeyRef: { name: 'frontend-config', key: 'DB_URL' } },
      }),
      /^not grounded: ConfigMap "frontend-config" has no key "DB_URL"/,
    ],
    [
      'a Secret that does not exist',
      draft('set_env', web, {
        name: 'TOKEN',
        valueFrom: { secretKeyRef: { name: 'made-up', key: 'TOKEN' } },
      }),
      /^not grounded: Secret "made-up" does not exist/,
    ],
    [
      'a literal value invented by the LLM',
      draft('set_env', web, { name: 'API_URL', value: 'http://api:8080' }),
      /^not grounded: a literal value/,
    ],
    [
      'an invented image',
      draft('set_image', web, { image: 'nginx:latest' }),
      /^not grounded: image "nginx:latest" was never used by deployment\/frontend/,
    ],
    [
      'the image already running',
      draft('set_image', web, { image: 'nginx:1.25-doesnotexist' }),
      /^not grounded: image "nginx:1.25-doesnotexist" is already the current image/,
    ],
    [
      'a revision that does not exist',
      draft('rollback', frontend, { toRevision: 7 }),
      /^not grounded: revision 7 does not exist for deployment\/frontend \(revisions: 1, 2\)/,
    ],
    [
      'a rollback to the current revision',
      draft('rollback', frontend, { toRevision: 2 }),
      /^not grounded: revision 2 is the current revision/,
    ],
    [
      'a probe port the container does not declare',
      draft('set_probe', web, { probe: 'readiness', httpGet: { path: '/', port: 9090 } }),
      /^not grounded: port 9090 is not declared by container web \(declared: 80 \(http\)\)/,
    ],
    [
      'a replica count far beyond history',
      draft('scale', frontend, { replicas: 500 }),
      /^not grounded: 500 replicas is more than 10× .* \(max 30\)/,
    ],
    [
      'requests above limits',
      draft('set_resources', web, { limits: { memory: '256Mi' }, requests: { memory: '1Gi' } }),
      /^not grounded: requests\.memory would exceed limits\.memory/,
    ],
    [
      'a limit no node can hold',
      draft('set_resources', web, { limits: { memory: '64Gi' } }),
      /^not grounded: memory exceeds the largest node's allocatable/,
    ],
  ])('%s', (_label, input, reason, options) => {
    const { proposals, rejected } = validate([input], options);
    expect(proposals).toEqual([]);
    expect(rejected).toHaveLength(1);
    expect(rejected[0]!.reason).toMatch(reason);
    expect(rejected[0]!.draft).toBe(input);
    expect(rejected[0]!.source).toBe(options?.source ?? 'llm');
  });

  describe('prompt-injection-style drafts while fixing deployment/frontend', () => {
    const redisPod = (): string =>
      cluster().pods.find((p) => p.metadata!.name!.startsWith('redis-'))!.metadata!.name!;

    it.each<[string, () => unknown, RegExp]>([
      [
        'scale another workload to zero',
        () => draft('scale', { ...frontend, name: 'redis' }, { replicas: 0 }),
        /scoped to deployment\/frontend; deployment\/redis is another workload/,
      ],
      [
        'delete a pod of another workload',
        () => draft('delete_pod', { kind: 'Pod', namespace: 'frontend', name: redisPod() }),
        /scoped to deployment\/frontend; pod\/redis-.* does not belong to it/,
      ],
      [
        'roll the target to an invented image',
        () => draft('set_image', web, { image: 'evil.example.com/miner:1' }),
        /never used by deployment\/frontend/,
      ],
      [
        'run an unknown action',
        () => draft('kubectl_exec', frontend, { command: 'cat /etc/shadow' }),
        /unknown action kind "kubectl_exec"/,
      ],
      [
        'act in kube-system',
        () => draft('delete_pod', { kind: 'Pod', namespace: 'kube-system', name: 'kube-apiserver-node-1' }),
        /not the diagnosed namespace/,
      ],
    ])('refuses to %s', (_label, make, reason) => {
      const { proposals, rejected } = validate([make(), draft('rollback', frontend, { toRevision: 1 })], {
        target: 'frontend',
      });
      expect(rejected.map((r) => r.reason)).toEqual([expect.stringMatching(reason)]);
      expect(proposals.map((p) => p.action)).toEqual(['rollback']);
    });

    it('still accepts the same scale on the target itself', () => {
      expect(validate([draft('scale', frontend, { replicas: 0 })], { target: 'frontend' }).rejected).toEqual(
        [],
      );
    });

    it('accepts deleting a pod of the target', () => {
      const pod = cluster().pods.find((p) => p.metadata!.name!.startsWith('frontend-'))!.metadata!.name!;
      expect(
        validate([draft('delete_pod', { kind: 'Pod', namespace: 'frontend', name: pod })], {
          target: 'frontend',
        }).rejected,
      ).toEqual([]);
    });
  });

  it('lets the rules path set a literal value, which only an LLM would invent', () => {
    const input = draft('set_env', web, { name: 'MODE', value: 'safe' });
    expect(validate([input], { source: 'rules' }).proposals[0]).toMatchObject({ risk: 'medium' });
  });

  it('validates every draft independently', () => {
    const good = draft('rollback', frontend, { toRevision: 1 });
    const drafts: unknown[] = [
      null,
      'scale everything',
      good,
      { ...(good as ProposalDraft), action: 'nuke' },
    ];
    const { proposals, rejected } = validate(drafts);
    expect(proposals).toHaveLength(1);
    expect(rejected.map((r) => r.reason)).toEqual([
      expect.stringMatching(/^malformed proposal/),
      expect.stringMatching(/^malformed proposal/),
      expect.stringMatching(/^unknown action kind "nuke"/),
    ]);
  });
});
