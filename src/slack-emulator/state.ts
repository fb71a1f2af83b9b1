/**
 * Everything the emulated workspace holds: channels, their messages and threads, ephemerals per user, the call
 * log, violations, slash-command invocations. Handlers mutate it through these methods; every mutation bumps
 * `version` and wakes the listeners (waitFor, the console's Server-Sent Events), so nobody has to poll blindly.
 */
import type {
  ApiCall,
  ChannelInfo,
  EmulatedEphemeral,
  EmulatedMessage,
  Invocation,
  SlackBlock,
  ViolationRecord,
} from './types.js';

export type MessageContent = { text: string; blocks: SlackBlock[]; attachments: unknown[] };

export class EmulatorState {
  private readonly channelMap = new Map<string, ChannelInfo>();
  /** Per channel, every message (roots and replies) in posting order, which is ts order. */
  private readonly messageMap = new Map<string, EmulatedMessage[]>();
  private ephemeralList: EmulatedEphemeral[] = [];
  private readonly callList: ApiCall[] = [];
  private readonly violationList: ViolationRecord[] = [];
  private readonly invocationList: Invocation[] = [];
  private readonly listeners = new Set<() => void>();
  private versionNumber = 0;

  constructor(
    channels: Record<string, string>,
    private readonly now: () => number,
  ) {
    for (const [id, name] of Object.entries(channels)) this.addChannel({ id, name, dmUser: undefined });
  }

  get version(): number {
    return this.versionNumber;
  }

  onChange(listener: () => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  private changed(): void {
    this.versionNumber += 1;
    for (const listener of [...this.listeners]) listener();
  }

  // Channels -------------------------------------------------------------------------------------------------

  private addChannel(channel: ChannelInfo): void {
    this.channelMap.set(channel.id, channel);
    this.messageMap.set(channel.id, []);
  }

  /** By id, by name, or by `#name`: tests and the console name channels the way people do. */
  channel(idOrName: string): ChannelInfo | undefined {
    const direct = this.channelMap.get(idOrName);
    if (direct) return direct;
    const name = idOrName.replace(/^#/, '');
    return [...this.channelMap.values()].find((channel) => channel.name === name && !channel.dmUser);
  }

  channels(): ChannelInfo[] {
    return [...this.channelMap.values()];
  }

  /** Posting to a user id opens (or reuses) the bot's DM with that user, as Slack does. */
  openDm(userId: string, userName: string): ChannelInfo {
    const id = `D${userId.replace(/^[UW]/, '')}`;
    const existing = this.channelMap.get(id);
    if (existing) return existing;
    const channel = { id, name: userName, dmUser: userId };
    this.addChannel(channel);
    this.changed();
    return channel;
  }

  // Messages -------------------------------------------------------------------------------------------------

  /** Live list for the handlers; tests get copies through the inspection API. */
  channelMessages(channel: string): EmulatedMessage[] {
    return this.messageMap.get(channel) ?? [];
  }

  findMessage(channel: string, ts: string): EmulatedMessage | undefined {
    return this.channelMessages(channel).find((message) => message.ts === ts);
  }

  addMessage(message: EmulatedMessage): void {
    this.channelMessages(message.channel).push(message);
    this.changed();
  }

  replaceMessage(message: EmulatedMessage, content: MessageContent, by: string): void {
    message.history.push({
      text: message.text,
      blocks: message.blocks,
      attachments: message.attachments,
      replacedAt: this.now(),
      replacedBy: by,
    });
    Object.assign(message, content);
    this.changed();
  }

  touch(): void {
    this.changed();
  }

  removeMessage(message: EmulatedMessage): void {
    const list = this.channelMessages(message.channel);
    const index = list.indexOf(message);
    if (index >= 0) list.splice(index, 1);
    this.changed();
  }

  // Ephemerals -----------------------------------------------------------------------------------------------

  ephemerals(): EmulatedEphemeral[] {
    return this.ephemeralList;
  }

  findEphemeral(user: string, ts: string): EmulatedEphemeral | undefined {
    return this.ephemeralList.find((ephemeral) => ephemeral.user === user && ephemeral.ts === ts);
  }

  addEphemeral(ephemeral: EmulatedEphemeral): void {
    this.ephemeralList.push(ephemeral);
    this.changed();
  }

  replaceEphemeral(ephemeral: EmulatedEphemeral, content: MessageContent, by: string): void {
    ephemeral.history.push({
      text: ephemeral.text,
      blocks: ephemeral.blocks,
      attachments: ephemeral.attachments,
      replacedAt: this.now(),
      replacedBy: by,
    });
    Object.assign(ephemeral, content);
    this.changed();
  }

  removeEphemeral(ephemeral: EmulatedEphemeral): void {
    this.ephemeralList = this.ephemeralList.filter((entry) => entry !== ephemeral);
    this.changed();
  }

  // Logs -----------------------------------------------------------------------------------------------------

  logCall(call: Omit<ApiCall, 'seq'>): ApiCall {
    const entry = { ...call, seq: this.callList.length + 1 };
    this.callList.push(entry);
    this.changed();
    return entry;
  }

  calls(): readonly ApiCall[] {
    return this.callList;
  }

  addViolations(record: ViolationRecord): void {
    this.violationList.push(record);
    this.changed();
  }

  violations(): readonly ViolationRecord[] {
    return this.violationList;
  }

  addInvocation(invocation: Invocation): void {
    this.invocationList.push(invocation);
    this.changed();
  }

  invocations(): readonly Invocation[] {
    return this.invocationList;
  }

  /** Forget messages, ephemerals and logs (channels stay): one emulator can serve several tests. */
  reset(): void {
    for (const [id, channel] of [...this.channelMap]) {
      if (channel.dmUser) {
        this.channelMap.delete(id);
        this.messageMap.delete(id);
      } else this.messageMap.set(id, []);
    }
    this.ephemeralList = [];
    this.callList.length = 0;
    this.violationList.length = 0;
    this.invocationList.length = 0;
    this.changed();
  }
}
