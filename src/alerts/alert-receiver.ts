/** The Alertmanager receiver assembled: POST /alerts, its processor, the workload lookups and the ledger. */
import type { CustomRoute } from '@slack/bolt';
import type { Clock } from '../clock.js';
import type { IncidentDeps } from '../incidents/incident-deps.js';
import type { KubePort } from '../kube/port.js';
import type { Logger } from '../log.js';
import type { Metrics } from '../metrics/metrics.js';
import type { WorkTracker } from '../slack/work-tracker.js';
import type { StorePort } from '../store/port.js';
import { AlertLedger } from './alert-ledger.js';
import { AlertProcessor } from './alert-processor.js';
import { alertRoutes } from './alert-route.js';
import { WorkloadResolver } from './workload-resolver.js';

export type AlertReceiverOptions = {
  token: string;
  channel: string;
  /** The incident flows' dependencies; routes are built before them, so they are read on first use. */
  deps: () => IncidentDeps;
  kube: KubePort;
  store: StorePort;
  clock: Clock;
  tracker: WorkTracker;
  metrics: Metrics;
  logger: Logger;
};

export function alertReceiver(options: AlertReceiverOptions): CustomRoute[] {
  const logger = options.logger.child({ component: 'alerts' });
  const processor = new AlertProcessor({
    deps: options.deps,
    channel: options.channel,
    resolver: new WorkloadResolver(options.kube, options.clock, logger),
    ledger: new AlertLedger(options.store),
    logger,
    onDuplicate: () => options.metrics.alertsDeduplicated.inc(),
  });
  return alertRoutes({
    token: options.token,
    processor,
    tracker: options.tracker,
    metrics: options.metrics,
    logger,
  });
}
