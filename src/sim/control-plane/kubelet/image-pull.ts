/**
 * Getting a container's image onto the node (`images.imageManager.EnsureImageExists`): the pull policy decides
 * between `already present on machine` and a pull; a pull takes a realistic time and either lands in the node's
 * cache or fails with the registry's NotFound, after which the image back-off (10 s doubling to 5 min, per pod
 * and image) turns ErrImagePull into ImagePullBackOff until the next attempt.
 */
import type { Container } from '../../../kube/types.js';
import { formatGoDuration } from './go-duration.js';
import { failedPullDurationMs, imageSizeBytes, isLatest, parseImage, pullDurationMs } from './image-names.js';
import { isUnpullable, notFoundPullError } from './registry.js';
import type { ContainerRuntime, Stage } from './runtime-state.js';
import { RELIST_MS, SYNC_RETRY_MS, type SyncContext } from './sync-context.js';

export type ImageStep = 'ready' | 'waiting';

export function pullPolicy(container: Container): string {
  return container.imagePullPolicy ?? (isLatest(container.image ?? '') ? 'Always' : 'IfNotPresent');
}

function startFailure(reason: string, message: string, retryAt: number): Stage {
  return { kind: 'startFailure', reason, message, retryAt };
}

/** Shows the back-off (ImagePullBackOff) until the next attempt, re-reported at every pod sync. */
function inPullBackOff(ctx: SyncContext, container: ContainerRuntime, image: string): Stage {
  const ref = { name: container.name, init: container.init };
  ctx.events.containerEvent(ref, 'Normal', 'BackOff', `Back-off pulling image "${image}"`);
  ctx.events.containerEvent(ref, 'Warning', 'Failed', 'Error: ImagePullBackOff');
  const lastError = ctx.runtime.lastPullError.get(image);
  const message = `Back-off pulling image "${image}"${lastError ? `: ${lastError}` : ''}`;
  const end = ctx.runtime.imageBackOff.backOffEndSinceUpdate(image) ?? ctx.now;
  return startFailure('ImagePullBackOff', message, Math.min(end, ctx.now + SYNC_RETRY_MS));
}

/** Makes sure the image is there; 'waiting' means the container's stage now says why not (yet). */
export function ensureImage(ctx: SyncContext, spec: Container, container: ContainerRuntime): ImageStep {
  const image = spec.image ?? '';
  const ref = { name: container.name, init: container.init };
  const parsed = parseImage(image);
  if (!parsed) {
    const message = `Failed to apply default image tag "${image}": couldn't parse image name "${image}": invalid reference format`;
    ctx.events.containerEvent(ref, 'Warning', 'InspectFailed', message);
    ctx.events.containerEvent(ref, 'Warning', 'Failed', 'Error: InvalidImageName');
    container.stage = startFailure('InvalidImageName', message, ctx.now + SYNC_RETRY_MS);
    return 'waiting';
  }
  const policy = pullPolicy(spec);
  const present = ctx.images.has(ctx.runtime.nodeName, parsed.full);
  const alreadyPresent = () =>
    ctx.events.containerEvent(
      ref,
      'Normal',
      'Pulled',
      `Container image "${image}" already present on machine`,
    );

  if (policy === 'Never') {
    if (present) {
      alreadyPresent();
      return 'ready';
    }
    const message = `Container image "${image}" is not present with pull policy of Never`;
    ctx.events.containerEvent(ref, 'Warning', 'ErrImageNeverPull', message);
    ctx.events.containerEvent(ref, 'Warning', 'Failed', 'Error: ErrImageNeverPull');
    container.stage = startFailure('ErrImageNeverPull', message, ctx.now + SYNC_RETRY_MS);
    return 'waiting';
  }
  if (policy !== 'Always' && present) {
    alreadyPresent();
    return 'ready';
  }
  if (ctx.runtime.imageBackOff.isInBackOffSinceUpdate(image, ctx.now)) {
    container.stage = inPullBackOff(ctx, container, image);
    return 'waiting';
  }
  ctx.events.containerEvent(ref, 'Normal', 'Pulling', `Pulling image "${image}"`);
  const fails = isUnpullable(ctx.api, image, parsed);
  const durationMs = fails ? failedPullDurationMs(parsed) : pullDurationMs(parsed, present);
  container.stage = { kind: 'pulling', image, ref: parsed, doneAt: ctx.now + durationMs, durationMs, fails };
  return 'waiting';
}

/** The pull finished: the image is cached (returns 'ready'), or the failure is reported and backed off. */
export function completePull(ctx: SyncContext, container: ContainerRuntime): ImageStep {
  const stage = container.stage;
  if (stage.kind !== 'pulling') return 'waiting';
  const ref = { name: container.name, init: container.init };
  if (stage.fails) {
    const error = notFoundPullError(stage.ref);
    ctx.events.containerEvent(ref, 'Warning', 'Failed', `Failed to pull image "${stage.image}": ${error}`);
    ctx.events.containerEvent(ref, 'Warning', 'Failed', 'Error: ErrImagePull');
    ctx.runtime.imageBackOff.next(stage.image, ctx.now, ctx.now);
    ctx.runtime.lastPullError.set(stage.image, `ErrImagePull: ${error}`);
    // The next pod sync (a moment later) finds the image in back-off and reports ImagePullBackOff.
    container.stage = startFailure('ErrImagePull', error, ctx.now + RELIST_MS);
    return 'waiting';
  }
  ctx.images.add(ctx.runtime.nodeName, stage.ref.full);
  const took = formatGoDuration(stage.durationMs);
  ctx.events.containerEvent(
    ref,
    'Normal',
    'Pulled',
    `Successfully pulled image "${stage.image}" in ${took} (${took} including waiting). Image size: ${imageSizeBytes(stage.ref)} bytes.`,
  );
  return 'ready';
}
