/** Shared assertions for the patch and selector tests. */
import { expect } from 'vitest';
import { ApiError } from '../../../src/sim/errors.js';

/** Runs `fn` and returns the ApiError it throws (fails the test if it throws anything else or nothing). */
export function catchApiError(fn: () => unknown): ApiError {
  try {
    fn();
  } catch (err) {
    expect(err).toBeInstanceOf(ApiError);
    return err as ApiError;
  }
  throw new Error('expected an ApiError, nothing was thrown');
}

/** Asserts the metav1.Status an ApiError carries: code, reason and (exact) message. */
export function expectStatus(
  fn: () => unknown,
  code: number,
  reason: string,
  message: string | RegExp,
): ApiError {
  const err = catchApiError(fn);
  expect(err.status.code).toBe(code);
  expect(err.status.reason).toBe(reason);
  if (typeof message === 'string') expect(err.status.message).toBe(message);
  else expect(err.status.message).toMatch(message);
  return err;
}

/** Recursively freezes a value, so any in-place mutation by the code under test throws (ESM is strict mode). */
export function deepFreeze<T>(value: T): T {
  if (typeof value === 'object' && value !== null) {
    for (const child of Object.values(value)) deepFreeze(child);
    Object.freeze(value);
  }
  return value;
}

export const REJECTED = 'the server rejected our request due to an error in our request';

/** Reads a dotted path (`spec.template.spec.containers.0.env`) out of a JSON value; undefined when absent. */
export function at(value: unknown, path: string): unknown {
  let node = value;
  for (const part of path === '' ? [] : path.split('.')) {
    if (typeof node !== 'object' || node === null) return undefined;
    node = (node as Record<string, unknown>)[part];
  }
  return node;
}
