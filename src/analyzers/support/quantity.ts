/**
 * Kubernetes resource quantities (`500m`, `2`, `300Mi`, `1.5Gi`, `1e3`) as numbers: CPU in millicores, memory in
 * bytes. The analyzers compare requests with node allocatable and quota room, and format the numbers they print.
 */
const BINARY: Readonly<Record<string, number>> = {
  Ki: 2 ** 10,
  Mi: 2 ** 20,
  Gi: 2 ** 30,
  Ti: 2 ** 40,
  Pi: 2 ** 50,
};
const DECIMAL: Readonly<Record<string, number>> = {
  m: 1e-3,
  '': 1,
  k: 1e3,
  M: 1e6,
  G: 1e9,
  T: 1e12,
  P: 1e15,
};
const PATTERN = /^(\d+(?:\.\d+)?|\.\d+)(?:[eE](-?\d+)|(Ki|Mi|Gi|Ti|Pi|m|k|M|G|T|P))?$/;

export const MEBIBYTE = 2 ** 20;

/** The quantity in base units (cores for CPU, bytes for memory); undefined when absent or malformed. */
export function parseQuantity(text: string | undefined): number | undefined {
  if (text === undefined) return undefined;
  const match = PATTERN.exec(text.trim());
  if (!match) return undefined;
  const [, digits, exponent, suffix = ''] = match;
  const value = Number(digits);
  if (exponent !== undefined) return value * 10 ** Number(exponent);
  return value * (BINARY[suffix] ?? DECIMAL[suffix] ?? 1);
}

/** A resource amount in the unit the analyzers compare: millicores for `cpu`, base units otherwise. */
export function parseResource(resource: string, text: string | undefined): number | undefined {
  const value = parseQuantity(text);
  if (value === undefined) return undefined;
  return resource === 'cpu' || resource.endsWith('.cpu') ? Math.round(value * 1000) : Math.round(value);
}

/** `512Mi`, `1536Mi`, `2Gi` — the largest binary unit that divides evenly, as kubectl prints memory. */
export function formatBytes(bytes: number): string {
  for (const suffix of ['Ti', 'Gi', 'Mi', 'Ki'] as const) {
    const unit = BINARY[suffix] ?? 1;
    if (bytes >= unit && bytes % unit === 0) return `${bytes / unit}${suffix}`;
  }
  return String(bytes);
}

/** `1500m`, `2` — millicores as the API prints them. */
export function formatMillicores(millicores: number): string {
  return millicores % 1000 === 0 ? String(millicores / 1000) : `${millicores}m`;
}

/** Formats an amount produced by `parseResource` for the given resource name. */
export function formatResource(resource: string, amount: number): string {
  return resource === 'cpu' || resource.endsWith('.cpu') ? formatMillicores(amount) : formatBytes(amount);
}
