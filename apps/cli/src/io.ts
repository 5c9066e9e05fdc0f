import type { Readable, Writable } from 'node:stream';

/** A writable stream that may be a terminal (as `process.stdout` and `process.stderr` are). */
export interface CliOutputStream extends Pick<Writable, 'write'> {
  /** True when the stream is a terminal. */
  readonly isTTY?: boolean;
  /** Terminal width in columns, when known. */
  readonly columns?: number;
}

/** A readable stream that may be a terminal whose raw mode can be switched (as `process.stdin`). */
export interface CliInputStream extends Readable {
  /** True when the stream is a terminal. */
  readonly isTTY?: boolean;
  /** Switches the terminal to raw mode (no echo, one key at a time); present only on terminals. */
  setRawMode?(mode: boolean): unknown;
}

/**
 * Everything the CLI touches of the outside world, injected so commands can be run in-process in tests
 * and so nothing reaches for `process` behind the program's back.
 */
export interface CliIo {
  /** Data: status text, JSON, results. Nothing else is written here. */
  readonly stdout: CliOutputStream;
  /** Progress, spinners, prompts, warnings, errors and debug logs. */
  readonly stderr: CliOutputStream;
  /** Where a hidden password prompt reads from. */
  readonly stdin: CliInputStream;
  /** The environment (credentials, `NO_COLOR`, `BIMMER_*`). */
  readonly env: Readonly<Record<string, string | undefined>>;
  /** The working directory relative paths resolve against. */
  readonly cwd: string;
}

/** The real process streams, environment and working directory. */
export function processIo(): CliIo {
  return {
    stdout: process.stdout,
    stderr: process.stderr,
    stdin: process.stdin,
    env: process.env,
    cwd: process.cwd(),
  };
}
