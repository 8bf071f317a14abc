import { describe, expect, it } from 'vitest';
import { withoutMentions } from '../../src/adapters/discord/escape.js';

describe('questions typed with mentions', () => {
  it('GIVEN user, nickname, role and channel mentions, @everyone and a trailing cc THEN only the question is left', () => {
    expect(withoutMentions('<@111> what is IRIS? cc <@!222>')).toBe('what is IRIS?');
    expect(withoutMentions('<@&333> @here when did IOM join the UN? fyi: <#444>')).toBe('when did IOM join the UN?');
    expect(withoutMentions('what does the GCM say about <#444> returns?')).toBe('what does the GCM say about returns?');
  });
  it('GIVEN text that only looks like a mention THEN it stays', () => {
    expect(withoutMentions('is <@abc> a mention? email me@here.org')).toBe('is <@abc> a mention? email me@here.org');
  });
});
