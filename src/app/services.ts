/**
 * The composition root: the one place that builds adapters from the configuration (Kubernetes, LLM, store,
 * logger, clock) and hands their ports to the use cases. Commands and the Slack app get their dependencies here.
 */
import { hostname } from 'node:os';
import { systemClock, type Clock } from '../clock.js';
import type { Config } from '../config.js';
import type { DiagnoseDeps } from '../diagnosis/diagnose.js';
import { createClientNodeKube } from '../kube/client-node-adapter.js';
import type { KubePort } from '../kube/port.js';
import { createLlm } from '../llm/create-llm.js';
import type { LlmPort } from '../llm/port.js';
import { createLogger, type Logger } from '../log.js';
import { diagnose } from '../diagnosis/diagnose.js';
import type { RemediationDeps } from '../remediate/deps.js';
import { createKeyvStore } from '../store/keyv-store.js';
import type { StorePort } from '../store/port.js';

export type Services = {
  config: Config;
  kube: KubePort;
  llm: LlmPort | undefined;
  logger: Logger;
  clock: Clock;
  /** Opened on first use: `diagnose` never touches the store (or its native SQLite module). */
  store(): Promise<StorePort>;
  close(): Promise<void>;
};

export type ServiceOverrides = Partial<Pick<Services, 'kube' | 'llm' | 'logger' | 'clock'>> & {
  store?: StorePort;
};

export function createServices(config: Config, overrides: ServiceOverrides = {}): Services {
  const kube =
    overrides.kube ??
    createClientNodeKube({
      ...(config.kube.kubeconfig ? { kubeconfig: config.kube.kubeconfig } : {}),
      ...(config.kube.context ? { context: config.kube.context } : {}),
    });
  const llm = 'llm' in overrides ? overrides.llm : createLlm(config.llm);
  let store: Promise<StorePort> | undefined = overrides.store ? Promise.resolve(overrides.store) : undefined;
  return {
    config,
    kube,
    llm,
    logger: overrides.logger ?? createLogger(config.logLevel),
    clock: overrides.clock ?? systemClock,
    store: () => (store ??= createKeyvStore(config.store)),
    close: async () => {
      if (store && !overrides.store) await (await store).close();
    },
  };
}

export function diagnoseDeps(services: Services): DiagnoseDeps {
  const { config } = services;
  return {
    kube: services.kube,
    llm:
      services.llm && config.llm.provider !== 'none'
        ? { port: services.llm, timeoutMs: config.llm.timeoutMs, maxPromptTokens: config.llm.maxPromptTokens }
        : undefined,
    allowedNamespaces: config.namespaceAllowed,
  };
}

/** A lease holder identity that survives a restart of the same replica (its pod name is its hostname). */
export function holderIdentity(role: string): string {
  return `${role}@${hostname()}`;
}

export async function remediationDeps(services: Services, holder: string): Promise<RemediationDeps> {
  const deps = diagnoseDeps(services);
  return {
    kube: services.kube,
    store: await services.store(),
    clock: services.clock,
    holder,
    leaseSeconds: 60,
    // Re-diagnosis during apply and verification uses the rules only: it must be fast and deterministic.
    diagnose: async (namespace, deployment) =>
      (await diagnose({ ...deps, llm: undefined }, { namespace, ...(deployment ? { deployment } : {}) }))
        .report,
    verify: {
      timeoutSeconds: services.config.verify.timeoutSeconds,
      settleSeconds: services.config.verify.settleSeconds,
      // Poll often enough that a short settle period (tests, demo) is measured finely, never more than every 2 s.
      pollSeconds: Math.min(2, Math.max(0.25, services.config.verify.settleSeconds / 4)),
    },
  };
}
