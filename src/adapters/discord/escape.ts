/**
 * @module adapters/discord/escape
 * Makes corpus text inert in Discord: markdown is escaped so it shows as written, and mention
 * syntax is broken with a zero-width space in message content (allowedMentions already stops pings;
 * this keeps `@everyone` from even looking like a live mention).
 */
import { escapeMarkdown } from 'discord.js';

const ZWSP = '\u200b';

/** Escape every Discord markdown construct in `text`, including headings, lists, masked links and quotes. */
export function escapeText(text: string): string {
  const escaped = escapeMarkdown(text, { heading: true, bulletedList: true, numberedList: true, maskedLink: true });
  return escaped.replace(/^(\s*)>/gm, '$1\\>');
}

/** Break `@everyone`, `@here` and `<@…>` / `<#…>` mention syntax with a zero-width space. */
export function defuseMentions(text: string): string {
  return text.replace(/@(everyone|here)/g, `@${ZWSP}$1`).replace(/<([@#])/g, `<${ZWSP}$1`);
}

/** Escaped and defused: for corpus or user text placed in message content. */
export function inertText(text: string): string {
  return defuseMentions(escapeText(text));
}

/**
 * A user's question without mentions of users, roles or channels (`<@…>`, `<@!…>`, `<@&…>`, `<#…>`, @everyone,
 * @here): they address people, they are not part of what is asked ("what is IRIS? cc @Maria").
 */
export function withoutMentions(text: string): string {
  return text
    .replace(/<(?:@[!&]?|#)\d+>/g, ' ')
    .replace(/(^|\s)@(?:everyone|here)\b/g, '$1')
    .replace(/(^|\s)(?:cc|fyi)\s*[:,]?\s*$/i, '$1')
    .replace(/\s+/g, ' ')
    .trim();
}

/** Text for inside a ``` code block: only a triple backtick could end it early. */
export function codeBlockSafe(text: string): string {
  return text.replace(/`/g, `\`${ZWSP}`);
}
