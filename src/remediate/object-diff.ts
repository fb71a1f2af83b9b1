/** A unified diff of an object before and after a change, as YAML — what `kubectl diff` shows. */
import { createTwoFilesPatch } from 'diff';
import { stringify } from 'yaml';
import { maskSensitiveEnv } from '../observe/redact.js';

/** Fields that change on every write and say nothing about the fix. */
function withoutNoise(object: unknown): unknown {
  if (!object || typeof object !== 'object') return object;
  const copy = structuredClone(object) as { metadata?: Record<string, unknown>; status?: unknown };
  delete copy.status;
  if (copy.metadata) {
    delete copy.metadata.managedFields;
    delete copy.metadata.resourceVersion;
    delete copy.metadata.generation;
    delete copy.metadata.uid;
    delete copy.metadata.creationTimestamp;
    const annotations = copy.metadata.annotations as Record<string, string> | undefined;
    if (annotations) delete annotations['kubectl.kubernetes.io/last-applied-configuration'];
  }
  return copy;
}

/**
 * The diff is shown to people (Slack thread, CLI): both sides go through `scrub` — by default the masking of
 * sensitive env entries, a changed one as `[REDACTED] (changed)` so the diff still shows that it changes.
 */
export function yamlDiff(
  label: string,
  before: unknown,
  after: unknown,
  scrub: <T>(value: T, before?: unknown) => T = maskSensitiveEnv,
): string {
  const left = stringify(scrub(withoutNoise(before)), { lineWidth: 0 });
  const right = stringify(scrub(withoutNoise(after), withoutNoise(before)), { lineWidth: 0 });
  const patch = createTwoFilesPatch(
    `${label} (live)`,
    `${label} (after fix, server dry run)`,
    left,
    right,
    '',
    '',
    { context: 3 },
  );
  // Drop the `Index:`/`===` preamble: the two file headers say everything.
  return patch
    .split('\n')
    .filter((line) => !line.startsWith('Index:') && !/^=+$/.test(line))
    .join('\n')
    .trimEnd();
}

/** True when the diff shows no changed line (only headers). */
export function isEmptyDiff(diff: string): boolean {
  return !diff.split('\n').some((line) => /^[+-](?![+-]{2} )/.test(line));
}
