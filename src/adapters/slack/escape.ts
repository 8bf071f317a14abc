/**
 * @module adapters/slack/escape
 * Slack mrkdwn control characters. Corpus text and echoed questions pass through here so that a document
 * or a user can never trigger `@channel`, `@here`, a user mention or a link: Slack only parses `<…>`,
 * and once `&`, `<`, `>` are entities nothing inside can open one.
 */

/** Escape `&`, `<`, `>` for any Slack text that is parsed as mrkdwn (including the `text` fallback). */
export function escapeMrkdwn(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

/** Undo Slack's escaping of user-typed text (events and slash commands arrive escaped). */
export function unescapeSlack(text: string): string {
  return text.replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&amp;/g, '&');
}

/**
 * Turn a user's message into a plain question: drop mentions of the bot, show other mentions, channels
 * and links by their label, then unescape.
 */
export function questionFromMessage(text: string, botUserId?: string): string {
  let t = text;
  if (botUserId) t = t.split(`<@${botUserId}>`).join(' ');
  t = t
    .replace(/<@([A-Z0-9]+)(?:\|([^>]*))?>/g, (_m, id: string, label?: string) => `@${label || id}`)
    .replace(/<#([A-Z0-9]+)(?:\|([^>]*))?>/g, (_m, id: string, label?: string) => `#${label || id}`)
    .replace(/<!([a-z]+)(?:\|[^>]*)?>/g, (_m, word: string) => `@${word}`)
    .replace(/<((?:https?|mailto):[^|>]+)(?:\|([^>]*))?>/g, (_m, url: string, label?: string) => label || url);
  return unescapeSlack(t).replace(/\s+/g, ' ').trim();
}
