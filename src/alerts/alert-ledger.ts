/**
 * What the bot last saw of each alert (by fingerprint): its status and the incident it went to. Deduplication
 * reads it — an alert whose status did not change is a repeat (Alertmanager re-sends every alert of a group in
 * each notification, HA replicas may deliver twice, and a firing alert is re-sent every repeat_interval) — and
 * so does a `resolved` notification, to find the thread it belongs to even after the incident ended.
 *
 * Records live in the store (shared across replicas, kept across restarts) for a day: a problem still firing a
 * day after its incident ended (rejected, expired) opens a new incident then, not on every repeat before.
 */
import { z } from 'zod';
import type { StorePort } from '../store/port.js';
import type { AlertStatus } from './received-alert.js';

export const ALERT_MEMORY_MS = 24 * 3600 * 1000;

const AlertRecord = z.object({
  status: z.enum(['firing', 'resolved']),
  incident: z.string().optional(),
});
export type AlertRecord = z.infer<typeof AlertRecord>;

export class AlertLedger {
  constructor(
    private readonly store: StorePort,
    private readonly ttlMs = ALERT_MEMORY_MS,
  ) {}

  get(fingerprint: string): Promise<AlertRecord | undefined> {
    return this.store.get(key(fingerprint), AlertRecord);
  }

  async record(fingerprint: string, status: AlertStatus, incident: string | undefined): Promise<void> {
    await this.store.set(key(fingerprint), { status, ...(incident ? { incident } : {}) }, this.ttlMs);
  }
}

const key = (fingerprint: string): string => `alert:${fingerprint}`;
