import { describe, expect, it } from 'vitest';
import { FakeTerminalInput, MemoryOutput } from '../test-support';
import { PromptCancelledError, promptLine, readFirstLine } from './prompt';

describe('promptLine', () => {
  it('reads a hidden answer in raw mode without echoing it', async () => {
    const input = new FakeTerminalInput(true);
    const output = new MemoryOutput(true);
    const answer = promptLine({ input, output }, 'Password: ', { hidden: true });
    input.write('s3cr');
    input.write('x\u007fet\r');
    expect(await answer).toBe('s3cret');
    expect(output.text).toBe('Password: \n');
    expect(input.rawModes).toEqual([true, false]);
  });

  it('echoes a visible answer and handles backspace', async () => {
    const input = new FakeTerminalInput(true);
    const output = new MemoryOutput(true);
    const answer = promptLine({ input, output }, 'User: ');
    input.write('ab\u007fc\n');
    expect(await answer).toBe('ac');
    expect(output.text).toBe('User: ab\b \bc\n');
  });

  it('rejects on Ctrl-C and restores the terminal', async () => {
    const input = new FakeTerminalInput(true);
    const answer = promptLine({ input, output: new MemoryOutput(true) }, 'Password: ', { hidden: true });
    input.write('abc\u0003');
    await expect(answer).rejects.toBeInstanceOf(PromptCancelledError);
    expect(input.rawModes).toEqual([true, false]);
  });

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
