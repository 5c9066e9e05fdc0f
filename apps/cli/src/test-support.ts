import { PassThrough } from 'node:stream';
import type { ActionResult, AnyCommandDefinition } from './commands/definition';
import { COMMANDS } from './commands/index';
import type { CliContext } from './context';
import type { CliInputStream, CliIo, CliOutputStream } from './io';

/** A writable that keeps what was written, optionally pretending to be a terminal. */
export class MemoryOutput implements CliOutputStream {
  text = '';
  constructor(readonly isTTY = false) {}
  write(chunk: string | Uint8Array): boolean {
    this.text += typeof chunk === 'string' ? chunk : Buffer.from(chunk).toString('utf8');
    return true;
  }
  // The cursor moves a terminal spinner makes; nothing to do in memory.
  cursorTo(): boolean {
    return true;
  }
  clearLine(): boolean {
    return true;
  }
  moveCursor(): boolean {
    return true;
  }
}

/** A readable that can pretend to be a terminal and records raw-mode switches. */
export class FakeTerminalInput extends PassThrough implements CliInputStream {
  readonly rawModes: boolean[] = [];
  constructor(readonly isTTY: boolean) {
    super();
  }
  setRawMode(mode: boolean): this {
    this.rawModes.push(mode);
    return this;
  }
}

/** An in-memory io for unit tests. */
export function memoryIo(options: { env?: Record<string, string>; tty?: boolean } = {}) {
  const stdout = new MemoryOutput(options.tty);
  const stderr = new MemoryOutput(options.tty);
  const stdin = new FakeTerminalInput(options.tty ?? false);
  const io: CliIo = { stdout, stderr, stdin, env: options.env ?? {}, cwd: process.cwd() };
  return { io, stdout, stderr, stdin };
}

/** One run of a stub command: which command, with what. */
export interface RecordedRun {
  readonly name: string;
  readonly positionals: readonly string[];
  readonly options: unknown;
  readonly context: CliContext;
}

/**
 * Every command with its `run` replaced by a recorder (and, optionally, a result or failure), so the
 * program, its parsing and its help are tested alone, without the SDK.
 */
export function recordingCommands(
  runs: RecordedRun[],
  result?: () => Promise<ActionResult>,
): AnyCommandDefinition[] {
  return COMMANDS.map((definition) => ({
    ...definition,
    run: async (context: CliContext, positionals: readonly string[], options: unknown) => {
      runs.push({ name: definition.name, positionals, options, context });
      return result?.();
    },
  }));
}
