/**
 * Quota arithmetic on resource quantities, printed the way Go's `resource.Quantity.String()` prints them in
 * quota status and in the admission message (`requests.cpu=1500m`, `limits.memory=1536Mi`): binary-suffixed
 * amounts stay binary (largest suffix that divides evenly), others use the largest decimal suffix that leaves an
 * integer. A sum keeps the format of its first term, as `Quantity.Add` does.
 */
import { parseQuantity } from '../../../kube/quantity.js';

export type Amount = { value: number; binary: boolean };

export const ZERO: Amount = { value: 0, binary: false };

const BINARY_SUFFIXES: [string, number][] = [
  ['Ei', 2 ** 60],
  ['Pi', 2 ** 50],
  ['Ti', 2 ** 40],
  ['Gi', 2 ** 30],
  ['Mi', 2 ** 20],
  ['Ki', 2 ** 10],
];
const DECIMAL_SUFFIXES: [string, number][] = [
  ['E', 18],
  ['P', 15],
  ['T', 12],
  ['G', 9],
  ['M', 6],
  ['k', 3],
  ['', 0],
  ['m', -3],
  ['u', -6],
  ['n', -9],
];

/** An integer of at least 1, allowing for floating-point noise (`0.1 + 0.2` cores is `300m`). */
const isWhole = (value: number): boolean =>
  Math.abs(value) >= 1 && Math.abs(value - Math.round(value)) <= 1e-9 * Math.abs(value);

export function parseAmount(text: string | number | undefined): Amount | undefined {
  const value = parseQuantity(text);
  if (value === undefined) return undefined;
  return { value, binary: typeof text === 'string' && /[KMGTPE]i$/.test(text.trim()) };
}

export function addAmounts(left: Amount | undefined, right: Amount): Amount {
  return left ? { value: left.value + right.value, binary: left.binary } : right;
}

export function formatAmount({ value, binary }: Amount): string {
  if (value === 0) return '0';
  if (binary && isWhole(value)) {
    for (const [suffix, unit] of BINARY_SUFFIXES) {
      if (Math.abs(value) >= unit && isWhole(value / unit)) return `${Math.round(value / unit)}${suffix}`;
    }
    if (Math.abs(value) < 1024) return String(Math.round(value));
  }
  for (const [suffix, exponent] of DECIMAL_SUFFIXES) {
    const mantissa = value / 10 ** exponent;
    if (isWhole(mantissa)) return `${Math.round(mantissa)}${suffix}`;
  }
  return String(value);
}
