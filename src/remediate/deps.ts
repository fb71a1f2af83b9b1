/** What the remediation steps need, injected by the composition root (CLI or Slack app). */
import type { Clock } from '../clock.js';
import type { Report } from '../domain/report.js';
import type { KubePort } from '../kube/port.js';
import type { StorePort } from '../store/port.js';

export type RemediationDeps = {
  kube: KubePort;
  store: StorePort;
  clock: Clock;
  /** Lease holder identity: stable per bot replica (its pod name), so a restarted replica can resume. */
  holder: string;
  /** How long a remediation lease lasts without renewal. */
  leaseSeconds: number;
  /** Re-diagnoses a target: the "is the finding still there" check before applying, and verification. */
  diagnose: (namespace: string, deployment: string | null) => Promise<Report>;
  verify: { timeoutSeconds: number; settleSeconds: number; pollSeconds: number };
};
