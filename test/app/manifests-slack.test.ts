/**
 * The Slack app manifests (HTTP and Socket Mode) against the manifest schema's rules that matter (reference
 * §A9), the scopes the bot needs, and the Alertmanager receiver against what POST /alerts expects.
 */
import { readFileSync } from 'node:fs';
import { parse } from 'yaml';
import { describe, expect, it } from 'vitest';

type SlackManifest = {
  display_information: { name: string; description?: string };
  features: {
    bot_user?: { display_name: string };
    slash_commands: { command: string; description: string; usage_hint?: string; url?: string }[];
  };
  oauth_config: { scopes: { bot: string[] } };
  settings: {
    interactivity: { is_enabled: boolean; request_url?: string };
    socket_mode_enabled?: boolean;
    event_subscriptions?: unknown;
  };
};

const read = (path: string): string => readFileSync(path, 'utf8');
const manifest = (mode: 'http' | 'socket') =>
  parse(read(`manifests/slack/app-manifest-${mode}.yaml`)) as SlackManifest;
const SCOPES = ['commands', 'chat:write', 'chat:write.public', 'usergroups:read', 'users:read'];

describe.each(['http', 'socket'] as const)('manifests/slack/app-manifest-%s.yaml', (mode) => {
  it('stays within the manifest schema limits', () => {
    const m = manifest(mode);
    expect(m.display_information.name.length).toBeLessThanOrEqual(35);
    expect((m.display_information.description ?? '').length).toBeLessThanOrEqual(140);
    expect(m.features.bot_user?.display_name.length).toBeLessThanOrEqual(80);
    for (const command of m.features.slash_commands) {
      expect(command.command).toMatch(/^\/.{1,31}$/);
      expect((command.usage_hint ?? '').length).toBeLessThanOrEqual(1000);
    }
  });

  it('declares /sre with a usage hint, interactivity, and exactly the scopes the bot uses, each explained', () => {
    const m = manifest(mode);
    const [sre, ...others] = m.features.slash_commands;
    expect(others).toEqual([]);
    expect(sre).toMatchObject({ command: '/sre' });
    expect(sre!.usage_hint).toContain('diagnose NAMESPACE[/DEPLOYMENT]');
    expect(sre!.usage_hint).toContain('status');
    expect(m.settings.interactivity.is_enabled).toBe(true);
    expect(m.oauth_config.scopes.bot).toEqual(SCOPES);
    // No event subscriptions: the bot listens to the command and buttons only.
    expect(m.settings.event_subscriptions).toBeUndefined();
    // Every scope has a comment right above it saying why.
    const lines = read(`manifests/slack/app-manifest-${mode}.yaml`).split('\n');
    for (const scope of SCOPES) {
      const index = lines.findIndex((line) => line.trim() === `- ${scope}`);
      expect(lines[index - 1]!.trim().startsWith('#')).toBe(true);
    }
  });

  it(mode === 'http' ? 'points every URL at /slack/events' : 'has Socket Mode on and no URLs', () => {
    const m = manifest(mode);
    const urls = [m.features.slash_commands[0]!.url, m.settings.interactivity.request_url];
    if (mode === 'http') {
      expect(m.settings.socket_mode_enabled).toBe(false);
      for (const url of urls) expect(url).toMatch(/^https:\/\/[^/]+\/slack\/events$/);
    } else {
      expect(m.settings.socket_mode_enabled).toBe(true);
      expect(urls).toEqual([undefined, undefined]);
    }
  });
});

describe('manifests/alertmanager/receiver.yaml', () => {
  type Receiver = {
    name: string;
    webhook_configs: {
      url: string;
      send_resolved: boolean;
      http_config: { authorization: { type?: string; credentials?: string; credentials_file?: string } };
    }[];
  };
  const config = parse(read('manifests/alertmanager/receiver.yaml')) as {
    route: { routes: { receiver: string; group_by: string[]; matchers: string[] }[] };
    receivers: Receiver[];
  };

  it('sends resolved notifications to /alerts with a bearer token', () => {
    const [receiver] = config.receivers;
    const [webhook] = receiver!.webhook_configs;
    expect(webhook!.url).toMatch(/^http:\/\/sre-bot\.sre-bot\.svc:3000\/alerts$/);
    expect(webhook!.send_resolved).toBe(true);
    expect(webhook!.http_config.authorization.type ?? 'Bearer').toBe('Bearer');
    expect(
      webhook!.http_config.authorization.credentials ?? webhook!.http_config.authorization.credentials_file,
    ).toBeTruthy();
  });

  it('routes workload alerts to it, grouped by namespace and workload', () => {
    const [route] = config.route.routes;
    expect(route!.receiver).toBe(config.receivers[0]!.name);
    expect(route!.group_by).toEqual(expect.arrayContaining(['namespace', 'deployment']));
    expect(route!.matchers.join(' ')).toContain('KubePodCrashLooping');
  });

  it('uses the same placeholder token as the example Secret', () => {
    const secret = read('manifests/deploy/examples/secret.example.yaml');
    const token = config.receivers[0]!.webhook_configs[0]!.http_config.authorization.credentials!;
    expect(secret).toContain(`ALERTS_TOKEN: ${token}`);
  });
});
