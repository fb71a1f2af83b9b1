import type { Finding } from '../domain/finding.js';
import type { Snapshot } from '../domain/snapshot.js';

/**
 * One deterministic check over an observed snapshot. Analyzers are plain objects holding no state: `analyze` is
 * pure and synchronous (no I/O, no clock), so the same snapshot always yields the same findings and a test only
 * needs wire objects. Each finding quotes the cluster verbatim in its evidence and carries grounded fix drafts.
 */
export type Analyzer = {
  /** Kebab-case, unique in the registry; it is the `analyzer` field of every finding it emits. */
  readonly name: string;
  analyze(snapshot: Snapshot): Finding[];
};
