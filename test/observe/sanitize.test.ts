/**
 * sanitize.ts on wire objects: sensitive literal env values are collected and masked (containers and init
 * containers, templates and pods), annotations scrubbed, and pod status messages — a container's termination
 * message is the program's own output — scrubbed like log lines. The observer test covers the same on the sim;
 * the termination message needs a pod the sim does not make (FallbackToLogsOnError).
 */
import { describe, expect, it } from 'vitest';
import type { Deployment, Pod } from '../../src/kube/types.js';
import { MASK, redactKnownValues, redactText } from '../../src/observe/redact.js';
import { collectSensitiveEnvValues, maskInPlace } from '../../src/observe/sanitize.js';
import { container, crashLooping, waiting } from '../support/kube-builders.js';

const scrubWith = (found: Set<string>) => (text: string) => redactText(redactKnownValues(text, found));

function deployment(): Deployment {
  return {
    metadata: {
      name: 'api',
      annotations: { 'team/notes': 'password=hunter22', 'team/owner': 'payments', 'deploy-token': 'abc' },
    },
    spec: {
      selector: {},
      template: {
        metadata: { annotations: { 'sim/logs': 'login with t0ps3cr3t-value' } },
        spec: {
          initContainers: [
            container('migrate', 'migrate:1', { env: [{ name: 'MIGRATION_TOKEN', value: 'init-tok-123' }] }),
          ],
          containers: [
            container('app', 'api:1', {
              env: [
                { name: 'DB_PASSWORD', value: 't0ps3cr3t-value' },
                { name: 'EMPTY_SECRET', value: '' },
                { name: 'LOG_LEVEL', value: 'debug' },
                { name: 'API_KEY', valueFrom: { secretKeyRef: { name: 'api', key: 'key' } } },
              ],
            }),
          ],
        },
      },
    },
  };
}

describe('collectSensitiveEnvValues', () => {
  it('collects the non-empty literal values of sensitive names, changing nothing', () => {
    const object = deployment();
    const before = JSON.stringify(object);
    const found = new Set<string>();
    collectSensitiveEnvValues(object, found);
    expect([...found].sort()).toEqual(['init-tok-123', 't0ps3cr3t-value']);
    expect(JSON.stringify(object)).toBe(before);
  });
});

describe('maskInPlace', () => {
  it('masks sensitive env values and scrubs annotations', () => {
    const found = new Set<string>();
    const object = maskInPlace(deployment(), found, scrubWith(found));
    const spec = object.spec!.template.spec!;
    expect(spec.containers[0]!.env).toEqual([
      { name: 'DB_PASSWORD', value: MASK },
      { name: 'EMPTY_SECRET', value: '' },
      { name: 'LOG_LEVEL', value: 'debug' },
      { name: 'API_KEY', valueFrom: { secretKeyRef: { name: 'api', key: 'key' } } },
    ]);
    expect(spec.initContainers![0]!.env).toEqual([{ name: 'MIGRATION_TOKEN', value: MASK }]);
    expect(object.metadata!.annotations).toEqual({
      'team/notes': `password=${MASK}`,
      'team/owner': 'payments',
      'deploy-token': MASK,
    });
    expect(object.spec!.template.metadata!.annotations!['sim/logs']).toBe(`login with ${MASK}`);
  });

  it('scrubs pod status messages: waiting, terminated and the last termination', () => {
    const pod: Pod = {
      metadata: { name: 'api-1' },
      spec: {
        containers: [container('app', 'api:1', { env: [{ name: 'DB_PASSWORD', value: 't0ps3cr3t-value' }] })],
      },
      status: {
        message: 'evicted after printing t0ps3cr3t-value',
        initContainerStatuses: [
          waiting('migrate', 'migrate:1', 'CreateContainerConfigError', 'token=abcdef123'),
        ],
        containerStatuses: [
          crashLooping('app', 'api:1', 'api-1', {
            exitCode: 1,
            message: 'FATAL: password authentication failed (password t0ps3cr3t-value)',
          }),
        ],
      },
    };
    const found = new Set<string>();
    collectSensitiveEnvValues(pod, found);
    maskInPlace(pod, found, scrubWith(found));
    const text = JSON.stringify(pod);
    expect(text).not.toContain('t0ps3cr3t-value');
    expect(text).not.toContain('abcdef123');
    expect(pod.status!.containerStatuses![0]!.lastState!.terminated!.message).toBe(
      `FATAL: password authentication failed (password ${MASK})`,
    );
    // Messages without secrets are evidence and stay as they are.
    expect(pod.status!.containerStatuses![0]!.state!.waiting!.message).toMatch(
      /^back-off 1m20s restarting failed/,
    );
  });
});
