/**
 * Time as a port: verification waits and measures durations through it, so tests against the simulated cluster
 * can run on the sim's virtual clock instead of sleeping.
 */
export type Clock = {
  now(): Date;
  sleep(ms: number): Promise<void>;
};

export const systemClock: Clock = {
  now: () => new Date(),
  sleep: (ms) => new Promise((resolve) => setTimeout(resolve, ms)),
};
