import { compact } from '../util/compact';

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

/**
 * What the user can do about an error, machine-readable, so that each adapter words the advice in
 * its own terms (the CLI names a command, Node-RED a button, Homebridge a config field):
 * - `mybmw-login`: log in to MyBMW again (username, password, region);
 * - `captcha-token`: a new captcha token is needed for the MyBMW login;
 * - `cardata-login`: run CarData's device-code login (again);
 * - `cardata-portal`: change something in BMW's CarData portal (client, stream, mappings);
 * - `use-cardata`: MyBMW refuses this client; read the vehicle over CarData instead;
 * - `use-hub`: another program holds this account's one BMW stream; share it through `bimmer hub`;
 * - `wait`: a rate limit or quota; try again after `retryAt` when the error has one;
 * - `check-vin`: the vehicle is not on this account, or lacks the feature;
 * - `check-input`: an argument or setting is invalid (the message says which);
 * - `check-network`: BMW (or the configured base URL) could not be reached;
 * - `check-files`: a token or state file cannot be read or written (the message names the path).
 */
export type BimmerErrorAction =
  | 'mybmw-login'
  | 'captcha-token'
  | 'cardata-login'
  | 'cardata-portal'
  | 'use-cardata'
  | 'use-hub'
  | 'wait'
  | 'check-vin'
  | 'check-input'
  | 'check-network'
  | 'check-files';

/** Options shared by every bimmer error. */
export interface BimmerErrorOptions {
  /** The underlying error, kept for debugging. It must not carry a secret in its message. */
  cause?: unknown;
  /** What the user can do next, in one sentence of SDK words (no CLI command names). */
  hint?: string | undefined;
  /** What the user can do next, machine-readable, for adapters to word themselves. */
  action?: BimmerErrorAction | undefined;
}

/**
 * Marks bimmer errors across copies of this package: Node-RED loads the CommonJS build while an
 * application may load the ESM build, and each build has its own `BimmerError` class, so
 * `instanceof` fails across them. A registered symbol is the same in both.
 */
const BIMMER_ERROR_MARKER = Symbol.for('bimmer.error');

/**
 * The base of every typed bimmer error. Messages say what happened and what to do next and never
 * contain a password, token or captcha token.
 */
export abstract class BimmerError extends Error {
  /** The stable code of this kind of error. */
  abstract readonly code: BimmerErrorCode;
  /** What the user can do next, when there is something to do. */
  readonly hint: string | undefined;
  /** What the user can do next, machine-readable (see {@link BimmerErrorAction}). */
  readonly action: BimmerErrorAction | undefined;
  readonly [BIMMER_ERROR_MARKER] = true;

  constructor(message: string, options: BimmerErrorOptions = {}) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.name = new.target.name;
    this.hint = options.hint;
    this.action = options.action;
  }

  /** True for a bimmer error from any copy of this package (ESM or CommonJS build). */
  static isInstance(value: unknown): value is BimmerError {
    return (
      typeof value === 'object' &&
      value !== null &&
      (value as { [BIMMER_ERROR_MARKER]?: unknown })[BIMMER_ERROR_MARKER] === true
    );
  }

  /** A plain form for logs and `--json` output: code, message, hint and action, never the cause. */
  toJSON(): {
    code: BimmerErrorCode;
    name: string;
    message: string;
    hint?: string;
    action?: BimmerErrorAction;
  } {
    // Absent, not undefined: the JSON form of an error has no empty keys.
    return compact({
      code: this.code,
      name: this.name,
      message: this.message,
      hint: this.hint,
      action: this.action,
    });
  }
}

/**
 * True when `value` is a bimmer error, optionally of one code. Works across module systems (an ESM
 * and a CommonJS copy of bimmer in one process), unlike `instanceof`.
 */
export function isBimmerError(value: unknown, code?: BimmerErrorCode): value is BimmerError {
  return BimmerError.isInstance(value) && (code === undefined || value.code === code);
}
