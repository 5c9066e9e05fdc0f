import { describe, expect, it } from 'vitest';
import { FakeTerminalInput, MemoryOutput } from '../test-support';
import { promptLine, readFirstLine } from './prompt';

// Answering on a real terminal (arrow keys, backspace, paste, Ctrl-C) is tested through a
// pseudo-terminal in test/terminal.test.ts.
describe('promptLine', () => {
  it('refuses to prompt when the input is not a terminal', async () => {
    await expect(
      promptLine({ input: new FakeTerminalInput(false), output: new MemoryOutput() }, '?'),
    ).rejects.toThrow(/not a terminal/);
  });
});

describe('readFirstLine', () => {
  it('returns the first line of a pipe without its line break', async () => {
    const input = new FakeTerminalInput(false);
    input.end('pass word\r\nsecond line\n');
    expect(await readFirstLine(input)).toBe('pass word');
  });
});
