/** Small helpers the benchmarks share: percentiles and aligned figure lines. */
export function percentile(values: number[], p: number): number {
  if (values.length === 0) return Number.NaN;
  const sorted = [...values].sort((a, b) => a - b);
  const index = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1));
  return sorted[index]!;
}

export function figure(label: string, value: string, target?: string): void {
  process.stdout.write(
    `   ${label.padEnd(58)} ${value.padStart(12)}${target ? `   (target ${target})` : ''}\n`,
  );
}

export function ms(value: number): string {
  return `${value.toFixed(1)} ms`;
}

export function mib(bytes: number): string {
  return `${(bytes / 1024 / 1024).toFixed(1)} MiB`;
}
