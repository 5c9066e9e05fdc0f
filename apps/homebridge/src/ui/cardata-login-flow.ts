import { FileTokenStore, loginWithCarDataDeviceCode } from '@bimmer/auth';
import { isBimmerError } from '@bimmer/core';

/** One step of the login, as pushed to the settings page. */
export type LoginProgress =
  | {
      readonly state: 'code';
      readonly userCode: string;
      readonly verificationUri: string;
      readonly verificationUriComplete: string | undefined;
      readonly expiresAt: number;
    }
  | { readonly state: 'waiting'; readonly attempt: number; readonly slowDown: boolean }
  | { readonly state: 'done' }
  | { readonly state: 'failed'; readonly message: string; readonly hint: string | undefined };

/** Options of {@link CarDataLoginFlow}. */
export interface CarDataLoginFlowOptions {
  /** Where the tokens go: the plugin reads them from there (also from a child bridge). */
  readonly tokenFile: string;
  /** BMW's login host (the simulator in tests). */
  readonly baseUrl?: string | undefined;
  /** Receives every step (the UI server pushes it to the page). */
  readonly push: (progress: LoginProgress) => void;
}

/**
 * BMW CarData's device-code login for the settings page: `start(clientId)` asks BMW for a code and
 * resolves with it at once, then waits for the user's approval in the background and saves the
 * tokens into the token file (atomically, 0600) the plugin reads. One login at a time; a new start
 * cancels the one before.
 */
export class CarDataLoginFlow {
  readonly #options: CarDataLoginFlowOptions;
  #abort: AbortController | undefined;
  #last: LoginProgress | undefined;

  constructor(options: CarDataLoginFlowOptions) {
    this.#options = options;
  }

  /** The last step, for a page that reconnects. */
  get last(): LoginProgress | undefined {
    return this.#last;
  }

  /** Starts a login; resolves with the code to show (or the failure). */
  start(clientId: string): Promise<LoginProgress> {
    this.cancel();
    const abort = new AbortController();
    this.#abort = abort;
    return new Promise((resolve) => {
      let answered = false;
      const report = (progress: LoginProgress) => {
        if (abort.signal.aborted) return;
        this.#last = progress;
        this.#options.push(progress);
        if (!answered && (progress.state === 'code' || progress.state === 'failed')) {
          answered = true;
          resolve(progress);
        }
      };
      loginWithCarDataDeviceCode({
        clientId,
        tokenStore: new FileTokenStore(this.#options.tokenFile),
        signal: abort.signal,
        ...(this.#options.baseUrl === undefined ? {} : { baseUrl: this.#options.baseUrl }),
        onUserCode: (prompt) =>
          report({
            state: 'code',
            userCode: prompt.userCode,
            verificationUri: prompt.verificationUri,
            verificationUriComplete: prompt.verificationUriComplete,
            expiresAt: prompt.expiresAt,
          }),
        onPoll: (event) =>
          report({ state: 'waiting', attempt: event.attempt, slowDown: event.state === 'slow_down' }),
      })
        .then(() => report({ state: 'done' }))
        .catch((error: unknown) => {
          if (abort.signal.aborted) return;
          report({
            state: 'failed',
            message: error instanceof Error ? error.message : String(error),
            hint: isBimmerError(error) ? error.hint : undefined,
          });
        })
        .finally(() => {
          if (this.#abort === abort) this.#abort = undefined;
        });
    });
  }

  /** Cancels a running login (nothing is saved). */
  cancel(): void {
    this.#abort?.abort();
    this.#abort = undefined;
  }
}
