import { describe, expect, it } from 'vitest';
import { Cleanups } from './cleanups';

describe('Cleanups', () => {
  it('runs every step once, newest first, and skips removed ones', async () => {
    const cleanups = new Cleanups();
    const ran: string[] = [];
    cleanups.add(() => {
      ran.push('first');
    });
    const remove = cleanups.add(() => {
      ran.push('removed');
    });
    cleanups.add(async () => {
      ran.push('last');
    });
    remove();
    await cleanups.run();
    await cleanups.run();
    expect(ran).toEqual(['last', 'first']);
  });

  it('does not wait forever for a step that hangs', async () => {
    const cleanups = new Cleanups();
    cleanups.add(() => new Promise(() => undefined));
    await cleanups.run(20);
  });

  it('hands signals to a command that took them over, until it gives them back', () => {
    const cleanups = new Cleanups();
    expect(cleanups.interceptSignal('SIGINT')).toBe(false);
    const seen: string[] = [];
    const release = cleanups.takeOverSignals((signal) => seen.push(signal));
    expect(cleanups.interceptSignal('SIGTERM')).toBe(true);
    release();
    expect(cleanups.interceptSignal('SIGINT')).toBe(false);
    expect(seen).toEqual(['SIGTERM']);
  });
});
