/**
 * Images the kubelet cannot pull (ErrImagePull, ImagePullBackOff, InvalidImageName, ErrImageNeverPull). The fix
 * is a revision whose image worked; we never invent an image reference.
 */
import type { Analyzer } from './analyzer.js';
import type { Finding } from '../domain/finding.js';
import type { ProposalDraft } from '../domain/proposal.js';
import type { Snapshot } from '../domain/snapshot.js';
import {
  affectedCount,
  containerInstances,
  groupByWorkloadContainer,
  type ContainerInstance,
} from './support/containers.js';
import { kubectl, manualDraft, manualTarget } from './support/drafts.js';
import { podContainerEvents, warnings } from './support/events.js';
import { clip, containerStatusLines, eventLine } from './support/evidence.js';
import { containerDiffers, healthyRevisionWhere, rollbackProposal } from './support/rollback.js';

const PULL_FAILURES = new Set(['ErrImagePull', 'ImagePullBackOff', 'InvalidImageName', 'ErrImageNeverPull']);

/** What the registry's answer means, from the CRI error text the kubelet relays. */
function explain(text: string): string {
  if (/invalid reference format|InvalidImageName|couldn't parse image/i.test(text))
    return 'the image reference is malformed';
  if (/unauthorized|authentication required|denied|forbidden|403/i.test(text))
    return 'the registry refused the credentials (check imagePullSecrets)';
  if (/not found|manifest unknown|does not exist/i.test(text))
    return 'the tag or repository does not exist in the registry';
  if (/no such host|i\/o timeout|connection refused|dial tcp/i.test(text))
    return 'the registry is unreachable from the node';
  if (/pull policy of Never/i.test(text)) return 'the image is not on the node and imagePullPolicy is Never';
  return 'the pull fails';
}

function proposalFor(
  snapshot: Snapshot,
  worst: ContainerInstance,
  image: string,
  why: string,
  evidence: string[],
): ProposalDraft {
  const { workload, status, podName } = worst;
  const candidate = healthyRevisionWhere(snapshot, workload, containerDiffers(status.name, ['image']));
  if (workload !== undefined && candidate) {
    const rollback = rollbackProposal(
      snapshot,
      workload,
      candidate,
      `uses image ${image}, which cannot be pulled`,
    );
    evidence.push(rollback.evidence);
    return rollback.draft;
  }
  const instruction =
    `Image ${image} of container ${status.name} cannot be pulled: ${why}. Check the tag exists in the registry and ` +
    `that the pods can authenticate to it, then set a correct image.`;
  const commands = [kubectl(snapshot, `describe pod ${podName}`)];
  if (workload !== undefined)
    commands.push(kubectl(snapshot, `set image deployment/${workload} ${status.name}=<existing image:tag>`));
  return manualDraft(
    manualTarget(snapshot, workload, podName),
    instruction,
    commands,
    'No earlier healthy revision used another image.',
  );
}

function findingFor(snapshot: Snapshot, group: ContainerInstance[]): Finding | undefined {
  const worst = group[0];
  if (!worst) return undefined;
  const { workload, status, podName } = worst;
  const image = worst.pod.spec?.containers.find((c) => c.name === status.name)?.image ?? status.image;
  const waiting = status.state?.waiting;
  const pullEvents = warnings(podContainerEvents(snapshot, podName, status.name)).filter(
    (e) => e.reason === 'Failed',
  );
  const why = explain([waiting?.message ?? '', ...pullEvents.map((e) => e.message)].join(' '));
  const evidence = [...containerStatusLines(podName, status), ...pullEvents.map(eventLine)];
  const proposal = proposalFor(snapshot, worst, image, why, evidence);
  return {
    analyzer: 'image-pull',
    object: { kind: 'Pod', name: podName },
    reason: waiting?.reason ?? 'ImagePullBackOff',
    message: clip(
      `Image ${image} of container ${status.name}${workload === undefined ? '' : ` of deployment/${workload}`} cannot be pulled: ${why} (${affectedCount(snapshot, group)}).`,
    ),
    evidence,
    ...(workload === undefined ? {} : { workload }),
    container: status.name,
    category: 'image_pull',
    specificity: 90,
    confidence: 0.9,
    proposals: [proposal],
  };
}

export const imagePullAnalyzer: Analyzer = {
  name: 'image-pull',
  analyze(snapshot) {
    const failing = containerInstances(snapshot).filter((i) =>
      PULL_FAILURES.has(i.status.state?.waiting?.reason ?? ''),
    );
    return groupByWorkloadContainer(failing).flatMap((group) => findingFor(snapshot, group) ?? []);
  },
};
