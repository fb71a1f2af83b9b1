/**
 * From received alerts to incidents: drop what is not about a workload, map each alert to its workload, drop
 * repeats, and hand each workload's alerts to its own queue, where they open an incident (the first firing
 * alert of a workload with none open), join the open one, or resolve. See incident-alerts.ts for what a batch
 * does to an incident.
 */
import type { IncidentDeps } from '../incidents/incident-deps.js';
import { withWorkloadLock } from '../incidents/workload-lock.js';
import type { Logger } from '../log.js';
import type { AlertLedger, AlertRecord } from './alert-ledger.js';
import { applyAlerts, openForAlerts } from './incident-alerts.js';
import { isMetaAlert, type AlertStatus, type ReceivedAlert } from './received-alert.js';
import { WorkloadQueue } from './workload-queue.js';
import { workloadKey, type Workload, type WorkloadResolver } from './workload-resolver.js';

export type AlertProcessorOptions = {
  /** The incident flows' dependencies (built after the HTTP routes, hence a getter). */
  deps: () => IncidentDeps;
  /** SLACK_CHANNEL: where alert-triggered incidents are posted. */
  channel: string;
  resolver: WorkloadResolver;
  ledger: AlertLedger;
  logger: Logger;
  onDuplicate?: () => void;
};

type Item = { alert: ReceivedAlert; workload: Workload };

const LOCK_ATTEMPTS = 60;
const LOCK_RETRY_MS = 1_000;
type Fresh = { alert: ReceivedAlert; prior: AlertRecord | undefined };

export class AlertProcessor {
  #intake: Promise<void> = Promise.resolve();
  readonly #queue: WorkloadQueue<Item>;

