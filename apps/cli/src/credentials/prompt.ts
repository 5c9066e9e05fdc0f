import type { Writable } from 'node:stream';
import { CliUsageError } from '../errors/cli-usage-error';
import type { CliInputStream, CliOutputStream } from '../io';

/** Thrown when the user presses Ctrl-C at a prompt. */
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

/**
 * Asks a question on a terminal and reads one line, with @clack/prompts, which edits the line the
 * way terminals do: arrow keys move the cursor, backspace and delete remove, a paste arrives whole,
 * Ctrl-C cancels and the terminal's mode is restored on every way out. With `hidden` (passwords)
 * nothing of the answer is shown, not even its length. Loaded only when a prompt is needed.
 *
 * @throws CliUsageError when the input is not a terminal (scripts give the value another way).
 * @throws PromptCancelledError on Ctrl-C.
 */
export async function promptLine(
  streams: PromptStreams,
  question: string,
  options: { hidden?: boolean } = {},
): Promise<string> {
  const { input, output } = streams;
  if (input.isTTY !== true || typeof input.setRawMode !== 'function') {
    throw new CliUsageError('Cannot ask on this input: it is not a terminal.');
  }
  const { isCancel, password, text } = await import('@clack/prompts');
  // The CLI's streams are the process's (a terminal here); clack needs the Writable type.
  const common = { message: question, input, output: output as Writable, withGuide: false };
  const answer = options.hidden === true ? await password({ ...common, mask: '' }) : await text(common);
  if (isCancel(answer)) throw new PromptCancelledError();
  return answer ?? '';
}

/** Reads the whole of a non-terminal input (a pipe) and returns its first line, without the line break. */
export async function readFirstLine(input: CliInputStream): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of input) chunks.push(Buffer.isBuffer(chunk) ? chunk : Buffer.from(String(chunk)));
  const text = Buffer.concat(chunks).toString('utf8');
  return text.split(/\r?\n/, 1)[0] ?? '';
}
