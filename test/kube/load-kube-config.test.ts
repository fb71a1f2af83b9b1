/**
 * Where the cluster comes from: an explicit kubeconfig, a context in it, or client-node's default order. When
 * nothing is configured the error says so, instead of the TLS complaint client-node's localhost:8080 fallback
 * would give later.
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { KubeApiError } from '../../src/errors.js';
import { loadKubeConfig } from '../../src/kube/client-node-adapter.js';
import { simKubeconfig } from '../../src/sim/kubeconfig.js';

afterEach(() => {
  vi.unstubAllEnvs();
});

function failure(run: () => unknown): KubeApiError {
  try {
    run();
  } catch (error) {
    if (error instanceof KubeApiError) return error;
    throw error;
  }
  throw new Error('no error');
}

describe('loadKubeConfig', () => {
  it('with no KUBECONFIG, no ~/.kube/config and no service account: says none was found', () => {
    vi.stubEnv('KUBECONFIG', '');
    vi.stubEnv('HOME', mkdtempSync(join(tmpdir(), 'sre-bot-home-')));
    const error = failure(() => loadKubeConfig({}));
    expect(error.code).toBe('kube_unreachable');
    expect(error.message).toBe(
      'no Kubernetes cluster configured: no kubeconfig found (pass --kubeconfig, set KUBECONFIG, or run in a pod)',
    );
  });

  it('a kubeconfig file given explicitly is used, even one pointing at localhost:8080', () => {
    const dir = mkdtempSync(join(tmpdir(), 'sre-bot-kc-'));
    const path = join(dir, 'kubeconfig');
    writeFileSync(path, simKubeconfig('http://localhost:8080'));
    expect(loadKubeConfig({ kubeconfig: path }).getCurrentCluster()?.server).toBe('http://localhost:8080');
  });

  it('an unknown --context names the contexts there are', () => {
    const text = simKubeconfig('http://127.0.0.1:6443');
    expect(failure(() => loadKubeConfig({ kubeconfigText: text, context: 'prod' })).message).toMatch(
      /^kubeconfig has no context "prod" \(contexts: \S+\)$/,
    );
  });
});
