/**
 * Init containers run one at a time, in order, before the app containers. A regular one is done when it has
 * exited 0; a sidecar (`restartPolicy: Always`) counts as done once it has started, and keeps running (and
 * being restarted) beside the app containers.
 */
import { lastRun, type ContainerRuntime } from './runtime-state.js';

export function initContainerDone(container: ContainerRuntime): boolean {
  if (container.sidecar) return container.started;
  return container.stage.kind === 'done' && lastRun(container)?.termination?.exitCode === 0;
}
