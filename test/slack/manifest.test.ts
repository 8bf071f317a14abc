/** The shipped app manifest, parsed as Slack would, checked against what the adapter listens for. */
import { readdirSync, readFileSync } from 'node:fs';
import { parse } from 'yaml';
import { describe, expect, it } from 'vitest';
import { LISTENERS } from '../../src/adapters/slack/index.js';

interface Manifest {
  display_information: { name: string; description: string };
  features: {
    bot_user: { display_name: string };
    app_home?: { messages_tab_enabled?: boolean; messages_tab_read_only_enabled?: boolean };
    slash_commands: Array<{ command: string; description: string; usage_hint?: string; should_escape?: boolean; url?: string }>;
  };
  oauth_config: { scopes: { bot: string[] } };
  settings: {
    event_subscriptions: { bot_events: string[]; request_url?: string };
    interactivity: { is_enabled: boolean };
    socket_mode_enabled: boolean;
  };
}

const manifest = parse(readFileSync(new URL('../../slack/manifest.yml', import.meta.url), 'utf8')) as Manifest;

describe('slack/manifest.yml', () => {
  it('GIVEN the manifest THEN it names the bot and describes it within Slack’s limits', () => {
    expect(manifest.display_information.name).toBe('quotebot');
    expect(manifest.display_information.description.length).toBeLessThanOrEqual(140);
    expect(manifest.features.bot_user.display_name).toBe('quotebot');
  });

  it('GIVEN the manifest THEN it requests every scope the adapter uses', () => {
    const scopes = manifest.oauth_config.scopes.bot;
    for (const s of ['app_mentions:read', 'chat:write', 'commands', 'im:history', 'reactions:write', 'channels:history', 'groups:history']) {
      expect(scopes).toContain(s);
    }
    expect(new Set(scopes).size).toBe(scopes.length);
  });

  it('GIVEN every Web API method the adapter calls THEN the manifest grants its scopes', () => {
    // Scopes per method, from Slack's method reference.
    const needs: Record<string, string[]> = {
      'chat.postMessage': ['chat:write'],
      'chat.postEphemeral': ['chat:write'],
      'reactions.add': ['reactions:write'],
      'reactions.remove': ['reactions:write'],
      'conversations.replies': ['channels:history', 'groups:history', 'im:history', 'mpim:history'],
    };
    const dir = new URL('../../src/adapters/slack/', import.meta.url);
    const files = readdirSync(dir, { recursive: true, encoding: 'utf8' }).filter((f) => f.endsWith('.ts'));
    const called = new Set<string>();
    for (const f of files) {
      for (const m of readFileSync(new URL(f, dir), 'utf8').matchAll(/client\.([a-z]+)\.([a-zA-Z]+)\(/g)) called.add(`${m[1]}.${m[2]}`);
    }
    expect([...called].sort()).toEqual(Object.keys(needs).sort());
    for (const m of called) for (const scope of needs[m]!) expect(manifest.oauth_config.scopes.bot, `${m} needs ${scope}`).toContain(scope);
  });

  it('GIVEN the manifest THEN /ask exists, unescaped as the adapter expects, with a usage hint', () => {
    const ask = manifest.features.slash_commands.find((c) => c.command === '/ask');
    expect(ask).toBeDefined();
    expect(ask!.description.length).toBeGreaterThan(0);
    expect(ask!.should_escape).toBe(false);
    expect(ask!.usage_hint).toContain('--private');
    expect(LISTENERS.map((l) => l.name)).toContain('/ask');
  });

  it('GIVEN the manifest THEN it subscribes to the events the listeners handle and users can DM the bot', () => {
    expect(manifest.settings.event_subscriptions.bot_events.sort()).toEqual(['app_mention', 'message.im']);
    expect(LISTENERS.map((l) => l.name)).toEqual(expect.arrayContaining(['app_mention', 'message.im']));
    expect(manifest.features.app_home?.messages_tab_enabled).toBe(true);
    expect(manifest.features.app_home?.messages_tab_read_only_enabled).toBe(false);
  });

  it('GIVEN the manifest THEN interactivity (the buttons) and Socket Mode are on, with no public URL required', () => {
    expect(manifest.settings.interactivity.is_enabled).toBe(true);
    expect(manifest.settings.socket_mode_enabled).toBe(true);
    expect(manifest.settings.event_subscriptions.request_url).toBeUndefined();
    expect(manifest.features.slash_commands.every((c) => c.url === undefined)).toBe(true);
  });
});
