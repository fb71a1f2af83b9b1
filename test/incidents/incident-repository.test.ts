/**
 * IncidentRepository on real keyv stores: records round-trip (validated), the open index and the per-workload
 * pointer follow the state (final states leave both), a newer incident on a workload is not unlinked by an older
 * one closing, and concurrent saves — from one repository or from two "replicas" sharing a store — lose no
 * index entry.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { FINAL_STATES, Incident, INCIDENT_STATES, type IncidentState } from '../../src/domain/incident.js';
import { StoreError } from '../../src/errors.js';
import { IncidentRepository } from '../../src/incidents/incident-repository.js';
import { createKeyvStore } from '../../src/store/keyv-store.js';
import type { StorePort } from '../../src/store/port.js';

const AT = '2025-01-10T10:00:00.000Z';

function incident(
  id: string,
  state: IncidentState,
  target: string | null = 'payments',
  namespace = 'payments',
): Incident {
  return Incident.parse({
    id,
    namespace,
    target,
    trigger: { kind: 'command', user: 'U0ALICE', channel: 'C0INCIDENTS' },
    state,
    createdAt: AT,
    updatedAt: AT,
  });
}

const ids = (incidents: Incident[]) => incidents.map((item) => item.id).sort();

let store: StorePort;
let repository: IncidentRepository;

beforeEach(async () => {
  store = await createKeyvStore({ kind: 'memory' });
  repository = new IncidentRepository(store);
});

afterEach(async () => {
  await store.close();
});

describe('IncidentRepository', () => {
  it('saves and reads back an incident', async () => {
    const saved = await repository.save(incident('inc-1', 'proposed'));
    expect(await repository.get('inc-1')).toEqual(saved);
    expect(await repository.get('inc-none')).toBeUndefined();
  });

  it.each(INCIDENT_STATES.filter((state) => !FINAL_STATES.has(state)))(
    'an incident in state %s is open: in the index and pointed to by its workload',
    async (state) => {
      await repository.save(incident('inc-1', state));
      expect(ids(await repository.listOpen())).toEqual(['inc-1']);
      expect((await repository.openFor('payments', 'payments'))?.id).toBe('inc-1');
    },
  );

  it.each([...FINAL_STATES])('reaching %s leaves the index and the workload pointer', async (state) => {
    await repository.save(incident('inc-1', 'proposed'));
    await repository.save(incident('inc-2', 'proposed', 'ledger'));
    await repository.save(incident('inc-1', state));
    expect(ids(await repository.listOpen())).toEqual(['inc-2']);
    expect(await repository.openFor('payments', 'payments')).toBeUndefined();
    expect(await store.get('incident:workload:payments/payments', Incident.shape.id)).toBeUndefined();
    // The record itself stays (history, summaries).
    expect((await repository.get('inc-1'))?.state).toBe(state);
  });

  it('a failed incident diagnosed again is open again', async () => {
    await repository.save(incident('inc-1', 'failed'));
    expect(await repository.listOpen()).toEqual([]);
    await repository.save(incident('inc-1', 'diagnosing'));
    expect(ids(await repository.listOpen())).toEqual(['inc-1']);
    expect((await repository.openFor('payments', 'payments'))?.id).toBe('inc-1');
  });

  it('workloads are told apart by namespace and deployment; null is the namespace-wide incident', async () => {
    await repository.save(incident('inc-deploy', 'proposed', 'payments'));
    await repository.save(incident('inc-ns', 'proposed', null));
    await repository.save(incident('inc-other-ns', 'proposed', 'payments', 'staging'));
    expect((await repository.openFor('payments', 'payments'))?.id).toBe('inc-deploy');
    expect((await repository.openFor('payments', null))?.id).toBe('inc-ns');
    expect((await repository.openFor('staging', 'payments'))?.id).toBe('inc-other-ns');
    expect(await repository.openFor('payments', 'ledger')).toBeUndefined();
  });

  it('closing an older incident does not unlink the newer one on the same workload', async () => {
    await repository.save(incident('inc-old', 'proposed'));
    await repository.save(incident('inc-new', 'proposed'));
    await repository.save(incident('inc-old', 'expired'));
    expect((await repository.openFor('payments', 'payments'))?.id).toBe('inc-new');
    expect(ids(await repository.listOpen())).toEqual(['inc-new']);
  });

  it('an index entry whose record is gone is skipped', async () => {
    await repository.save(incident('inc-1', 'proposed'));
    await repository.save(incident('inc-2', 'proposed', 'ledger'));
    await store.delete('incident:inc-1');
    expect(ids(await repository.listOpen())).toEqual(['inc-2']);
  });

  it('a malformed record does not hide the other open incidents', async () => {
    await repository.save(incident('inc-1', 'proposed'));
    await repository.save(incident('inc-2', 'proposed', 'ledger'));
    await store.set('incident:inc-1', { id: 'inc-1', state: 'exploded' });
    expect(ids(await repository.listOpen())).toEqual(['inc-2']);
  });

  it('a malformed record is a StoreError naming it', async () => {
    await store.set('incident:inc-bad', { id: 'inc-bad', state: 'exploded' });
    await expect(repository.get('inc-bad')).rejects.toThrow(StoreError);
    await expect(repository.get('inc-bad')).rejects.toThrow(/incident:inc-bad/);
  });

  it('30 concurrent saves lose no index entry', async () => {
    const all = Array.from({ length: 30 }, (_, index) =>
      incident(`inc-${index}`, 'proposed', `app-${index}`),
    );
    await Promise.all(all.map((item) => repository.save(item)));
    expect(ids(await repository.listOpen())).toEqual(ids(all));
    // … and closing half of them concurrently removes exactly those.
    await Promise.all(
      all
        .filter((_, index) => index % 2 === 0)
        .map((item) => repository.save({ ...item, state: 'resolved' })),
    );
    expect(ids(await repository.listOpen())).toEqual(ids(all.filter((_, index) => index % 2 === 1)));
  });

  it('two replicas sharing one store lose no index entry either', async () => {
    // Two repositories = two processes' worth of in-memory locking, over one shared store.
    const replicas = [new IncidentRepository(store), new IncidentRepository({ ...store })];
    const all = Array.from({ length: 30 }, (_, index) =>
      incident(`inc-${index}`, 'proposed', `app-${index}`),
    );
    await Promise.all(all.map((item, index) => replicas[index % 2]!.save(item)));
    expect(ids(await repository.listOpen())).toEqual(ids(all));
  });
});
