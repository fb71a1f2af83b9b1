/**
 * Kubernetes resource quantities (`500m`, `2`, `300Mi`, `1.5Gi`, `1e3`, `128974848`), parsed to numbers:
 * CPU in millicores, everything else in base units (bytes, counts). Enough precision for scheduling and quota
 * arithmetic; formatting gives the canonical short form used in messages (`512Mi`, `1500m`). Shared by the
 * analyzers (requests vs. allocatable and quota room) and the simulated cluster (scheduling, quota, OOM).
 */
const BINARY: Record<string, number> = {
  Ki: 2 ** 10,
  Mi: 2 ** 20,
  Gi: 2 ** 30,
  Ti: 2 ** 40,
  Pi: 2 ** 50,
  Ei: 2 ** 60,
};
const DECIMAL: Record<string, number> = {
  n: 1e-9,
  u: 1e-6,
  m: 1e-3,
  '': 1,
  k: 1e3,
  M: 1e6,
  G: 1e9,
  T: 1e12,
  P: 1e15,
  E: 1e18,
};

const PATTERN = /^([+-]?(?:\d+\.?\d*|\.\d+))(?:([eE][+-]?\d+)|(Ki|Mi|Gi|Ti|Pi|Ei|n|u|m|k|M|G|T|P|E))?$/;

/** The quantity's value in base units (cores for CPU); undefined when malformed. */
export function parseQuantity(text: string | number | undefined): number | undefined {
  if (text === undefined) return undefined;
  if (typeof text === 'number') return text;
  const match = PATTERN.exec(text.trim());
  if (!match) return undefined;
  const [, digits, exponent, suffix] = match;
  const value = Number(digits);
  if (exponent) return value * 10 ** Number(exponent.slice(1));
  if (suffix && suffix in BINARY) return value * BINARY[suffix]!;
  return value * (DECIMAL[suffix ?? ''] ?? 1);
}

/** CPU in millicores (`500m` ⇒ 500, `2` ⇒ 2000). */
export function parseMillicores(text: string | number | undefined): number | undefined {
  const value = parseQuantity(text);
  return value === undefined ? undefined : Math.round(value * 1000);
}

/** Memory-style quantities in bytes, rounded to a whole byte. */
export function parseBytes(text: string | number | undefined): number | undefined {
  const value = parseQuantity(text);
  return value === undefined ? undefined : Math.round(value);
}

/** `1536Mi`, `2Gi`, `1000` — the largest binary suffix that divides evenly, as kubectl prints memory. */
export function formatBytes(bytes: number): string {
  for (const suffix of ['Ei', 'Pi', 'Ti', 'Gi', 'Mi', 'Ki'] as const) {
    const unit = BINARY[suffix]!;
    if (bytes >= unit && bytes % unit === 0) return `${bytes / unit}${suffix}`;
  }
  return String(bytes);
}

/** `1500m`, `2` — millicores as the API prints them. */
export function formatMillicores(millicores: number): string {
  return millicores % 1000 === 0 ? String(millicores / 1000) : `${millicores}m`;
}

export const MEBIBYTE = 2 ** 20;

/** A resource amount in the unit requests and limits are compared in: millicores for `cpu`, base units otherwise. */
export function parseResource(resource: string, text: string | undefined): number | undefined {
  return resource === 'cpu' || resource.endsWith('.cpu') ? parseMillicores(text) : parseBytes(text);
}

/** Formats an amount produced by `parseResource` for the given resource name. */
export function formatResource(resource: string, amount: number): string {
  return resource === 'cpu' || resource.endsWith('.cpu') ? formatMillicores(amount) : formatBytes(amount);
}
