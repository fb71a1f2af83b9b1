/**
 * The store port: small key-value persistence for incidents, undo records and caches. Records are validated with
 * zod when read back (a store is a boundary: it may hold data written by an older version or by hand).
 */
import type { z } from 'zod';

export type StorePort = {
  get<T>(key: string, schema: z.ZodType<T>): Promise<T | undefined>;
  set(key: string, value: unknown, ttlMs?: number): Promise<void>;
  delete(key: string): Promise<void>;
  /**
   * Atomically sets `key` only if it is absent (Redis `SET NX PX`; a process-wide lock for SQLite and memory,
   * which serve one replica). True when this caller got it: how twenty Approve clicks execute once.
   */
  claim(key: string, value: string, ttlMs: number): Promise<boolean>;
  /** Gives a claim back (an approval that was refused before anything changed may be retried). */
  releaseClaim(key: string): Promise<void>;
  close(): Promise<void>;
};
