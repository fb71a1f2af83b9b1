/**
 * chat.postMessage rates per channel. Slack allows about one message per second per channel with short bursts;
 * the alert-storm benchmark and tests read the highest rate the bot reached, and, when enforcement is on, a
 * channel that overdraws its token bucket gets 429 with Retry-After like it would from Slack.
 */
import type { RateLimitOptions } from './options.js';
import type { ChannelRate } from './types.js';

type ChannelWindow = {
  recent: number[];
  posts: number;
  maxPerSecond: number;
  rejected: number;
  tokens: number;
  refilledAt: number;
};

export type RateDecision = { allowed: true } | { allowed: false; retryAfterSeconds: number };

export class RateTracker {
  private readonly channels = new Map<string, ChannelWindow>();

  constructor(private readonly limit: Required<RateLimitOptions> | undefined) {}

  private window(channel: string, at: number): ChannelWindow {
    let entry = this.channels.get(channel);
    if (!entry) {
      entry = {
        recent: [],
        posts: 0,
        maxPerSecond: 0,
        rejected: 0,
        tokens: this.limit?.burst ?? 0,
        refilledAt: at,
      };
      this.channels.set(channel, entry);
    }
    return entry;
  }

  /** Records one chat.postMessage attempt on `channel` at `at` (ms) and decides whether enforcement lets it in. */
  attempt(channel: string, at: number): RateDecision {
    const entry = this.window(channel, at);
    entry.posts += 1;
    // Rolling window (at-1000, at]: how many attempts this second, counting this one.
    entry.recent = entry.recent.filter((time) => time > at - 1000);
    entry.recent.push(at);
    entry.maxPerSecond = Math.max(entry.maxPerSecond, entry.recent.length);
    if (!this.limit) return { allowed: true };
    const { perSecond, burst } = this.limit;
    entry.tokens = Math.min(burst, entry.tokens + ((at - entry.refilledAt) / 1000) * perSecond);
    entry.refilledAt = at;
    if (entry.tokens >= 1) {
      entry.tokens -= 1;
      return { allowed: true };
    }
    entry.rejected += 1;
    // Whole seconds like Slack's header, never 0 (a client would retry at once and be refused again).
    return { allowed: false, retryAfterSeconds: Math.max(1, Math.ceil((1 - entry.tokens) / perSecond)) };
  }

  stats(): Record<string, ChannelRate> {
    const result: Record<string, ChannelRate> = {};
    for (const [channel, entry] of this.channels)
      result[channel] = { posts: entry.posts, maxPerSecond: entry.maxPerSecond, rejected: entry.rejected };
    return result;
  }

  reset(): void {
    this.channels.clear();
  }
}
