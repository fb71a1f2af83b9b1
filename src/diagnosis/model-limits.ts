/**
 * What a model may not propose even when each value exists in the cluster: the cluster-grounding checks
 * (proposal-grounding.ts) ask "is this value real?"; these ask "does it fix the failure, or could it make things
 * worse?". They apply to LLM proposals only — the analyzers' proposals are built from the failure itself.
 * Each returns the reason a draft is dropped, or undefined.
 */
import { ManualParams } from '../actions/manual.js';
import { SetEnvParams } from '../actions/set-env.js';
import { SetProbeParams } from '../actions/set-probe.js';
import { SetResourcesParams } from '../actions/set-resources.js';
import type { ActionKind } from '../domain/categories.js';
import type { ProposalTarget } from '../domain/proposal.js';
import type { Snapshot } from '../domain/snapshot.js';
import { parseResource } from '../kube/quantity.js';
import { targetContainer } from './proposal-target.js';

type Limit = (params: unknown, target: ProposalTarget, snapshot: Snapshot) => string | undefined;

/** A fix raises resources (OOM, throttling); lowering a limit can only cause the failure it claims to fix. */
const setResources: Limit = (raw, target, snapshot) => {
  const params = SetResourcesParams.safeParse(raw);
  const current = targetContainer(snapshot, target)?.resources;
  if (!params.success || !current) return undefined;
  for (const field of ['limits', 'requests'] as const) {
    for (const resource of ['cpu', 'memory'] as const) {
      const now = parseResource(resource, current[field]?.[resource]);
      const proposed = parseResource(resource, params.data[field]?.[resource]);
      if (now !== undefined && proposed !== undefined && proposed < now)
        return `would lower ${field}.${resource} from ${current[field]?.[resource]} to ${params.data[field]?.[resource]}`;
    }
  }
  return undefined;
};

/**
 * A variable the program asks for (its logs or events name it) or that a ConfigMap/Secret provides under that
 * name — and not one already set: replacing a working variable with another object's value is not a fix.
 */
const setEnv: Limit = (raw, target, snapshot) => {
  const params = SetEnvParams.safeParse(raw);
  if (!params.success) return undefined;
  const { name, valueFrom } = params.data;
  const container = targetContainer(snapshot, target);
  if (container?.env?.some((variable) => variable.name === name))
    return `${name} is already set on container ${container.name}; a model may only add a missing variable`;
  const key =
    valueFrom && ('configMapKeyRef' in valueFrom ? valueFrom.configMapKeyRef : valueFrom.secretKeyRef);
  const mentioned =
    snapshot.logs.some((log) => log.lines.some((line) => line.includes(name))) ||
    snapshot.events.some((event) => event.message.includes(name));
  return mentioned || key?.key === name
    ? undefined
    : `nothing in the cluster asks for ${name} (no log or event names it, and no key of that name is referenced)`;
};

/** Aggressive liveness settings restart healthy containers: kept at least as patient as Kubernetes' defaults. */
const setProbe: Limit = (raw) => {
  const params = SetProbeParams.safeParse(raw);
  if (!params.success || params.data.probe !== 'liveness') return undefined;
  const { periodSeconds, failureThreshold, timeoutSeconds } = params.data;
  if (periodSeconds !== undefined && periodSeconds < 5)
    return `liveness periodSeconds ${periodSeconds} is below 5`;
  if (failureThreshold !== undefined && failureThreshold < 3)
    return `liveness failureThreshold ${failureThreshold} is below 3`;
  if (timeoutSeconds !== undefined && timeoutSeconds < 1) return 'liveness timeoutSeconds is below 1';
  return undefined;
};

/** Verbs and scopes a human should never be handed to copy-paste from a model's instruction. */
const DESTRUCTIVE =
  /\b(delete|drain|cordon|taint|replace\s+--force|scale\s+.*--replicas[= ]0)\b|--all\b|\s-A\b|--all-namespaces\b|--force\b|--grace-period[= ]0\b/;

/**
 * Commands shown on a manual card are copied into terminals: a model's may only be kubectl, in the diagnosed
 * namespace, and not destructive (the catalog's actions — delete_pod, scale — are where such changes belong,
 * behind Approve).
 */
const manual: Limit = (raw, _target, snapshot) => {
  const params = ManualParams.safeParse(raw);
  if (!params.success) return undefined;
  for (const command of params.data.commands ?? []) {
    const text = command.trim();
    if (!/^kubectl\s/.test(text)) return `command "${text.slice(0, 80)}" is not a kubectl command`;
    if (DESTRUCTIVE.test(text)) return `command "${text.slice(0, 80)}" is destructive`;
    const namespaces = [...text.matchAll(/(?:^|\s)(?:-n|--namespace)[= ]?(\S+)/g)].map((match) => match[1]);
    const other = namespaces.find((namespace) => namespace !== snapshot.namespace);
    if (other !== undefined) return `command "${text.slice(0, 80)}" acts in namespace ${other}`;
  }
  return undefined;
};

const LIMITS: Partial<Record<ActionKind, Limit>> = {
  set_resources: setResources,
  set_env: setEnv,
  set_probe: setProbe,
  manual,
};

export function modelLimitProblem(
  kind: ActionKind,
  params: unknown,
  target: ProposalTarget,
  snapshot: Snapshot,
): string | undefined {
  return LIMITS[kind]?.(params, target, snapshot);
}
