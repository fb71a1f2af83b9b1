/**
 * The keyv store adapters behind StorePort: memory, SQLite (a temporary file) and — when `redis-server` is
 * installed — Redis (a private server on a free port, started and stopped by this file). The same contract for
 * each: get/set/delete, TTLs, zod validation of records on read, an atomic `claim` (100 concurrent claims, one
 * winner), `releaseClaim`; and for SQLite, persistence across a reopen. TTLs run on a faked Date (keyv reads
 * Date.now()), except Redis' own PX expiry of claims, which is waited for.
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { z } from 'zod';
import type { StoreConfig } from '../../src/config.js';
import { StoreError } from '../../src/errors.js';
import { createKeyvStore } from '../../src/store/keyv-store.js';
import type { StorePort } from '../../src/store/port.js';

const Record = z.object({ id: z.string(), count: z.number().int() });

const HAVE_REDIS = spawnSync('redis-server', ['--version'], { stdio: 'ignore' }).status === 0;
const NO_REDIS_REASON =
  'redis-server is not installed (apt-get install -y redis-server); Redis store tests skipped';
if (!HAVE_REDIS) console.warn(NO_REDIS_REASON);

const dir = mkdtempSync(join(tmpdir(), 'sre-bot-store-'));
let redis: { process: ChildProcess; url: string } | undefined;
let redisDatabase = 0;

beforeAll(async () => {
  if (HAVE_REDIS) redis = await startRedis();
}, 20_000);

afterAll(() => {
  redis?.process.kill('SIGTERM');
  rmSync(dir, { recursive: true, force: true });
});

afterEach(() => {
  vi.useRealTimers();
});

type Backend = { name: string; redis: boolean; config: () => StoreConfig };
let sqliteFiles = 0;
const BACKENDS: Backend[] = [
  { name: 'memory', redis: false, config: () => ({ kind: 'memory' }) },
  {
    name: 'sqlite',
    redis: false,
    config: () => ({ kind: 'sqlite', path: join(dir, `store-${++sqliteFiles}.db`) }),
  },
  {
    name: 'redis',
    redis: true,
    // A database per test (0–15) so tests never see each other's keys.
    config: () => ({ kind: 'redis', url: `${redis!.url}/${redisDatabase++ % 16}` }),
  },
];

for (const backend of BACKENDS) {
  const missing = backend.redis && !HAVE_REDIS;
  describe.skipIf(missing)(`${backend.name} store${missing ? ` (${NO_REDIS_REASON})` : ''}`, () => {
    let store: StorePort;
    const open = async () => (store = await createKeyvStore(backend.config()));

    afterEach(async () => {
      await store?.close();
    });

    it('set then get returns the record, validated; an absent key is undefined', async () => {
      await open();
      await store.set('incident:1', { id: '1', count: 2 });
      expect(await store.get('incident:1', Record)).toEqual({ id: '1', count: 2 });
      expect(await store.get('incident:absent', Record)).toBeUndefined();
    });

    it('set replaces, delete removes', async () => {
      await open();
      await store.set('k', { id: 'a', count: 1 });
      await store.set('k', { id: 'a', count: 2 });
      expect(await store.get('k', Record)).toEqual({ id: 'a', count: 2 });
      await store.delete('k');
      expect(await store.get('k', Record)).toBeUndefined();
      await store.delete('k'); // deleting what is gone is fine
    });

    it.each<[string, unknown]>([
      ['a wrong field type', { id: '1', count: 'two' }],
      ['a missing field', { id: '1' }],
      ['another shape entirely', ['incident', 1]],
      ['a plain string', 'not a record'],
    ])('a malformed record (%s) is a StoreError naming the key', async (_name, value) => {
      await open();
      await store.set('incident:broken', value);
      const failure = await store.get('incident:broken', Record).catch((error: unknown) => error);
      expect(failure).toBeInstanceOf(StoreError);
      expect((failure as StoreError).code).toBe('store_error');
      expect((failure as StoreError).message).toMatch(/^store record incident:broken is not valid: /);
    });

    it('a record expires after its TTL; one without a TTL stays', async () => {
      vi.useFakeTimers({ toFake: ['Date'] });
      await open();
      await store.set('short', { id: 's', count: 1 }, 60_000);
      await store.set('forever', { id: 'f', count: 1 });
      vi.setSystemTime(Date.now() + 59_000);
      expect(await store.get('short', Record)).toEqual({ id: 's', count: 1 });
      vi.setSystemTime(Date.now() + 2_000);
      expect(await store.get('short', Record)).toBeUndefined();
      vi.setSystemTime(Date.now() + 365 * 24 * 3600_000);
      expect(await store.get('forever', Record)).toEqual({ id: 'f', count: 1 });
    });

    it('claim is atomic: of 100 concurrent claims exactly one wins', async () => {
      await open();
      const results = await Promise.all(
        Array.from({ length: 100 }, (_, index) => store.claim('approve:inc-1', `clicker-${index}`, 60_000)),
      );
      expect(results.filter(Boolean)).toHaveLength(1);
      // Another key is another claim.
      expect(await store.claim('approve:inc-2', 'x', 60_000)).toBe(true);
    });

    it('releaseClaim gives the claim back', async () => {
      await open();
      expect(await store.claim('lock', 'a', 60_000)).toBe(true);
      expect(await store.claim('lock', 'b', 60_000)).toBe(false);
      await store.releaseClaim('lock');
      expect(await store.claim('lock', 'b', 60_000)).toBe(true);
      await store.releaseClaim('never-claimed'); // harmless
    });

    it('a claim lapses after its TTL', async () => {
      if (backend.redis) {
        // Redis expires it itself (SET NX PX): wait for that, no faked clock can.
        await open();
        expect(await store.claim('lease', 'a', 150)).toBe(true);
        await expect
          .poll(() => store.claim('lease', 'b', 60_000), { timeout: 5_000, interval: 50 })
          .toBe(true);
        return;
      }
      vi.useFakeTimers({ toFake: ['Date'] });
      await open();
      expect(await store.claim('lease', 'a', 30_000)).toBe(true);
      vi.setSystemTime(Date.now() + 29_000);
      expect(await store.claim('lease', 'b', 30_000)).toBe(false);
      vi.setSystemTime(Date.now() + 2_000);
      expect(await store.claim('lease', 'b', 30_000)).toBe(true);
    });

    it('claims do not collide with records of the same key', async () => {
      await open();
      await store.set('same', { id: 'r', count: 1 });
      expect(await store.claim('same', 'x', 60_000)).toBe(true);
      expect(await store.get('same', Record)).toEqual({ id: 'r', count: 1 });
    });
  });
}

describe('sqlite store on disk', () => {
  it('keeps records and claims across a reopen (a restart)', async () => {
    const config: StoreConfig = { kind: 'sqlite', path: join(dir, 'nested', 'dir', 'restart.db') };
    const first = await createKeyvStore(config);
    await first.set('incident:7', { id: '7', count: 3 });
    expect(await first.claim('approve:7', 'alice', 60_000)).toBe(true);
    await first.close();

    const second = await createKeyvStore(config);
    try {
      expect(await second.get('incident:7', Record)).toEqual({ id: '7', count: 3 });
      expect(await second.claim('approve:7', 'bob', 60_000)).toBe(false);
    } finally {
      await second.close();
    }
  });

  it('two stores on one file in one process still give one claim', async () => {
    const config: StoreConfig = { kind: 'sqlite', path: join(dir, 'shared.db') };
    const [a, b] = await Promise.all([createKeyvStore(config), createKeyvStore(config)]);
    try {
      // Both connections open and idle, as in a running process; then clicks arrive through either store.
      await Promise.all([a.get('warm-up', Record), b.get('warm-up', Record)]);
      const results = await Promise.all(
        Array.from({ length: 10 }, (_, index) =>
          (index % 2 === 0 ? a : b).claim('approve:x', `c${index}`, 60_000),
        ),
      );
      expect(results.filter(Boolean)).toHaveLength(1);
    } finally {
      await Promise.all([a.close(), b.close()]);
    }
  });
});

describe.skipIf(!HAVE_REDIS)(
  `redis store shared by two replicas${HAVE_REDIS ? '' : ` (${NO_REDIS_REASON})`}`,
  () => {
    it('100 claims from two clients: one winner', async () => {
      const url = `${redis!.url}/15`;
      const [a, b] = await Promise.all([
        createKeyvStore({ kind: 'redis', url }),
        createKeyvStore({ kind: 'redis', url }),
      ]);
      try {
        const results = await Promise.all(
          Array.from({ length: 100 }, (_, index) =>
            (index % 2 === 0 ? a : b).claim('approve:r', `c${index}`, 60_000),
          ),
        );
        expect(results.filter(Boolean)).toHaveLength(1);
        await a.set('incident:r', { id: 'r', count: 1 });
        expect(await b.get('incident:r', Record)).toEqual({ id: 'r', count: 1 });
      } finally {
        await Promise.all([a.close(), b.close()]);
      }
    });
  },
);

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}

/** A throwaway redis-server (no persistence) on a free port, ready when it says so. */
async function startRedis(): Promise<{ process: ChildProcess; url: string }> {
  const port = await freePort();
  const child = spawn(
    'redis-server',
    ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no', '--databases', '16'],
    { stdio: ['ignore', 'pipe', 'pipe'] },
  );
  await new Promise<void>((resolve, reject) => {
    let output = '';
    child.stdout.on('data', (chunk: Buffer) => {
      output += chunk.toString();
      if (output.includes('Ready to accept connections')) resolve();
    });
    child.once('exit', (code) => reject(new Error(`redis-server exited with ${code}: ${output}`)));
  });
  return { process: child, url: `redis://127.0.0.1:${port}` };
}
