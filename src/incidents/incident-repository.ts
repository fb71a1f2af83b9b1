/**
 * Incidents in the store: one record per incident (validated on read), an index of the open ones (for
 * `/sre status` and for resuming after a restart), and a per-workload pointer to the open incident (alerts
 * about the same workload join it instead of opening another).
 */
import { z } from 'zod';
import { FINAL_STATES, Incident } from '../domain/incident.js';
import type { StorePort } from '../store/port.js';

const OPEN_INDEX = 'incidents:open';
const RETENTION_MS = 90 * 24 * 3600 * 1000;
const OpenIndex = z.array(z.string());

export class IncidentRepository {
  /** Serialises index updates inside this process; across replicas the per-incident lease guards writes. */
  #indexLock: Promise<unknown> = Promise.resolve();

  constructor(private readonly store: StorePort) {}

  async get(id: string): Promise<Incident | undefined> {
    return this.store.get(`incident:${id}`, Incident);
  }

  async save(incident: Incident): Promise<Incident> {
    await this.store.set(`incident:${incident.id}`, incident, RETENTION_MS);
    const workloadKey = workloadPointer(incident.namespace, incident.target);
    const open = !FINAL_STATES.has(incident.state);
    await this.#updateIndex((ids) =>
      open ? [...new Set([...ids, incident.id])] : ids.filter((id) => id !== incident.id),
    );
    if (open) await this.store.set(workloadKey, incident.id, RETENTION_MS);
    else if ((await this.store.get(workloadKey, z.string())) === incident.id)
      await this.store.delete(workloadKey);
    return incident;
  }

  /** The open incident on a workload (namespace + deployment, or the namespace when target is null). */
  async openFor(namespace: string, target: string | null): Promise<Incident | undefined> {
    const id = await this.store.get(workloadPointer(namespace, target), z.string());
    const incident = id ? await this.get(id) : undefined;
    return incident && !FINAL_STATES.has(incident.state) ? incident : undefined;
  }

  async listOpen(): Promise<Incident[]> {
    const ids = (await this.store.get(OPEN_INDEX, OpenIndex)) ?? [];
    const incidents = await Promise.all(ids.map((id) => this.get(id)));
    return incidents.filter(
      (incident): incident is Incident => incident !== undefined && !FINAL_STATES.has(incident.state),
    );
  }

  async #updateIndex(change: (ids: string[]) => string[]): Promise<void> {
    const run = this.#indexLock.then(async () => {
      const ids = (await this.store.get(OPEN_INDEX, OpenIndex)) ?? [];
      await this.store.set(OPEN_INDEX, change(ids));
    });
    this.#indexLock = run.catch(() => undefined);
    await run;
  }
}

function workloadPointer(namespace: string, target: string | null): string {
  return `incident:workload:${namespace}/${target ?? '*'}`;
}