  constructor(private readonly options: AlertProcessorOptions) {
    this.#queue = new WorkloadQueue<Item>({
      identity: ({ alert }) => `${alert.fingerprint}:${alert.status}`,
      onDuplicate: () => options.onDuplicate?.(),
      onError: (key, error, batch) =>
        // Nothing of the batch was recorded as seen: the next notification (Alertmanager re-sends every alert
        // of a group) brings these alerts back and they are handled then.
        options.logger.error(
          { err: error, workload: key, alerts: batch.map(({ alert }) => alert.fingerprint) },
          'could not handle alerts',
        ),
    });
  }

  /** Takes one notification's alerts; resolves once they have been handled (the WorkTracker waits on it). */
  accept(alerts: readonly ReceivedAlert[]): Promise<void> {
    // Lookups run at once, but alerts reach the workload queues in arrival order: a `resolved` must never
    // overtake the `firing` delivered before it just because its pod lookup was cached.
    const mapped = Promise.all(alerts.map((alert) => this.#item(alert)));
    const dispatched = this.#intake.then(async () => this.#dispatch(await mapped));
    this.#intake = dispatched.then(
      () => undefined,
      () => undefined,
    );
    return dispatched.then(async (waits) => {
      await Promise.all(waits);
    });
  }

  async #item(alert: ReceivedAlert): Promise<Item | undefined> {
    const { logger } = this.options;
    if (isMetaAlert(alert)) return undefined;
    const workload = await this.options.resolver.resolve(alert);
    if (!workload) {
      logger.info({ alertname: alert.alertname }, 'alert ignored: it names no namespace');
      return undefined;
    }
    if (!this.options.deps().settings.namespaceAllowed(workload.namespace)) {
      logger.info(
        { alertname: alert.alertname, namespace: workload.namespace },
        'alert ignored: namespace not in SRE_NAMESPACES',
      );
      return undefined;
    }
    return { alert, workload };
  }

  #dispatch(items: readonly (Item | undefined)[]): Promise<void>[] {
    const byWorkload = new Map<string, Item[]>();
    for (const item of items) {
      if (!item) continue;
      const key = workloadKey(item.workload);
      byWorkload.set(key, [...(byWorkload.get(key) ?? []), item]);
    }
    return [...byWorkload].map(([key, list]) =>
      this.#queue.push(key, list, (batch) => this.#handle(list[0]!.workload, batch)),
    );
  }

  /** One batch of one workload, in arrival order. */
  async #handle(workload: Workload, batch: Item[]): Promise<void> {
    const deps = this.options.deps();
    const fresh = await this.#withoutRepeats(batch.map(({ alert }) => alert));
    if (fresh.length === 0) return;
    await this.#locked(deps, workload, () => this.#apply(deps, workload, fresh));
  }

  /**
   * The workload lock `/sre diagnose` takes too (in this process and, through the store, across replicas): an
   * alert and a command about the same workload never both open an incident. Another replica holding it is
   * waited for; if it never lets go, the batch fails and the next notification brings the alerts back.
   */
  async #locked(deps: IncidentDeps, workload: Workload, work: () => Promise<void>): Promise<void> {
    const key = workloadKey(workload);
    for (let attempt = 1; ; attempt += 1) {
      const result = await withWorkloadLock(deps.store, key, work);
      if (result.ran) return;
      if (attempt >= LOCK_ATTEMPTS) throw new Error(`workload ${key} stayed locked by another replica`);
      await deps.clock.sleep(LOCK_RETRY_MS);
    }
  }

  /** Opens the workload's incident or joins the open one; threads and records resolutions. */
  async #apply(deps: IncidentDeps, workload: Workload, fresh: readonly Fresh[]): Promise<void> {
    let open = workload.deployment
      ? await deps.incidents.openAbout(workload.namespace, workload.deployment)
      : await deps.incidents.openFor(workload.namespace, null);
    const opening = open ? [] : firstFiring(fresh);
    if (!open && opening.length > 0) {
      open = await openForAlerts(
        deps,
        this.options.channel,
        workload,
        opening.map(({ alert }) => alert),
      );
      await this.#record(
        opening.map(({ alert }) => alert),
        open.id,
      );
    }

    const perIncident = new Map<string, ReceivedAlert[]>();
    const unrelated: ReceivedAlert[] = [];
    for (const entry of fresh) {
      if (opening.includes(entry)) continue;
      const { alert, prior } = entry;
      const incidentId =
        alert.status === 'firing'
          ? open?.id
          : (prior?.incident ?? (open && alert.fingerprint in open.alerts ? open.id : undefined));
      if (incidentId) perIncident.set(incidentId, [...(perIncident.get(incidentId) ?? []), alert]);
      else unrelated.push(alert);
    }
    for (const [incidentId, alerts] of perIncident) {
      await applyAlerts(deps, incidentId, alerts);
      await this.#record(alerts, incidentId);
    }
    // A `resolved` for an alert the bot never saw firing (sent before it started): remembered, nothing else.
    await this.#record(unrelated, undefined);
  }

  /** Alerts whose status is the one last seen (in the ledger, or earlier in this batch) are repeats. */
  async #withoutRepeats(alerts: readonly ReceivedAlert[]): Promise<Fresh[]> {
    const { ledger } = this.options;
    const priors = new Map<string, AlertRecord | undefined>();
    const latest = new Map<string, AlertStatus>();
    const fresh: Fresh[] = [];
    for (const alert of alerts) {
      if (!priors.has(alert.fingerprint)) priors.set(alert.fingerprint, await ledger.get(alert.fingerprint));
      const prior = priors.get(alert.fingerprint);
      const last = latest.get(alert.fingerprint) ?? prior?.status;
      if (last === alert.status) {
        this.options.onDuplicate?.();
        continue;
      }
      latest.set(alert.fingerprint, alert.status);
      fresh.push({ alert, prior });
    }
    return fresh;
  }

  async #record(alerts: readonly ReceivedAlert[], incidentId: string | undefined): Promise<void> {
    for (const alert of alerts) await this.options.ledger.record(alert.fingerprint, alert.status, incidentId);
  }
}

/** The first firing entry of each alert: what an incident opened by this batch starts with. */
function firstFiring(entries: readonly Fresh[]): Fresh[] {
  const seen = new Set<string>();
  return entries.filter(({ alert }) => {
    if (seen.has(alert.fingerprint)) return false;
    seen.add(alert.fingerprint);
    return alert.status === 'firing';
  });
}
