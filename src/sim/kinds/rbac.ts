/**
 * RBAC objects as the apiserver checks them (`pkg/apis/rbac/validation`, `pkg/apis/rbac/v1/defaults.go`): rules
 * need verbs, API groups and resources; bindings need a supported roleRef (immutable once created) and
 * well-formed subjects. Enough for `kubectl apply --dry-run=server` of real RBAC manifests to mean something.
 * Authorization itself is not simulated: every request is allowed.
 */
import type { KubeObject } from '../../kube/types.js';
import { type FieldError, fieldErrors } from '../errors.js';
import { goStringSlice, invalidGoValue } from './go-format.js';
import { dns1123Subdomain, pathSegmentName, validateObjectName } from './names.js';

const GROUP = 'rbac.authorization.k8s.io';

type PolicyRule = {
  verbs?: string[];
  apiGroups?: string[];
  resources?: string[];
  resourceNames?: string[];
  nonResourceURLs?: string[];
};
type RoleRef = { apiGroup?: string; kind?: string; name?: string };
type Subject = { kind?: string; apiGroup?: string; name?: string; namespace?: string };

const rulesOf = (object: KubeObject): PolicyRule[] =>
  Array.isArray(object['rules']) ? (object['rules'] as PolicyRule[]) : [];
const roleRefOf = (object: KubeObject): RoleRef => (object['roleRef'] as RoleRef | undefined) ?? {};
const subjectsOf = (object: KubeObject): Subject[] =>
  Array.isArray(object['subjects']) ? (object['subjects'] as Subject[]) : [];
const count = (values: unknown[] | undefined): number => values?.length ?? 0;

function validateRule(rule: PolicyRule, namespaced: boolean, path: string): FieldError[] {
  const problems: FieldError[] = [];
  if (count(rule.verbs) === 0)
    problems.push(fieldErrors.required(`${path}.verbs`, 'verbs must contain at least one value'));
  if (count(rule.nonResourceURLs) > 0) {
    const urls = goStringSlice(rule.nonResourceURLs);
    if (namespaced)
      problems.push(
        invalidGoValue(`${path}.nonResourceURLs`, urls, 'namespaced rules cannot apply to non-resource URLs'),
      );
    if (count(rule.apiGroups) > 0 || count(rule.resources) > 0 || count(rule.resourceNames) > 0)
      problems.push(
        invalidGoValue(
          `${path}.nonResourceURLs`,
          urls,
          'rules cannot apply to both regular resources and non-resource URLs',
        ),
      );
    return problems;
  }
  if (count(rule.apiGroups) === 0)
    problems.push(
      fieldErrors.required(`${path}.apiGroups`, 'resource rules must supply at least one api group'),
    );
  if (count(rule.resources) === 0)
    problems.push(
      fieldErrors.required(`${path}.resources`, 'resource rules must supply at least one resource'),
    );
  return problems;
}

function validateRoleObject(object: KubeObject, namespaced: boolean): FieldError[] {
  return [
    ...validateObjectName(object, pathSegmentName),
    ...rulesOf(object).flatMap((rule, index) => validateRule(rule, namespaced, `rules[${index}]`)),
  ];
}

export const validateRole = (object: KubeObject): FieldError[] => validateRoleObject(object, true);
export const validateClusterRole = (object: KubeObject): FieldError[] => validateRoleObject(object, false);

function validateSubject(subject: Subject, namespaced: boolean, path: string): FieldError[] {
  const problems: FieldError[] = [];
  const name = subject.name ?? '';
  if (!name) problems.push(fieldErrors.required(`${path}.name`));
  switch (subject.kind) {
    case 'ServiceAccount':
      if (name)
        for (const message of dns1123Subdomain(name))
          problems.push(fieldErrors.invalid(`${path}.name`, name, message));
      if (subject.apiGroup)
        problems.push(fieldErrors.notSupported(`${path}.apiGroup`, subject.apiGroup, ['']));
      if (!namespaced && !subject.namespace) problems.push(fieldErrors.required(`${path}.namespace`));
      break;
    case 'User':
    case 'Group':
      if (subject.apiGroup !== GROUP)
        problems.push(fieldErrors.notSupported(`${path}.apiGroup`, subject.apiGroup ?? '', [GROUP]));
      break;
    default:
      problems.push(
        fieldErrors.notSupported(`${path}.kind`, subject.kind ?? '', ['ServiceAccount', 'User', 'Group']),
      );
  }
  return problems;
}

/** `rbac.RoleRef{APIGroup:"…", Kind:"…", Name:"…"}`, as `%#v` prints the value in "cannot change roleRef". */
function goRoleRef(ref: RoleRef): string {
  const quote = (value: string | undefined) => JSON.stringify(value ?? '');
  return `rbac.RoleRef{APIGroup:${quote(ref.apiGroup)}, Kind:${quote(ref.kind)}, Name:${quote(ref.name)}}`;
}

function validateBinding(object: KubeObject, old: KubeObject | undefined, namespaced: boolean): FieldError[] {
  const problems = validateObjectName(object, pathSegmentName);
  const ref = roleRefOf(object);
  if (ref.apiGroup !== GROUP)
    problems.push(fieldErrors.notSupported('roleRef.apiGroup', ref.apiGroup ?? '', [GROUP]));
  const kinds = namespaced ? ['Role', 'ClusterRole'] : ['ClusterRole'];
  if (!kinds.includes(ref.kind ?? ''))
    problems.push(fieldErrors.notSupported('roleRef.kind', ref.kind ?? '', kinds));
  if (!ref.name) problems.push(fieldErrors.required('roleRef.name'));
  else
    for (const message of pathSegmentName(ref.name))
      problems.push(fieldErrors.invalid('roleRef.name', ref.name, message));
  subjectsOf(object).forEach((subject, index) =>
    problems.push(...validateSubject(subject, namespaced, `subjects[${index}]`)),
  );
  if (old) {
    const before = roleRefOf(old);
    if (before.apiGroup !== ref.apiGroup || before.kind !== ref.kind || before.name !== ref.name)
      problems.push(invalidGoValue('roleRef', goRoleRef(ref), 'cannot change roleRef'));
  }
  return problems;
}

export const validateRoleBinding = (object: KubeObject, old: KubeObject | undefined): FieldError[] =>
  validateBinding(object, old, true);
export const validateClusterRoleBinding = (object: KubeObject, old: KubeObject | undefined): FieldError[] =>
  validateBinding(object, old, false);

/** `SetDefaults_RoleBinding` / `SetDefaults_Subject`: the RBAC group on roleRef, and on User/Group subjects. */
export function defaultBinding(object: KubeObject): void {
  const ref = object['roleRef'] as RoleRef | undefined;
  if (ref && !ref.apiGroup) ref.apiGroup = GROUP;
  for (const subject of subjectsOf(object))
    if (!subject.apiGroup && (subject.kind === 'User' || subject.kind === 'Group')) subject.apiGroup = GROUP;
}
