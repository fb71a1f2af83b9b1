/**
 * `npm run bench [-- NAME…]`: runs the benchmarks and prints their figures. Targets are printed beside the
 * measurements for the reader; nothing here fails a build (speed is measured, never asserted in tests).
 */
type Benchmark = { name: string; run: () => Promise<void> };

const BENCHMARKS: Benchmark[] = [
  { name: 'diagnosis', run: async () => (await import('./diagnosis.js')).run() },
  { name: 'slack', run: async () => (await import('./slack.js')).run() },
  { name: 'alert-storm', run: async () => (await import('./alert-storm.js')).run() },
  { name: 'sim', run: async () => (await import('./sim.js')).run() },
];

const wanted = process.argv.slice(2);
for (const benchmark of BENCHMARKS) {
  if (wanted.length > 0 && !wanted.includes(benchmark.name)) continue;
  process.stdout.write(`\n== ${benchmark.name} ==\n`);
  const started = performance.now();
  await benchmark.run();
  process.stdout.write(`   (${((performance.now() - started) / 1000).toFixed(1)} s)\n`);
}
process.exit(0);
