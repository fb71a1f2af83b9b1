/** WorkTracker: background work is held until it settles, failures are logged (never unhandled), idle() waits. */
import { Writable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { createLogger } from '../../src/log.js';
import { WorkTracker } from '../../src/slack/work-tracker.js';

function capturingLogger() {
  const lines: Record<string, unknown>[] = [];
  const sink = new Writable({
    write(chunk: Buffer, _encoding, done) {
      for (const line of chunk.toString().split('\n').filter(Boolean))
        lines.push(JSON.parse(line) as Record<string, unknown>);
      done();
    },
  });
  return { logger: createLogger('info', sink), lines };
}

function gate() {
  let open!: () => void;
  let fail!: (error: Error) => void;
  const opened = new Promise<void>((resolve, reject) => {
    open = resolve;
    fail = reject;
  });
  return { opened, open, fail };
}

describe('WorkTracker', () => {
  it('counts running work and becomes idle when all of it settles', async () => {
    const { logger } = capturingLogger();
    const tracker = new WorkTracker(logger);
    const first = gate();
    const second = gate();
    tracker.run('diagnose payments', () => first.opened);
    tracker.run('diagnose ledger', () => second.opened);
    expect(tracker.size).toBe(2);
    first.open();
    second.open();
    expect(await tracker.idle()).toBe(true);
    expect(tracker.size).toBe(0);
  });

  it('logs a failure with what was running, and forgets it', async () => {
    const { logger, lines } = capturingLogger();
    const tracker = new WorkTracker(logger);
    const work = gate();
    tracker.run('approve inc-1', () => work.opened);
    work.fail(new Error('cluster unreachable'));
    expect(await tracker.idle()).toBe(true);
    expect(lines).toContainEqual(
      expect.objectContaining({
        level: 50,
        what: 'approve inc-1',
        msg: 'background work failed',
        err: expect.objectContaining({ message: 'cluster unreachable' }),
      }),
    );
  });

  it('work that throws before returning its promise is contained too', async () => {
    const { logger, lines } = capturingLogger();
    const tracker = new WorkTracker(logger);
    const work = (): Promise<unknown> => {
      throw new TypeError('bad input');
    };
    expect(() => tracker.run('boom', work)).not.toThrow();
    expect(await tracker.idle()).toBe(true);
    expect(lines.map((line) => line.what)).toEqual(['boom']);
  });

  it('idle() gives up after its timeout and says so', async () => {
    const { logger } = capturingLogger();
    const tracker = new WorkTracker(logger);
    const never = gate();
    tracker.run('stuck', () => never.opened);
    expect(await tracker.idle(0)).toBe(false);
    expect(tracker.size).toBe(1);
    never.open();
    expect(await tracker.idle()).toBe(true);
  });

  it('idle() with nothing running is immediate', async () => {
    expect(await new WorkTracker(capturingLogger().logger).idle()).toBe(true);
  });
});
