/**
 * The simulated cluster's virtual clock. Everything in the control plane reads time from here, so tests move
 * time forward instantly (back-off schedules, progress deadlines) instead of sleeping.
 */
export class VirtualClock {
  #nowMs: number;

  constructor(startMs: number = Date.now()) {
    // Kubernetes timestamps have second precision; starting on a whole second keeps them exact.
    this.#nowMs = Math.floor(startMs / 1000) * 1000;
  }

  now(): number {
    return this.#nowMs;
  }

  /** Moves time to `ms` (never backwards). Only the control plane calls this; see ControlPlane.advance. */
  set(ms: number): void {
    if (ms > this.#nowMs) this.#nowMs = ms;
  }

  /** metav1.Time: `2006-01-02T15:04:05Z` (no fraction). */
  nowTime(): string {
    return formatTime(this.#nowMs);
  }

  /** metav1.MicroTime: `2006-01-02T15:04:05.000000Z` (exactly six fractional digits). */
  nowMicroTime(): string {
    return formatMicroTime(this.#nowMs);
  }
}

export function formatTime(ms: number): string {
  return new Date(Math.floor(ms / 1000) * 1000).toISOString().replace('.000Z', 'Z');
}

export function formatMicroTime(ms: number): string {
  return new Date(ms).toISOString().replace(/\.(\d{3})Z$/, '.$1000Z');
}

/** Parses metav1.Time / MicroTime strings; undefined for null, absent or malformed values. */
export function parseTime(value: unknown): number | undefined {
  if (typeof value !== 'string') return undefined;
  const ms = Date.parse(value);
  return Number.isNaN(ms) ? undefined : ms;
}
