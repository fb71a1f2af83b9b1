/**
 * `/sre` commands: `diagnose NAMESPACE[/DEPLOYMENT] [--dry-run]`, `status`, `help`. Parsing and cheap checks
 * happen before the ack; the diagnosis runs after it, so Slack's 3-second deadline always holds.
 */
import { buildErrorNotice, type ErrorNotice } from '../../blocks/error-notice.js';
import { buildHelp } from '../../blocks/help.js';
import type { SlackMessage } from '../../blocks/message.js';
import { buildStatusList } from '../../blocks/status-list.js';
import { closestNames } from '../observe/not-found.js';
import { openIncident, runDiagnosis } from './diagnosis-flow.js';
import { dryRunIncident } from './dry-run-flow.js';
import { isNamespaceName, isObjectName } from '../kube/names.js';
import type { IncidentDeps } from './incident-deps.js';
import { withWorkloadLock } from './workload-lock.js';

export type CommandRequest = { user: string; channel: string; text: string };

/** What to acknowledge with at once, and the work to do after the ack (its result is a private reply). */
export type CommandPlan = { ack: SlackMessage; work?: () => Promise<SlackMessage | undefined> };

const RECENT_DIAGNOSIS_MS = 30_000;

export function planCommand(
  deps: IncidentDeps,
  request: CommandRequest,
  help: Parameters<typeof buildHelp>[0],
): CommandPlan {
  const words = request.text.trim().split(/\s+/).filter(Boolean);
  const [verb, ...rest] = words;
  if (!verb || verb === 'help') return { ack: buildHelp(help) };
  if (verb === 'status') {
    return {
      ack: plain('Looking up open incidents…'),
      work: async () =>
        buildStatusList({ incidents: await deps.incidents.listOpen(), now: deps.clock.now() }),
    };
  }
  if (verb !== 'diagnose')
    return { ack: notice({ kind: 'invalid-command', problem: `unknown command "${verb}"` }) };

  const dryRun = rest.includes('--dry-run');
  const unknownFlags = rest.filter((word) => word.startsWith('--') && word !== '--dry-run');
  const targets = rest.filter((word) => !word.startsWith('--'));
  if (unknownFlags.length > 0)
    return { ack: notice({ kind: 'invalid-command', problem: `unknown option ${unknownFlags.join(' ')}` }) };
  if (targets.length !== 1)
    return {
      ack: notice({
        kind: 'invalid-command',
        problem: 'diagnose needs one NAMESPACE or NAMESPACE/DEPLOYMENT',
      }),
    };
  const [namespace, deployment, ...extra] = targets[0]!.split('/');
  if (
    !namespace ||
    !isNamespaceName(namespace) ||
    extra.length > 0 ||
    (deployment !== undefined && !isObjectName(deployment))
  ) {
    return {
      ack: notice({
        kind: 'invalid-command',
        problem: `"${targets[0]}" is not NAMESPACE or NAMESPACE/DEPLOYMENT`,
      }),
    };
  }
  if (!deps.settings.namespaceAllowed(namespace)) {
    return { ack: notice({ kind: 'namespace-not-allowed', namespace, allowed: deps.settings.namespaces }) };
  }
  const subject = deployment ? `${namespace}/${deployment}` : namespace;
  return {
    ack: plain(`:mag: Diagnosing \`${subject}\`… the incident will appear in this channel.`),
    work: () => diagnoseCommand(deps, request, namespace, deployment || undefined, dryRun),
  };
}

async function diagnoseCommand(
  deps: IncidentDeps,
  request: CommandRequest,
  namespace: string,
  deployment: string | undefined,
  dryRun: boolean,
): Promise<SlackMessage | undefined> {
  if (!(await deps.kube.get('Namespace', undefined, namespace))) {
    const known = (await deps.kube.list('Namespace', undefined)).map((item) => item.metadata?.name ?? '');
    return notice({ kind: 'unknown-namespace', namespace, suggestions: closestNames(namespace, known) });
  }
  if (deployment && !(await deps.kube.get('Deployment', namespace, deployment))) {
    const known = (await deps.kube.list('Deployment', namespace)).map((item) => item.metadata?.name ?? '');
    const close = closestNames(deployment, known);
    const hint =
      close.length > 0
        ? ` Did you mean ${close.map((name) => `\`${namespace}/${name}\``).join(' or ')}?`
        : '';
    return notice({
      kind: 'invalid-command',
      problem: `deployment \`${deployment}\` not found in namespace \`${namespace}\`.${hint}`,
    });
  }
  // One incident per workload, however many people (or replicas) ask at once.
  const locked = await withWorkloadLock(deps.store, `${namespace}/${deployment ?? '*'}`, async () => {
    const existing = deployment
      ? await deps.incidents.openAbout(namespace, deployment)
      : await deps.incidents.openFor(namespace, null);
    if (existing && ['approved', 'applying', 'verifying'].includes(existing.state)) {
      return { kind: 'busy' as const, incident: existing };
    }
    if (existing?.slack && ['proposed', 'failed', 'open', 'diagnosing'].includes(existing.state)) {
      // Asked again while open: refresh the same incident instead of posting another one — unless it was
      // diagnosed moments ago (a burst of identical commands must not re-diagnose and re-post each time).
      const fresh = deps.clock.now().getTime() - Date.parse(existing.updatedAt) < RECENT_DIAGNOSIS_MS;
      const incident =
        existing.state === 'diagnosing' || fresh
          ? existing
          : await runDiagnosis(deps, existing, request.user);
      return { kind: 'ready' as const, incident };
    }
    return {
      kind: 'ready' as const,
      incident: await openIncident(deps, {
        trigger: { kind: 'command', user: request.user, channel: request.channel },
        channel: request.channel,
        namespace,
        deployment,
        actor: request.user,
      }),
    };
  });
  if (!locked.ran)
    return plain('This workload is being diagnosed right now; its incident will appear in the channel.');
  if (locked.value.kind === 'busy') {
    return plain(
      `A fix is already in progress for this workload (incident ${locked.value.incident.id}); follow its thread.`,
    );
  }
  const incident = locked.value.incident;
  if (dryRun && incident.state === 'proposed') {
    const outcome = await dryRunIncident(deps, { incidentId: incident.id, user: request.user });
    if ('notice' in outcome) return notice(outcome.notice);
  }
  return undefined;
}

function notice(value: ErrorNotice): SlackMessage {
  return buildErrorNotice(value);
}

function plain(text: string): SlackMessage {
  return { text, blocks: [{ type: 'section', text: { type: 'mrkdwn', text } }] };
}
