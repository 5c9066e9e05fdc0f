import { CliUsageError } from '../exit-codes';
import type { CliInputStream, CliOutputStream } from '../io';

/** Thrown when the user presses Ctrl-C or Ctrl-D at a prompt. */
export class PromptCancelledError extends Error {
  constructor() {
    super('Cancelled at the prompt.');
    this.name = 'PromptCancelledError';
  }
}

/** Where a prompt reads keys and writes its question. */
export interface PromptStreams {
  readonly input: CliInputStream;
  readonly output: CliOutputStream;
}

const ENTER = new Set(['\r', '\n']);
const CTRL_C = '\u0003';
const CTRL_D = '\u0004';
const BACKSPACE = new Set(['\u007f', '\b']);

/**
 * Asks a question on a terminal and reads one line. With `hidden`, the terminal is put in raw mode and
 * nothing is echoed (for passwords). Ctrl-C or Ctrl-D reject with {@link PromptCancelledError}.
 */
export function promptLine(streams: PromptStreams, question: string, options: { hidden?: boolean } = {}) {
  const { input, output } = streams;
  if (input.isTTY !== true || typeof input.setRawMode !== 'function') {
    return Promise.reject(new CliUsageError('Cannot ask on this input: it is not a terminal.'));
  }
  const setRawMode = input.setRawMode.bind(input);
  // Raw mode (no echo) before the question: an answer typed the moment it appears is never echoed.
  setRawMode(true);
  output.write(question);
  return new Promise<string>((resolve, reject) => {
    let answer = '';
    const finish = (error?: Error) => {
      input.off('data', onData);
      setRawMode(false);
      input.pause();
      output.write('\n');
      if (error) reject(error);
      else resolve(answer);
    };
    const onData = (chunk: Buffer | string) => {
      for (const char of chunk.toString('utf8')) {
        if (ENTER.has(char)) return finish();
        if (char === CTRL_C || char === CTRL_D) return finish(new PromptCancelledError());
        if (BACKSPACE.has(char)) {
          if (answer.length > 0) {
            answer = [...answer].slice(0, -1).join('');
            if (options.hidden !== true) output.write('\b \b');
          }
          continue;
        }
        // Ignore other control characters (arrows arrive as escape sequences).
        if (char < ' ') continue;
        answer += char;
        if (options.hidden !== true) output.write(char);
      }
    };
    input.resume();
    input.on('data', onData);
  });
}

/** Reads the whole of a non-terminal input (a pipe) and returns its first line, without the line break. */
export async function readFirstLine(input: CliInputStream): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of input) chunks.push(Buffer.isBuffer(chunk) ? chunk : Buffer.from(String(chunk)));
  const text = Buffer.concat(chunks).toString('utf8');
  return text.split(/\r?\n/, 1)[0] ?? '';
}
