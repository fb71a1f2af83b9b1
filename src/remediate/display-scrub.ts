/**
 * What people are shown of an object or a patch — the dry-run diff, the execution log — comes from the live
 * cluster, not from the observer's masked snapshot, so it is scrubbed here: sensitive env entries masked
 * (maskSensitiveEnv), then every string cleaned like a log line (token shapes, credentials in URLs, secret
 * flags) and of the namespace's Secret values wherever they were pasted. The cluster and the undo records keep
 * the real values.
 */
import type { KubePort } from '../kube/port.js';
import { maskSensitiveEnv, redactText } from '../observe/redact.js';

/** `before`, when given, lets a changed sensitive value show as `[REDACTED] (changed)`. */
export type DisplayScrub = <T>(value: T, before?: unknown) => T;

export async function displayScrubber(kube: KubePort, namespace: string): Promise<DisplayScrub> {
  let secretValues: (text: string) => string = (text) => text;
  try {
    secretValues = (await kube.listKeySets('Secret', namespace)).scrub;
  } catch {
    // No right to list Secrets (a 403): their values cannot be recognised, token shapes still are.
  }
  const clean = (text: string) => redactText(secretValues(text));
  return <T>(value: T, before?: unknown): T => mapStrings(maskSensitiveEnv(value, before), clean) as T;
}

function mapStrings(value: unknown, map: (text: string) => string): unknown {
  if (typeof value === 'string') return map(value);
  if (Array.isArray(value)) return value.map((item) => mapStrings(item, map));
  if (value && typeof value === 'object')
    return Object.fromEntries(Object.entries(value).map(([key, item]) => [key, mapStrings(item, map)]));
  return value;
}
