/**
 * Every failure fixture by name, so tests can check that an analyzer fires on its failure and stays silent on
 * all the others. The first twelve mirror the public eval scenarios; the rest cover the remaining analyzers.
 */
import type { Snapshot } from '../../src/domain/snapshot.js';
import {
  cartScaledToZero,
  healthy,
  pvcPending,
  quotaExceeded,
  searchUnschedulable,
  webSelectorMismatch,
} from './scenarios-cluster.js';
import { inventoryMissingSecretKey, ledgerMissingConfigMap } from './scenarios-config.js';
import {
  appCrash,
  checkoutOom,
  frontendBadImage,
  ordersBadCommand,
  paymentsMissingEnv,
} from './scenarios-containers.js';
import {
  apiReadinessPort,
  readinessWrongPath,
  transientReadiness,
  workerLivenessEarly,
} from './scenarios-probes.js';

export const SCENARIOS = {
  'payments-missing-env': paymentsMissingEnv,
  'checkout-oom': checkoutOom,
  'frontend-bad-image': frontendBadImage,
  'ledger-missing-configmap': ledgerMissingConfigMap,
  'search-unschedulable': searchUnschedulable,
  'api-readiness-port': apiReadinessPort,
  'worker-liveness-early': workerLivenessEarly,
  'orders-bad-command': ordersBadCommand,
  'cart-scaled-to-zero': cartScaledToZero,
  'inventory-missing-secret-key': inventoryMissingSecretKey,
  'web-selector-mismatch': webSelectorMismatch,
  healthy,
  'app-crash': appCrash,
  'readiness-wrong-path': readinessWrongPath,
  'transient-readiness': transientReadiness,
  'quota-exceeded': quotaExceeded,
  'pvc-pending': pvcPending,
} as const satisfies Record<string, () => Snapshot>;

export type ScenarioName = keyof typeof SCENARIOS;
export const SCENARIO_NAMES = Object.keys(SCENARIOS) as ScenarioName[];

/** Scenarios other than `firing`: where an analyzer must say nothing. */
export function scenariosExcept(firing: readonly ScenarioName[]): ScenarioName[] {
  return SCENARIO_NAMES.filter((name) => !firing.includes(name));
}
