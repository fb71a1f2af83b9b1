/**
 * The response_url handed out with each slash command and button click. Slack lets a bot use one up to 5 times
 * within 30 minutes; the URL remembers which channel and user it answers, and which message it may replace.
 */
import { randomBytes } from 'node:crypto';

/** A message the URL can replace or delete: the clicked one (actions), or the last one it posted (commands). */
export type MessageRef = { ts: string; ephemeral: boolean };

export type ResponseTarget = {
  url: string;
  path: string;
  kind: 'command' | 'action';
  channel: string;
  user: string;
  createdAt: number;
  uses: number;
  original: MessageRef | undefined;
};

export const RESPONSE_URL_MAX_USES = 5;
export const RESPONSE_URL_TTL_MS = 30 * 60 * 1000;

export class ResponseUrls {
  private readonly targets = new Map<string, ResponseTarget>();
  private counter = 0;

  constructor(
    private readonly baseUrl: string,
    private readonly teamId: string,
    private readonly now: () => number,
  ) {}

  /** A new URL shaped like Slack's `https://hooks.slack.com/commands/T…/123/abc`, served by the emulator. */
  create(kind: 'command' | 'action', channel: string, user: string, original?: MessageRef): ResponseTarget {
    this.counter += 1;
    const secret = randomBytes(12).toString('hex');
    const path = `/${kind === 'command' ? 'commands' : 'actions'}/${this.teamId}/${this.counter}/${secret}`;
    const target = {
      url: `${this.baseUrl}${path}`,
      path,
      kind,
      channel,
      user,
      createdAt: this.now(),
      uses: 0,
      original,
    };
    this.targets.set(path, target);
    return target;
  }

  get(path: string): ResponseTarget | undefined {
    return this.targets.get(path);
  }

  clear(): void {
    this.targets.clear();
  }
}
