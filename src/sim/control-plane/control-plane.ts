/**
 * Runs the control-plane components on the virtual clock.
 *
 * `settle()` reconciles until the cluster stops changing; `advance(ms)` moves virtual time forward, stopping at
 * every instant a component asked to be woken (rounded up to whole seconds, like Kubernetes timestamps) and
 * settling there. Tests move time explicitly; `startRealTime(speed)` drives the clock from the wall clock for
 * `sre-bot sim`, and writes from clients trigger a settle on the next tick.
 */
import type { ClusterApi } from '../api/cluster-api.js';
import type { VirtualClock } from '../clock.js';
import type { Controller } from './controller.js';

const MAX_SETTLE_ROUNDS = 200;
const MAX_STEPS_PER_ADVANCE = 100_000;

export class ControlPlane {
  readonly #controllers: Controller[];
  #settling = false;
  #pendingSettle: NodeJS.Immediate | undefined;
  #realTime: NodeJS.Timeout | undefined;
  #lastError: unknown;

  constructor(
    private readonly api: ClusterApi,
    private readonly clock: VirtualClock,
    controllers: Controller[],
  ) {
    this.#controllers = controllers;
    api.onWrite(() => this.#scheduleSettle());
  }

  get controllers(): readonly Controller[] {
    return this.#controllers;
  }

  /** The last error a component threw while running in the background (tests assert it stays undefined). */
  get lastError(): unknown {
    return this.#lastError;
  }

  /** Reconciles until a full round changes nothing. */
  settle(): void {
    if (this.#settling) return;
    this.#settling = true;
    try {
      for (let round = 0; round < MAX_SETTLE_ROUNDS; round += 1) {
        const before = this.api.store.resourceVersion;
        for (const controller of this.#controllers) controller.reconcile();
        if (this.api.store.resourceVersion === before) return;
      }
      throw new Error(`control plane did not settle after ${MAX_SETTLE_ROUNDS} rounds`);
    } finally {
      this.#settling = false;
    }
  }

  /** Moves virtual time forward by `ms`, running every timer that falls inside. */
  advance(ms: number): void {
    this.advanceTo(this.clock.now() + ms);
  }

  advanceTo(target: number): void {
    this.settle();
    for (let step = 0; step < MAX_STEPS_PER_ADVANCE; step += 1) {
      const wakeup = this.nextWakeup();
      if (wakeup === undefined || wakeup > target) break;
      this.clock.set(Math.max(wakeup, this.clock.now() + 1));
      this.settle();
    }
    this.clock.set(target);
    this.settle();
  }

  /** The earliest future instant any component needs, rounded up to the next whole second. */
  nextWakeup(): number | undefined {
    let earliest: number | undefined;
    for (const controller of this.#controllers) {
      const wakeup = controller.nextWakeup?.();
      if (wakeup !== undefined && (earliest === undefined || wakeup < earliest)) earliest = wakeup;
    }
    if (earliest === undefined) return undefined;
    const now = this.clock.now();
    return Math.max(Math.ceil(earliest / 1000) * 1000, now + 1);
  }

  /** Drives virtual time from the wall clock, `speed` times faster, until stopped. */
  startRealTime(speed: number, tickMs = 100): void {
    this.stopRealTime();
    let wallBefore = Date.now();
    this.#realTime = setInterval(() => {
      const wallNow = Date.now();
      const elapsed = (wallNow - wallBefore) * speed;
      wallBefore = wallNow;
      this.#guard(() => this.advance(elapsed));
    }, tickMs);
    this.#realTime.unref();
  }

  stopRealTime(): void {
    if (this.#realTime) clearInterval(this.#realTime);
    this.#realTime = undefined;
    if (this.#pendingSettle) clearImmediate(this.#pendingSettle);
    this.#pendingSettle = undefined;
  }

  /** After a client write, reconcile soon (not inside the request, so the response goes out first). */
  #scheduleSettle(): void {
    if (this.#settling || this.#pendingSettle) return;
    this.#pendingSettle = setImmediate(() => {
      this.#pendingSettle = undefined;
      this.#guard(() => this.settle());
    });
  }

  #guard(work: () => void): void {
    try {
      work();
    } catch (error) {
      this.#lastError = error;
      process.stderr.write(
        `sim control plane: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`,
      );
    }
  }
}
