/**
 * What each container instance printed, keyed by containerID (as the kubelet's log files are), with followers
 * for `kubectl logs -f`: they get lines as they are printed and are told when the instance has stopped (the
 * kubelet ends a follow stream when its container exits). Instances the kubelet no longer keeps are dropped.
 */
import type { LogLine } from './program.js';

type Follower = { onLines: (lines: readonly LogLine[]) => void; onEnd: (() => void) | undefined };

export class LogBook {
  readonly #lines = new Map<string, LogLine[]>();
  readonly #closed = new Set<string>();
  readonly #followers = new Map<string, Set<Follower>>();

  append(containerId: string, lines: readonly LogLine[]): void {
    if (lines.length === 0) return;
    const stored = this.#lines.get(containerId) ?? [];
    stored.push(...lines);
    this.#lines.set(containerId, stored);
    for (const follower of this.#followers.get(containerId) ?? []) follower.onLines(lines);
  }

  /** The instance stopped: nothing more will be printed. */
  close(containerId: string): void {
    if (this.#closed.has(containerId)) return;
    this.#closed.add(containerId);
    const followers = this.#followers.get(containerId);
    this.#followers.delete(containerId);
    for (const follower of followers ?? []) follower.onEnd?.();
  }

  lines(containerId: string): readonly LogLine[] {
    return this.#lines.get(containerId) ?? [];
  }

  follow(containerId: string, onLines: Follower['onLines'], onEnd?: () => void): () => void {
    if (this.#closed.has(containerId)) {
      onEnd?.();
      return () => undefined;
    }
    const follower: Follower = { onLines, onEnd };
    const followers = this.#followers.get(containerId) ?? new Set<Follower>();
    followers.add(follower);
    this.#followers.set(containerId, followers);
    return () => {
      followers.delete(follower);
      if (followers.size === 0) this.#followers.delete(containerId);
    };
  }

  forget(containerId: string): void {
    this.close(containerId);
    this.#lines.delete(containerId);
    this.#closed.delete(containerId);
  }
}
