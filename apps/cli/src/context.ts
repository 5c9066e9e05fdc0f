import type { Cleanups } from './cleanups';
import type { CliIo } from './io';
import { type Colors, createColors } from './output/colors';
import { createProgress, type Progress } from './output/progress';
import { terminalCapabilities } from './output/terminal';

/** The options every command accepts (before or after the command name). */
export interface GlobalOptions {
  readonly username?: string;
  readonly region?: string;
  readonly captchaToken?: string;
  readonly passwordStdin?: boolean;
  readonly tokenFile?: string;
  /** False with `--no-token-store`. */
  readonly tokenStore: boolean;
  readonly baseUrl?: string;
  /** `--stream-url`: the CarData MQTT broker. */
  readonly streamUrl?: string;
  readonly debug?: boolean;
  /** False with `--no-color`. */
  readonly color: boolean;
}

/** Messages for the person at the terminal, all on stderr. */
export interface CliLogger {
  /** A normal message (what happened, where a file went). */
  info(message: string): void;
  /** Something the user should notice. */
  warn(message: string): void;
  /** Only with `--debug`; never receives secrets. */
  debug(message: string): void;
}

/** What a command runs with: the io, the global options, colours, a logger and progress reporters. */
export interface CliContext {
  readonly io: CliIo;
  readonly options: GlobalOptions;
  /** Colours for stdout (data). */
  readonly stdoutColors: Colors;
  /** Colours for stderr (messages, progress). */
  readonly stderrColors: Colors;
  readonly log: CliLogger;
  /** A new progress reporter on stderr. */
  progress(): Progress;
  /** Steps run when the user presses Ctrl-C: stop animations, let token writes finish. */
  readonly cleanups: Cleanups;
}

/** Builds the context of one run from the io and the parsed global options. */
export function createContext(io: CliIo, options: GlobalOptions, cleanups: Cleanups): CliContext {
  const noColor = { noColor: !options.color };
  const stdoutTerminal = terminalCapabilities(io.stdout, io.env, noColor);
  const stderrTerminal = terminalCapabilities(io.stderr, io.env, noColor);
  const stderrColors = createColors(stderrTerminal.color);
  const log: CliLogger = {
    info: (message) => io.stderr.write(`${message}\n`),
    warn: (message) => io.stderr.write(`${stderrColors.yellow('warning:')} ${message}\n`),
    debug: (message) => {
      if (options.debug === true) io.stderr.write(`${stderrColors.dim(`debug: ${message}`)}\n`);
    },
  };
  return {
    io,
    options,
    stdoutColors: createColors(stdoutTerminal.color),
    stderrColors,
    log,
    progress: () =>
      createProgress({ stream: io.stderr, animate: stderrTerminal.animate, colors: stderrColors }),
    cleanups,
  };
}
