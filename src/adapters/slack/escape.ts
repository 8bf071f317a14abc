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
 * Turn a user's message into a plain question: mentions of people, channels and groups (`<@U…>`, `<#C…|name>`,
 * `<!here>`) are addressing, not part of what is asked, so they go; links read as their label; then unescape.
 * "what is IRIS? cc @Maria" asks about IRIS, not about Maria.
 */
export function questionFromMessage(text: string): string {
  const t = text
    .replace(/<[@#!][^>]*>/g, ' ')
    .replace(/<((?:https?|mailto):[^|>]+)(?:\|([^>]*))?>/g, (_m, url: string, label?: string) => label || url);
  return unescapeSlack(t)
    .replace(/(^|\s)(?:cc|fyi)\s*[:,]?\s*$/i, '$1')
    .replace(/\s+/g, ' ')
    .trim();
}
