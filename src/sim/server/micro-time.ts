/**
 * Strict decoding of metav1.MicroTime fields in request bodies (reference §0.17, §6.2.8). The real apiserver
 * parses them with the Go layout `2006-01-02T15:04:05.000000Z07:00` — exactly six fractional digits — so a JS
 * `Date` serialised as `…09.164Z` is a 400, and a lease or event client that works against the sim must also
 * work against a real cluster. Plain metav1.Time fields accept any RFC 3339 form and are not checked here.
 */
import type { KubeObject } from '../../kube/types.js';
import { errors } from '../errors.js';
import type { ResourceDescriptor } from '../resources/descriptor.js';

const LAYOUT = '2006-01-02T15:04:05.000000Z07:00';

/** MicroTime fields per kind (k8s.io/api: coordination/v1 LeaseSpec, core/v1 and events/v1 Event). */
const MICRO_TIME_FIELDS: Record<string, string[][]> = {
  Lease: [
    ['spec', 'acquireTime'],
    ['spec', 'renewTime'],
  ],
  Event: [['eventTime'], ['series', 'lastObservedTime']],
};

/** Throws the real decode error (400) when a MicroTime field of `body` is not in the six-digit layout. */
export function checkMicroTimes(descriptor: ResourceDescriptor, body: KubeObject): void {
  for (const path of MICRO_TIME_FIELDS[descriptor.kind] ?? []) {
    let value: unknown = body;
    for (const segment of path) {
      value =
        value !== null && typeof value === 'object' ? (value as Record<string, unknown>)[segment] : undefined;
    }
    if (value === undefined || value === null) continue;
    const problem =
      typeof value === 'string' ? parseProblem(value) : `cannot parse ${JSON.stringify(value)} as "2006"`;
    if (problem === undefined) continue;
    const version = descriptor.version;
    throw errors.badRequest(
      `${descriptor.kind} in version "${version}" cannot be handled as a ${descriptor.kind}: ` +
        `parsing time ${JSON.stringify(value)} as "${LAYOUT}": ${problem}`,
    );
  }
}

/**
 * Where Go's time.Parse stops, phrased as it does (`cannot parse "<rest of value>" as "<layout element>"`);
 * undefined when the value parses.
 */
function parseProblem(value: string): string | undefined {
  const match = /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d/.exec(value);
  if (!match) return `cannot parse ${JSON.stringify(value)} as "2006"`;
  const rest = value.slice(match[0].length);
  // `.000000` takes a dot and exactly six digits; fewer (or none) fails on the fraction element.
  if (!/^\.\d{6}/.test(rest)) return `cannot parse ${JSON.stringify(rest)} as ".000000"`;
  const zone = rest.slice(7);
  if (zone === 'Z' || /^[+-]\d\d:\d\d$/.test(zone)) return undefined;
  return `cannot parse ${JSON.stringify(zone)} as "Z07:00"`;
}
