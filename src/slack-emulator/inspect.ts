/**
 * The in-process view tests get of the workspace: copies of channels, messages, threads, ephemerals and logs,
 * plus waitFor helpers. Channels may be named by id, name or `#name`.
 */
import type { RateTracker } from './rate.js';
import type { EmulatorState } from './state.js';
import type {
  ApiCall,
  ChannelInfo,
  ChannelRate,
  EmulatedEphemeral,
  EmulatedMessage,
  Invocation,
  ViolationRecord,
} from './types.js';
import { DEFAULT_WAIT_MS, waitFor } from './wait.js';

export type Inspection = {
  channels(): ChannelInfo[];
  /** What the channel shows: top-level messages and broadcast replies, oldest first. */
  messages(channel: string): EmulatedMessage[];
  /** Every message in the channel, replies included, oldest first. */
  allMessages(channel: string): EmulatedMessage[];
  /** A thread's replies in order (not the root). */
  replies(channel: string, threadTs: string): EmulatedMessage[];
  message(channel: string, ts: string): EmulatedMessage | undefined;
  /** Ephemerals, optionally only those one user sees (and in one channel). */
  ephemerals(user?: string, channel?: string): EmulatedEphemeral[];
  /** The call log, optionally for one method (`response_url` for respond() posts). */
  calls(method?: string): ApiCall[];
  violations(): ViolationRecord[];
  invocations(): Invocation[];
  /** chat.postMessage rates per channel id. */
  rates(): Record<string, ChannelRate>;
  /** The highest chat.postMessage rate seen in any rolling second, in one channel or across all. */
  maxPostRate(channel?: string): number;
  waitFor<T>(probe: () => T | undefined | null | false, timeoutMs?: number, what?: string): Promise<T>;
  waitForMessage(
    channel: string,
    predicate?: (message: EmulatedMessage) => boolean,
    timeoutMs?: number,
  ): Promise<EmulatedMessage>;
  waitForReply(
    channel: string,
    threadTs: string,
    predicate?: (message: EmulatedMessage) => boolean,
    timeoutMs?: number,
  ): Promise<EmulatedMessage>;
  waitForEphemeral(
    user: string,
    predicate?: (ephemeral: EmulatedEphemeral) => boolean,
    timeoutMs?: number,
  ): Promise<EmulatedEphemeral>;
  waitForCall(method: string, predicate?: (call: ApiCall) => boolean, timeoutMs?: number): Promise<ApiCall>;
};

export function createInspection(state: EmulatorState, rate: RateTracker): Inspection {
  const channelId = (idOrName: string): string => {
    const channel = state.channel(idOrName);
    if (!channel) throw new Error(`slack emulator: no channel "${idOrName}"`);
    return channel.id;
  };
  // Probes run on every state change, so they filter the live lists and copy only what they return.
  const live = (channel: string) => state.channelMessages(channelId(channel));
  const isVisible = (m: EmulatedMessage) => m.threadTs === undefined || m.broadcast;
  const liveEphemerals = (user?: string, channel?: string) => {
    const id = channel === undefined ? undefined : channelId(channel);
    return state
      .ephemerals()
      .filter((e) => (user === undefined || e.user === user) && (id === undefined || e.channel === id));
  };
  const liveCalls = (method?: string) =>
    method === undefined ? state.calls() : state.calls().filter((c) => c.method === method);
  const copy = <T>(value: T): T => structuredClone(value);
  const wait = <T>(probe: () => T | undefined | null | false, timeoutMs = DEFAULT_WAIT_MS, what?: string) =>
    waitFor(state, probe, timeoutMs, what);

  return {
    channels: () => structuredClone(state.channels()),
    messages: (channel) => copy(live(channel).filter(isVisible)),
    allMessages: (channel) => copy(live(channel)),
    replies: (channel, threadTs) => copy(live(channel).filter((m) => m.threadTs === threadTs)),
    message: (channel, ts) => copy(live(channel).find((m) => m.ts === ts)),
    ephemerals: (user, channel) => copy(liveEphemerals(user, channel)),
    calls: (method) => copy([...liveCalls(method)]),
    violations: () => structuredClone([...state.violations()]),
    invocations: () => structuredClone([...state.invocations()]),
    rates: () => rate.stats(),
    maxPostRate: (channel) => {
      const stats = rate.stats();
      if (channel !== undefined) return stats[channelId(channel)]?.maxPerSecond ?? 0;
      return Math.max(0, ...Object.values(stats).map((s) => s.maxPerSecond));
    },
    waitFor: wait,
    // Predicates get copies too: a test's predicate must not be able to change the workspace.
    waitForMessage: (channel, predicate = () => true, timeoutMs) =>
      wait(
        () => live(channel).filter(isVisible).map(copy).find(predicate),
        timeoutMs,
        `a message in ${channel}`,
      ),
    waitForReply: (channel, threadTs, predicate = () => true, timeoutMs) =>
      wait(
        () =>
          live(channel)
            .filter((m) => m.threadTs === threadTs)
            .map(copy)
            .find(predicate),
        timeoutMs,
        `a reply in thread ${threadTs} of ${channel}`,
      ),
    waitForEphemeral: (user, predicate = () => true, timeoutMs) =>
      wait(() => liveEphemerals(user).map(copy).find(predicate), timeoutMs, `an ephemeral for ${user}`),
    waitForCall: (method, predicate = () => true, timeoutMs) =>
      wait(() => liveCalls(method).map(copy).find(predicate), timeoutMs, `a ${method} call`),
  };
}
