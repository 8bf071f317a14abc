/**
 * @module adapters/discord/custom-ids
 * Button custom ids: `qb:<action>:<answer key>`. The key points into the answer store, because a
 * custom id (≤ 100 characters) cannot carry a question of up to 2,000.
 */
export type ButtonAction = 'more' | 'cite' | 'helpful' | 'not_helpful';

const ACTIONS: readonly ButtonAction[] = ['more', 'cite', 'helpful', 'not_helpful'];
const PREFIX = 'qb';

/** The custom id of a quotebot button. */
export function buttonId(action: ButtonAction, key: string): string {
  return `${PREFIX}:${action}:${key}`;
}

/** Parse a custom id; null when it is not one of ours. */
export function parseButtonId(id: string): { action: ButtonAction; key: string } | null {
  const [prefix, action, key, ...rest] = id.split(':');
  if (prefix !== PREFIX || rest.length || !key) return null;
  if (!(ACTIONS as readonly string[]).includes(action ?? '')) return null;
  return { action: action as ButtonAction, key };
}
