/** Quantity comparison for validation and QoS classes, on top of the simulator's quantity parser. */
export { parseQuantity } from '../../kube/quantity.js';

/**
 * Equality with a tolerance for floating-point noise: quantities are parsed to plain numbers, and `0.1`+`0.2`
 * cores must still equal `300m`.
 */
export function sameQuantity(a: number, b: number): boolean {
  return Math.abs(a - b) <= Math.max(Math.abs(a), Math.abs(b)) * 1e-12;
}
