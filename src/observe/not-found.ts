/** What the user asked for does not exist: coded errors that carry close matches for a helpful reply. */
import { SreBotError } from '../errors.js';

export class NamespaceNotFoundError extends SreBotError {
  constructor(
    readonly namespace: string,
    readonly suggestions: string[],
  ) {
    super(
      'kube_not_found',
      `namespace "${namespace}" not found${suggestions.length > 0 ? ` — did you mean ${suggestions.map((s) => `"${s}"`).join(' or ')}?` : ''}`,
    );
  }
}

export class WorkloadNotFoundError extends SreBotError {
  constructor(
    readonly namespace: string,
    readonly deployment: string,
    readonly suggestions: string[],
    readonly available: string[],
  ) {
    const hint =
      suggestions.length > 0
        ? ` — did you mean ${suggestions.map((s) => `"${s}"`).join(' or ')}?`
        : available.length > 0
          ? ` (deployments there: ${available.slice(0, 10).join(', ')})`
          : ' (it has no deployments)';
    super('kube_not_found', `deployment "${deployment}" not found in namespace "${namespace}"${hint}`);
  }
}

/** Names within a small edit distance (or sharing a prefix), closest first. */
export function closestNames(wanted: string, names: string[], max = 3): string[] {
  const threshold = Math.max(2, Math.floor(wanted.length / 3));
  return names
    .map((name) => ({ name, distance: editDistance(wanted, name) }))
    .filter(
      ({ name, distance }) => distance <= threshold || name.startsWith(wanted) || wanted.startsWith(name),
    )
    .sort((a, b) => a.distance - b.distance || a.name.localeCompare(b.name))
    .slice(0, max)
    .map(({ name }) => name);
}

function editDistance(a: string, b: string): number {
  const previous = Array.from({ length: b.length + 1 }, (_, index) => index);
  for (let i = 1; i <= a.length; i += 1) {
    let diagonal = previous[0]!;
    previous[0] = i;
    for (let j = 1; j <= b.length; j += 1) {
      const above = previous[j]!;
      previous[j] = Math.min(above + 1, previous[j - 1]! + 1, diagonal + (a[i - 1] === b[j - 1] ? 0 : 1));
      diagonal = above;
    }
  }
  return previous[b.length]!;
}
