/**
 * Incidents in the store: one record per incident (validated on read), an index of the open ones (for
 * `/sre status` and for resuming after a restart), and a per-workload pointer to the open incident (alerts
 * about the same workload join it instead of opening another).
 */
import { z } from 'zod';
import { FINAL_STATES, Incident, proposedWorkload } from '../domain/incident.js';
import type { StorePort } from '../store/port.js';

const OPEN_INDEX = 'incidents:open';
/** A claim on the index while one replica rewrites it; its TTL frees it if that replica dies meanwhile. */
const INDEX_CLAIM = 'incidents:open:lock';
const INDEX_CLAIM_MS = 10_000;
const RETENTION_MS = 90 * 24 * 3600 * 1000;
const OpenIndex = z.array(z.string());

export class IncidentRepository {
  /** Serialises index updates inside this process; across replicas a claim on the index does (see below). */
  #indexLock: Promise<unknown> = Promise.resolve();

  constructor(private readonly store: StorePort) {}

  async get(id: string): Promise<Incident | undefined> {
    return this.store.get(`incident:${id}`, Incident);
  }

  async save(incident: Incident): Promise<Incident> {
    await this.store.set(`incident:${incident.id}`, incident, RETENTION_MS);
    const workloadKey = workloadPointer(incident.namespace, incident.target);
    const open = !FINAL_STATES.has(incident.state);
    // The pointer is updated under the same claim: read-then-delete of an old incident's pointer must not
    // remove the one a newer incident on the workload has just set.
    await this.#updateIndex(async () => {
      const ids = (await this.store.get(OPEN_INDEX, OpenIndex)) ?? [];
      await this.store.set(
        OPEN_INDEX,
        open ? [...new Set([...ids, incident.id])] : ids.filter((id) => id !== incident.id),
      );
      if (open) await this.store.set(workloadKey, incident.id, RETENTION_MS);
      else if ((await this.store.get(workloadKey, z.string())) === incident.id)
        await this.store.delete(workloadKey);
    });
    return incident;
  }

  /** The open incident on a workload (namespace + deployment, or the namespace when target is null). */
  async openFor(namespace: string, target: string | null): Promise<Incident | undefined> {
    const id = await this.store.get(workloadPointer(namespace, target), z.string());
    const incident = id ? await this.get(id) : undefined;
    return incident && !FINAL_STATES.has(incident.state) ? incident : undefined;
  }

  /**
   * The open incident about a workload: its own, or else an open namespace-wide one whose diagnosis is about it
   * (so an alert on the workload joins the card already showing its problem instead of opening a second one).
   */
  async openAbout(namespace: string, deployment: string): Promise<Incident | undefined> {
    const own = await this.openFor(namespace, deployment);
    if (own) return own;
    const wide = await this.openFor(namespace, null);
    return wide && !wide.sameAs && proposedWorkload(wide) === deployment ? wide : undefined;
  }

  async listOpen(): Promise<Incident[]> {
    const ids = (await this.store.get(OPEN_INDEX, OpenIndex)) ?? [];
    // One unreadable record (written by hand, or by an incompatible version) must not hide all the others.
    const incidents = await Promise.all(ids.map((id) => this.get(id).catch(() => undefined)));
    return incidents.filter(
      (incident): incident is Incident => incident !== undefined && !FINAL_STATES.has(incident.state),
    );
  }

  async #updateIndex(update: () => Promise<void>): Promise<void> {
    const run = this.#indexLock.then(async () => {
      // The index is one read-modify-write record: two replicas sharing a Redis store each saving an incident
      // lost one of the two ids (which then never expired and vanished from /sre status). Only another
      // replica's update can hold this claim, for a few milliseconds, so waiting briefly is enough.
      while (!(await this.store.claim(INDEX_CLAIM, 'index', INDEX_CLAIM_MS))) await pause();
      try {
        await update();
      } finally {
        await this.store.releaseClaim(INDEX_CLAIM);
      }
    });
    this.#indexLock = run.catch(() => undefined);
    await run;
  }
}

function pause(): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, 2 + Math.random() * 10));
}

function workloadPointer(namespace: string, target: string | null): string {
  return `incident:workload:${namespace}/${target ?? '*'}`;
}
