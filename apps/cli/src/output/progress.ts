import yoctoSpinner, { type Spinner } from 'yocto-spinner';
import type { CliOutputStream } from '../io';
import type { Colors } from './colors';

/**
 * Progress of one long step (a login, a remote service) on stderr: a spinner on terminals, one plain
 * line per change elsewhere, so logs and CI output stay readable.
 */
export interface Progress {
  /** Begins the step. */
  start(text: string): void;
  /** Shows a new intermediate state (e.g. `PENDING`, `DELIVERED`); repeated texts are shown once. */
  update(text: string): void;
  /** Ends the step successfully with a final line. */
  succeed(text: string): void;
  /** Ends the step as failed with a final line. */
  fail(text: string): void;
  /** Ends the step without a final line (e.g. when interrupted). */
  stop(): void;
}

/** Options of {@link createProgress}. */
export interface ProgressOptions {
  /** Where progress goes; always stderr in the CLI. */
  readonly stream: CliOutputStream;
  /** Animate a spinner (terminals only) instead of writing plain lines. */
  readonly animate: boolean;
  /** Colours for the final symbols. */
  readonly colors: Colors;
}

/** A {@link Progress} that animates on terminals and writes plain lines otherwise. */
export function createProgress(options: ProgressOptions): Progress {
  return options.animate ? new SpinnerProgress(options) : new LineProgress(options);
}

class LineProgress implements Progress {
  #last: string | undefined;

  constructor(private readonly options: ProgressOptions) {}

  start(text: string): void {
    this.#write(text);
  }

  update(text: string): void {
    this.#write(text);
  }

  succeed(text: string): void {
    this.#last = undefined;
    this.options.stream.write(`${this.options.colors.green('✔')} ${text}\n`);
  }

  fail(text: string): void {
    this.#last = undefined;
    this.options.stream.write(`${this.options.colors.red('✖')} ${text}\n`);
  }

  stop(): void {
    this.#last = undefined;
  }

  #write(text: string): void {
    if (text === this.#last) return;
    this.#last = text;
    this.options.stream.write(`${text}\n`);
  }
}

class SpinnerProgress implements Progress {
  readonly #spinner: Spinner;

  constructor(options: ProgressOptions) {
    // The CLI handles SIGINT itself (token store flush, exit 130), so the spinner must not.
    this.#spinner = yoctoSpinner({ stream: options.stream as NodeJS.WriteStream, handleSignals: false });
  }

  start(text: string): void {
    this.#spinner.start(text);
  }

  update(text: string): void {
    if (!this.#spinner.isSpinning) this.#spinner.start(text);
    else this.#spinner.text = text;
  }

  succeed(text: string): void {
    this.#spinner.success(text);
  }

  fail(text: string): void {
    this.#spinner.error(text);
  }

  stop(): void {
    if (this.#spinner.isSpinning) this.#spinner.stop();
  }
}
