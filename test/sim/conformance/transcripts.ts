/**
 * The kubectl 1.32 request transcripts (test/fixtures/kubectl-1.32-transcripts.txt, captured with the real
 * kubectl against a logging fake server): parsing, and the normalisation that makes a transcript request and a
 * request the sim received comparable — names, uids, resourceVersions, random timeouts, hashes and timestamps
 * differ between any two clusters, the rest (method, path, query parameters, Accept, Content-Type) must not.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

export const TRANSCRIPTS_PATH = join(
  import.meta.dirname,
  '..',
  '..',
  'fixtures',
  'kubectl-1.32-transcripts.txt',
);

export type TranscriptRequest = {
  method: string;
  /** Path and query as sent. */
  url: string;
  accept: string | undefined;
  contentType: string | undefined;
  body: string | undefined;
};

export type Transcript = {
  /** The command line after `kubectl `, exactly as in the file (the key test cases are looked up by). */
  command: string;
  args: string[];
  output: string[];
  requests: TranscriptRequest[];
};

export function loadTranscripts(path = TRANSCRIPTS_PATH): Transcript[] {
  const transcripts: Transcript[] = [];
  let current: Transcript | undefined;
  let request: TranscriptRequest | undefined;
  let inRequests = false;
  for (const line of readFileSync(path, 'utf8').split('\n')) {
    if (line.startsWith('#') || line.trim() === '') continue;
    if (line.startsWith('$ kubectl ')) {
      const command = line.slice('$ kubectl '.length);
      // No transcript argument contains a space (the -p patches are compact JSON), so a split is exact.
      current = { command, args: command.split(' '), output: [], requests: [] };
      transcripts.push(current);
      request = undefined;
      inRequests = false;
      continue;
    }
    if (!current) throw new Error(`transcript line outside a command: ${line}`);
    if (line.startsWith('  | ')) current.output.push(line.slice(4));
    else if (line === '  |') current.output.push('');
    else if (line.startsWith('  -- requests:')) inRequests = true;
    else if (inRequests && /^ {2}[A-Z]+ \//.test(line)) {
      const [method, url] = line.trim().split(' ') as [string, string];
      request = { method, url, accept: undefined, contentType: undefined, body: undefined };
      current.requests.push(request);
    } else if (request && line.startsWith('      Accept: ')) request.accept = line.slice(14);
    else if (request && line.startsWith('      Content-Type: ')) request.contentType = line.slice(20);
    else if (request && line.startsWith('      Body: ')) request.body = line.slice(12);
    else throw new Error(`unexpected transcript line under "${current.command}": ${line}`);
  }
  return transcripts;
}

/** Values that differ between two clusters or two runs; replaced by placeholders before comparing. */
export type Renames = ReadonlyMap<string, string>;

export type ComparableRequest = {
  method: string;
  path: string;
  /** `key=value` pairs, decoded and sorted, volatile values replaced. */
  query: string[];
  accept: string;
  contentType: string;
};

/**
 * Discovery is cached by kubectl (and each test gets a fresh cache), so whether `/api`, `/apis` and the legacy
 * per-group-version documents are fetched depends only on the cache: they are compared separately.
 */
export function isDiscovery(path: string): boolean {
  return /^\/(api|apis)(\/[^/]+){0,2}$/.test(path) && !/^\/api\/v1\/[^/]+/.test(path);
}

export function comparable(
  request: { method: string; url: string; accept: string | undefined; contentType: string | undefined },
  renames: Renames,
): ComparableRequest {
  const url = new URL(request.url, 'http://sim.local');
  const query = [...url.searchParams.entries()]
    .map(([key, value]) => `${key}=${normaliseQueryValue(key, rename(value, renames))}`)
    .sort();
  return {
    method: request.method,
    path: rename(decodeURIComponent(url.pathname), renames),
    query,
    accept: request.accept ?? '',
    contentType: request.contentType ?? '',
  };
}

function normaliseQueryValue(key: string, value: string): string {
  switch (key) {
    // resourceVersion=0 means "any" and is part of the protocol; any other value is a cluster's revision.
    case 'resourceVersion':
      return value === '0' ? '0' : '<rv>';
    // kubectl picks a random watch timeout in [300, 600) seconds.
    case 'timeoutSeconds':
      return Number(value) >= 300 && Number(value) < 600 ? '<random 300..600>' : value;
    case 'hash':
      return '<hash>';
    // describe builds its event field selector from a Go map: the terms come in any order.
    case 'fieldSelector':
      return value
        .replace(/involvedObject\.uid=[^,]+/, 'involvedObject.uid=<uid>')
        .split(',')
        .sort()
        .join(',');
    default:
      return value;
  }
}

/** Replaces every renamed value (longest first, so a pod name wins over its ReplicaSet's). */
export function rename(text: string, renames: Renames): string {
  let result = text;
  for (const [from, to] of [...renames].sort((a, b) => b[0].length - a[0].length)) {
    result = result.split(from).join(to);
  }
  return result;
}

/**
 * A request body made comparable: JSON re-serialised with volatile fields (uid, resourceVersion, timestamps)
 * replaced. Returns undefined for an absent body.
 */
export function comparableBody(body: string | undefined, renames: Renames): unknown {
  if (body === undefined || body.trim() === '') return undefined;
  const parsed: unknown = JSON.parse(rename(body, renames));
  return scrub(parsed);
}

function scrub(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(scrub);
  if (value === null || typeof value !== 'object') {
    if (typeof value === 'string' && /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d+)?Z$/.test(value)) return '<time>';
    return value;
  }
  const result: Record<string, unknown> = {};
  for (const [key, entry] of Object.entries(value)) {
    if (key === 'uid' || key === 'resourceVersion') result[key] = `<${key}>`;
    else result[key] = scrub(entry);
  }
  return result;
}
