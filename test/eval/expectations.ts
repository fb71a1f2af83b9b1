/** The public scenarios' expected diagnosis (manifests/scenarios/expectations.yaml), read by the eval and tests. */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';
import { z } from 'zod';
import { SCENARIOS_DIR } from '../../src/paths.js';

const Expectation = z.object({
  namespace: z.string(),
  category: z.string(),
  action: z.string(),
  params: z.record(z.string(), z.unknown()).optional(),
});
export type Expectation = z.infer<typeof Expectation>;

export function loadExpectations(): Record<string, Expectation> {
  const raw: unknown = parse(readFileSync(join(SCENARIOS_DIR, 'expectations.yaml'), 'utf8'));
  return z.record(z.string(), Expectation).parse(raw);
}

/** True when every key of `expected` is in `actual` with a deep-equal (subset-matching) value. */
export function matchesSubset(actual: unknown, expected: unknown): boolean {
  if (expected === null || typeof expected !== 'object') return actual === expected;
  if (actual === null || typeof actual !== 'object') return false;
  return Object.entries(expected).every(([key, value]) =>
    matchesSubset((actual as Record<string, unknown>)[key], value),
  );
}
