/**
 * Slack message timestamps: `seconds.microseconds` with six digits (`1700000000.000100`). They identify a
 * message within a channel, so they must be unique and, like Slack's, increase: bots sort and compare them.
 */
export function createTsGenerator(now: () => number): () => string {
  let lastMicros = 0;
  return () => {
    // Two posts in the same millisecond still get distinct, increasing values.
    const micros = Math.max(Math.floor(now() * 1000), lastMicros + 1);
    lastMicros = micros;
    const seconds = Math.floor(micros / 1_000_000);
    return `${seconds}.${String(micros % 1_000_000).padStart(6, '0')}`;
  };
}

/** Compare two ts strings by seconds, then microseconds (a float would round away the last digits). */
export function compareTs(a: string, b: string): number {
  const [aSeconds = '0', aMicros = '0'] = a.split('.');
  const [bSeconds = '0', bMicros = '0'] = b.split('.');
  return (
    Number(aSeconds) - Number(bSeconds) || Number(aMicros.padEnd(6, '0')) - Number(bMicros.padEnd(6, '0'))
  );
}
