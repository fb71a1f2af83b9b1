/**
 * The NodeAffinity filter: `spec.nodeSelector` (every label must match) and the required node affinity
 * (`requiredDuringSchedulingIgnoredDuringExecution`: any term matches, each term's expressions all match).
 * Preferred affinity only affects scoring and is not modelled.
 */
import type { Node, Pod } from '../../../kube/types.js';

type NodeSelectorTerm = NonNullable<
  NonNullable<
    NonNullable<
      NonNullable<NonNullable<Pod['spec']>['affinity']>['nodeAffinity']
    >['requiredDuringSchedulingIgnoredDuringExecution']
  >['nodeSelectorTerms']
>[number];
type NodeSelectorRequirement = NonNullable<NodeSelectorTerm['matchExpressions']>[number];

function requirementMatches(requirement: NodeSelectorRequirement, values: Record<string, string>): boolean {
  const present = Object.prototype.hasOwnProperty.call(values, requirement.key);
  const value = present ? values[requirement.key] : undefined;
  const wanted = requirement.values ?? [];
  switch (requirement.operator) {
    case 'In':
      return value !== undefined && wanted.includes(value);
    case 'NotIn':
      return value === undefined || !wanted.includes(value);
    case 'Exists':
      return present;
    case 'DoesNotExist':
      return !present;
    case 'Gt':
    case 'Lt': {
      const actual = Number.parseInt(value ?? '', 10);
      const bound = Number.parseInt(wanted[0] ?? '', 10);
      if (Number.isNaN(actual) || Number.isNaN(bound)) return false;
      return requirement.operator === 'Gt' ? actual > bound : actual < bound;
    }
    default:
      return false;
  }
}

/** A term with neither expressions nor fields matches nothing (as in `nodeaffinity.NewNodeSelector`). */
function termMatches(term: NodeSelectorTerm, node: Node): boolean {
  const expressions = term.matchExpressions ?? [];
  const fields = term.matchFields ?? [];
  if (expressions.length === 0 && fields.length === 0) return false;
  const labels = node.metadata?.labels ?? {};
  const nodeFields = { 'metadata.name': node.metadata?.name ?? '' };
  return (
    expressions.every((requirement) => requirementMatches(requirement, labels)) &&
    fields.every((requirement) => requirementMatches(requirement, nodeFields))
  );
}

export function matchesNodeSelectorAndAffinity(pod: Pod, node: Node): boolean {
  const labels = node.metadata?.labels ?? {};
  for (const [key, value] of Object.entries(pod.spec?.nodeSelector ?? {})) {
    if (labels[key] !== value) return false;
  }
  const required = pod.spec?.affinity?.nodeAffinity?.requiredDuringSchedulingIgnoredDuringExecution;
  if (!required) return true;
  return (required.nodeSelectorTerms ?? []).some((term) => termMatches(term, node));
}
