import { describe, expect, it } from 'vitest';
import { runUntilSignal } from '../../src/adapters/shared/run-until-signal.js';

describe('running bots until a signal', () => {
  it('GIVEN SIGTERM THEN every bot is stopped, a failing stop is reported and does not block the others', async () => {
    const listenersBefore = process.listenerCount('SIGTERM');
    const stopped: string[] = [];
    const errors: unknown[] = [];
    const done = runUntilSignal(
      [
        { stop: async () => void stopped.push('a') },
        { stop: async () => Promise.reject(new Error('socket already closed')) },
        { stop: async () => void stopped.push('c') },
      ],
      (e) => errors.push(e),
    );
    process.emit('SIGTERM');
    await done;
    expect(stopped).toEqual(['a', 'c']);
    expect(errors).toHaveLength(1);
    expect(process.listenerCount('SIGTERM')).toBe(listenersBefore); // its own handlers are removed
  });
});
