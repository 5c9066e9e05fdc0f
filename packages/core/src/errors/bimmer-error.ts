/**
 * The stable machine-readable codes of every error bimmer throws on purpose. Adapters switch on
 * these (the CLI maps them to exit codes, Node-RED to node status), so they never change meaning.
 */
export type BimmerErrorCode =
  | 'auth'
  | 'captcha-required'
  | 'quota'
  | 'blocked'
  | 'api'
  | 'not-found'
  | 'remote-service'
  | 'unsupported'
  | 'validation';

/** Options shared by every bimmer error. */
export interface BimmerErrorOptions {
  /** The underlying error, kept for debugging. It must not carry a secret in its message. */
  cause?: unknown;
  /** What the user can do next, in one sentence. */
  hint?: string;
}

/**
 * The base of every typed bimmer error. Messages say what happened and what to do next and never
 * contain a password, token or captcha token.
 */
export abstract class BimmerError extends Error {
  /** The stable code of this kind of error. */
  abstract readonly code: BimmerErrorCode;
  /** What the user can do next, when there is something to do. */
  readonly hint: string | undefined;

  constructor(message: string, options: BimmerErrorOptions = {}) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.name = new.target.name;
    this.hint = options.hint;
  }

  /** A plain form for logs and `--json` output: code, message and hint, never the cause. */
  toJSON(): { code: BimmerErrorCode; name: string; message: string; hint?: string } {
    return {
      code: this.code,
      name: this.name,
      message: this.message,
      ...(this.hint === undefined ? {} : { hint: this.hint }),
    };
  }
}

/** True when `value` is a bimmer error, optionally of one code. */
export function isBimmerError(value: unknown, code?: BimmerErrorCode): value is BimmerError {
  return value instanceof BimmerError && (code === undefined || value.code === code);
}
