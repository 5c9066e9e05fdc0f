import { type CarDataUserCodePrompt, FileTokenStore, loginWithCarDataDeviceCode } from '@bimmer/auth';
import { BimmerValidationError, isBimmerError } from '@bimmer/core';
import type { AccountSettings } from '../config/account-settings';
import { carDataTokenFileOf } from './account-files';
import { storedCarDataLogin } from './open-live-account';

/**
 * Where the login of an account node stands, as `GET /bimmer/accounts/<id>/login` answers:
 * `pending` (waiting for the user to approve the code), `approved` (logged in: now, or a stored
 * login), `denied`, `expired`, `failed` (anything else ended it: `error` says what) or `none`.
 */
export type LoginState = 'pending' | 'approved' | 'denied' | 'expired' | 'failed' | 'none';

/** What the editor shows while a login runs. */
export interface LoginProgress {
  readonly state: LoginState;
  readonly userCode?: string | undefined;
  readonly verificationUri?: string | undefined;
  readonly verificationUriComplete?: string | undefined;
  /** ISO time the code stops working. */
  readonly expiresAt?: string | undefined;
  /** Polls so far while pending. */
  readonly polls?: number | undefined;
  /** Why it ended, for `denied`, `expired` and `failed`: never a secret. */
  readonly error?:
    | { readonly code: string; readonly message: string; readonly hint?: string | undefined }
    | undefined;
}

interface Attempt {
  progress: LoginProgress;
  abort: AbortController;
  tokenFile: string;
}

/** What the login manager needs from its surroundings. */
export interface LoginManagerContext {
  readonly userDir: () => string;
  /** Pushes progress to the editor (`RED.comms.publish`). */
  readonly publish: (id: string, progress: LoginProgress) => void;
  /** A login finished: the deployed account node (if any) opens its live account again. */
  readonly approved: (id: string) => void;
}

/** The comms topic the editor subscribes to for an account node's login progress. */
export function loginTopic(id: string): string {
  return `bimmer/login/${id}`;
}

/**
 * Runs CarData device-code logins started from the editor, one per account node id (a new start
 * cancels the previous one). The tokens go to the account's token file (0600, atomic), never into
 * the flow; an undeployed node can log in because everything is keyed by its id.
 */
export class LoginManager {
  readonly #attempts = new Map<string, Attempt>();
  readonly #context: LoginManagerContext;

  constructor(context: LoginManagerContext) {
    this.#context = context;
  }

  /**
   * Starts a login and resolves with the code to show once BMW issued it; the login then goes on in
   * the background until approved, denied or expired.
   *
   * @throws BimmerValidationError when the settings cannot log in (no client ID, not CarData).
   */
  async start(id: string, settings: AccountSettings): Promise<CarDataUserCodePrompt> {
    if (settings.transport !== 'cardata') {
      throw new BimmerValidationError(
        `The ${settings.transport} transport has no device-code login: only cardata logs in from the editor.`,
        { paths: ['transport'], action: 'check-input' },
      );
    }
    if (settings.clientId === undefined) {
      throw new BimmerValidationError('Enter the CarData client ID first (MyBMW portal → BMW CarData).', {
        paths: ['clientId'],
        action: 'check-input',
      });
    }
    this.cancel(id);
    const tokenFile = carDataTokenFileOf(this.#context.userDir(), id, settings);
    const abort = new AbortController();
    const attempt: Attempt = { progress: { state: 'pending' }, abort, tokenFile };
    this.#attempts.set(id, attempt);
    const update = (progress: LoginProgress) => {
      if (this.#attempts.get(id) !== attempt) return;
      attempt.progress = progress;
      this.#context.publish(id, progress);
    };
    return new Promise<CarDataUserCodePrompt>((resolve, reject) => {
      let prompted = false;
      loginWithCarDataDeviceCode({
        clientId: settings.clientId as string,
        tokenStore: new FileTokenStore(tokenFile),
        signal: abort.signal,
        ...(settings.baseUrl === undefined ? {} : { baseUrl: settings.baseUrl }),
        onUserCode: (prompt) => {
          prompted = true;
          update({
            state: 'pending',
            userCode: prompt.userCode,
            verificationUri: prompt.verificationUri,
            verificationUriComplete: prompt.verificationUriComplete,
            expiresAt: new Date(prompt.expiresAt).toISOString(),
            polls: 0,
          });
          resolve(prompt);
        },
        onPoll: (poll) => update({ ...attempt.progress, state: 'pending', polls: poll.attempt }),
      }).then(
        () => {
          if (this.#attempts.get(id) !== attempt) return;
          update({ state: 'approved' });
          this.#context.approved(id);
        },
        (error: unknown) => {
          if (!prompted) {
            this.#attempts.delete(id);
            reject(error);
            return;
          }
          if (abort.signal.aborted) return;
          update(endedBy(error));
        },
      );
    });
  }

  /** Cancels a running login of `id` (the dialog was closed, or a new login started). */
  cancel(id: string): void {
    const attempt = this.#attempts.get(id);
    if (attempt === undefined) return;
    this.#attempts.delete(id);
    attempt.abort.abort();
  }

  /** The progress of the login of `id`; without one, `approved` when a CarData login is stored. */
  async state(id: string, tokenFile: string): Promise<LoginProgress> {
    const attempt = this.#attempts.get(id);
    if (attempt !== undefined) return attempt.progress;
    return (await storedCarDataLogin(tokenFile).catch(() => false))
      ? { state: 'approved' }
      : { state: 'none' };
  }

  /** Forgets the login of `id` (its node was deleted). */
  forget(id: string): void {
    this.cancel(id);
  }

  /** Cancels every running login (Node-RED stops). */
  close(): void {
    for (const id of [...this.#attempts.keys()]) this.cancel(id);
  }
}

function endedBy(error: unknown): LoginProgress {
  const message = error instanceof Error ? error.message : String(error);
  const code = isBimmerError(error) ? error.code : 'api';
  const hint = isBimmerError(error) ? error.hint : undefined;
  const state: LoginState = /denied/i.test(message)
    ? 'denied'
    : /expired/i.test(message)
      ? 'expired'
      : 'failed';
  return { state, error: { code, message, hint } };
}
