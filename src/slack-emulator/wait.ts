/**
 * Waiting for the bot to do something. The probe runs at once, after every state change (the bot's calls wake
 * it), and on a coarse timer for probes that read something else; nobody sleeps a fixed time and hopes.
 */
import type { EmulatorState } from './state.js';

export const DEFAULT_WAIT_MS = 5000;

/** Resolves with the probe's first truthy result; rejects after `timeoutMs` with `what` in the message. */
export function waitFor<T>(
  state: EmulatorState,
  probe: () => T | undefined | null | false,
  timeoutMs = DEFAULT_WAIT_MS,
  what = 'condition',
): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    let settled = false;
    const finish = (outcome: () => void) => {
      if (settled) return;
      settled = true;
      clearTimeout(deadline);
      clearInterval(poll);
      unsubscribe();
      outcome();
    };
    const check = () => {
      if (settled) return;
      let value: T | undefined | null | false;
      try {
        value = probe();
      } catch (error) {
        finish(() => reject(error instanceof Error ? error : new Error(String(error))));
        return;
      }
      if (value !== undefined && value !== null && value !== false) {
        const found = value;
        finish(() => resolve(found));
      }
    };
    const unsubscribe = state.onChange(check);
    const poll = setInterval(check, 100);
    const deadline = setTimeout(
      () =>
        finish(() =>
          reject(new Error(`slack emulator: timed out after ${timeoutMs} ms waiting for ${what}`)),
        ),
      timeoutMs,
    );
    check();
  });
}
