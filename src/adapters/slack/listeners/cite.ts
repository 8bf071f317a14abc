/**
 * @module adapters/slack/listeners/cite
 * "Cite": the full reference in the configured style plus the quote, posted to the clicking user only.
 */
import { CITE_ACTION, type CiteValue } from '../action-values.js';
import type { SlackListener } from '../listener.js';
import { renderCite } from '../render.js';
import { onButton } from './button-click.js';
import { replyPrivately } from './private-reply.js';

/** Every "Cite" button (one per quote). */
export const cite = {
  name: 'quotebot_cite',
  register(app, rt) {
    onButton<CiteValue>(
      app,
      rt,
      CITE_ACTION,
      (click) => replyPrivately(click, renderCite(click.value)),
      (value) => Boolean(value.quote && value.full),
    );
  },
} satisfies SlackListener;
