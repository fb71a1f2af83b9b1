/**
 * StorePort over keyv: SQLite file by default (one replica), Redis when several replicas share state, memory for
 * tests. The adapter is chosen from STORE_URL (config.store).
 */
import { mkdirSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import Keyv from 'keyv';
import type { StoreConfig } from '../config.js';
import { StoreError } from '../errors.js';
import type { StorePort } from './port.js';

/**
 * Claim chains per SQLite file. The chain used to belong to one store object, so two stores opened on the same
 * file in one process (a second service graph, a test harness) could both win a claim; the port promises a
 * process-wide lock. Processes sharing one SQLite file are still not serialised: that takes Redis.
 */
const sqliteClaimChains = new Map<string, Promise<unknown>>();

export async function createKeyvStore(config: StoreConfig, namespace = 'sre-bot'): Promise<StorePort> {
  const { keyv, redis } = await openKeyv(config, namespace);
  const chainKey = config.kind === 'sqlite' ? `${resolve(config.path)}#${namespace}` : undefined;
  let localChain: Promise<unknown> = Promise.resolve();
  const claimChain = {
    get: () => (chainKey ? (sqliteClaimChains.get(chainKey) ?? Promise.resolve()) : localChain),
    set: (next: Promise<unknown>) => {
      if (chainKey) sqliteClaimChains.set(chainKey, next);
      else localChain = next;
    },
  };
  let lastError: unknown;
  keyv.on('error', (error: unknown) => {
    lastError = error;
  });
  const wrap = async <T>(what: string, work: () => Promise<T>): Promise<T> => {
    try {
      return await work();
    } catch (error) {
      throw new StoreError('store_error', `store ${what} failed: ${(error as Error).message}`, {
        cause: error,
        retryable: true,
      });
    }
  };
  return {
    async get(key, schema) {
      const raw: unknown = await wrap(`get ${key}`, () => keyv.get(key));
      if (raw === undefined || raw === null) return undefined;
      const parsed = schema.safeParse(raw);
      if (!parsed.success) {
        throw new StoreError(
          'store_error',
          `store record ${key} is not valid: ${parsed.error.issues[0]?.message ?? 'schema mismatch'}`,
        );
      }
      return parsed.data;
    },
    async set(key, value, ttlMs) {
      const ok = await wrap(`set ${key}`, () => keyv.set(key, value, ttlMs));
      if (ok === false) {
        throw new StoreError(
          'store_error',
          `store set ${key} failed${lastError ? `: ${(lastError as Error).message}` : ''}`,
          {
            cause: lastError,
            retryable: true,
          },
        );
      }
    },
    async delete(key) {
      await wrap(`delete ${key}`, () => keyv.delete(key));
    },
    async claim(key, value, ttlMs) {
      if (redis) {
        const result = await wrap(`claim ${key}`, () =>
          redis.set(`${namespace}:${key}`, value, { NX: true, PX: ttlMs }),
        );
        return result === 'OK';
      }
      // One process owns a SQLite file or a memory store: serialise check-and-set through a promise chain.
      const attempt = claimChain.get().then(async () => {
        const existing: unknown = await keyv.get(`claim:${key}`);
        if (existing !== undefined && existing !== null) return false;
        await keyv.set(`claim:${key}`, value, ttlMs);
        return true;
      });
      claimChain.set(attempt.catch(() => false));
      return wrap(`claim ${key}`, () => attempt);
    },
    async releaseClaim(key) {
      if (redis) await wrap(`release ${key}`, () => redis.del(`${namespace}:${key}`));
      else await wrap(`release ${key}`, () => keyv.delete(`claim:${key}`));
    },
    async close() {
      await keyv.disconnect();
    },
  };
}

/** The Redis client, when there is one: atomic claims use SET NX on it directly (keyv has no set-if-absent). */
type RedisClaimClient = {
  set(key: string, value: string, options: { NX: true; PX: number }): Promise<string | null>;
  del(key: string): Promise<number>;
};

async function openKeyv(
  config: StoreConfig,
  namespace: string,
): Promise<{ keyv: Keyv; redis?: RedisClaimClient }> {
  switch (config.kind) {
    case 'memory':
      return { keyv: new Keyv({ namespace }) };
    case 'sqlite': {
      const path = resolve(config.path);
      mkdirSync(dirname(path), { recursive: true });
      // Loaded on demand: the native sqlite3 module is only needed when this store is used.
      const { default: KeyvSqlite } = await import('@keyv/sqlite');
      return {
        keyv: new Keyv({ store: new KeyvSqlite({ uri: `sqlite://${path}`, busyTimeout: 5000 }), namespace }),
      };
    }
    case 'redis': {
      const { default: KeyvRedis } = await import('@keyv/redis');
      const store = new KeyvRedis(config.url);
      return {
        keyv: new Keyv({ store, namespace, useKeyPrefix: false }),
        redis: (await store.getClient()) as unknown as RedisClaimClient,
      };
    }
  }
}
