import { loginWithCarDataDeviceCode, type TokenStore } from '@bimmer/auth';
import { sleep } from '@bimmer/auth/internal';
import type { HubLogger } from '../hub-logger';
import type { LoginPrompt } from './login-prompt';

/** Options of {@link DeviceLogin}. */
export interface DeviceLoginOptions {
  readonly clientId: string;
  /** BMW's login host (the simulator's URL in tests). */
  readonly baseUrl?: string | undefined;
  /** Where the tokens are saved once BMW confirms. */
  readonly tokenStore: TokenStore;
  readonly log: HubLogger;
  /** The hub's page that shows the code too. */
  readonly pageUrl: string;
  readonly fetch?: typeof fetch | undefined;
}

const FIRST_RETRY_MS = 2_000;
const MAX_RETRY_MS = 5 * 60_000;

/**
 * The hub's CarData device-code login: asks BMW for a code, shows it (the page at `/` and the
 * logger), waits for the user to confirm, and saves the tokens. A code that expires or is denied
 * is followed by a new one; failures back off from 2 s to 5 minutes. Runs until the tokens are
 * saved or {@link abort} is called.
 */
export class DeviceLogin {
  readonly #options: DeviceLoginOptions;
  readonly #abort = new AbortController();
  #prompt: LoginPrompt = { status: 'Requesting a login code from BMW…' };

  constructor(options: DeviceLoginOptions) {
    this.#options = options;
  }

  /** Where the login stands now. */
  get prompt(): LoginPrompt {
    return this.#prompt;
  }

  /** Stops waiting; {@link run} then rejects. */
  abort(): void {
    this.#abort.abort();
  }

  /** Logs in; resolves once the tokens are saved, rejects only when aborted. */
  async run(): Promise<void> {
    const { log } = this.#options;
    let retryMs = FIRST_RETRY_MS;
    for (;;) {
      this.#checkAborted();
      try {
        await loginWithCarDataDeviceCode({
          clientId: this.#options.clientId,
          baseUrl: this.#options.baseUrl,
          tokenStore: this.#options.tokenStore,
          fetch: this.#options.fetch,
          signal: this.#abort.signal,
          onUserCode: (prompt) => {
            retryMs = FIRST_RETRY_MS;
            const link = prompt.verificationUriComplete ?? prompt.verificationUri;
            const expiresAt = new Date(prompt.expiresAt);
            this.#prompt = {
              status: 'Waiting for you to enter the code on BMW’s page…',
              userCode: prompt.userCode,
              verificationUri: prompt.verificationUri,
              verificationUriComplete: prompt.verificationUriComplete,
              expiresAt,
            };
            log.info(
              `To connect the hub to BMW CarData, open ${link} and enter the code ${prompt.userCode} ` +
                `(valid until ${expiresAt.toISOString()}). ${this.#options.pageUrl} shows the same. ` +
                'The hub starts as soon as BMW confirms.',
            );
          },
        });
        this.#prompt = { status: 'BMW confirmed the login; starting…' };
        log.info('BMW confirmed the CarData login; the tokens are saved.');
        return;
      } catch (error) {
        this.#checkAborted();
        const message = error instanceof Error ? error.message : String(error);
        log.warn(
          `The CarData login did not complete: ${message} A new code follows in ${Math.round(retryMs / 1000)} s.`,
        );
        this.#prompt = { status: 'Requesting a new login code from BMW…', error: message };
        await this.#sleep(retryMs);
        retryMs = Math.min(MAX_RETRY_MS, retryMs * 2);
      }
    }
  }

  #checkAborted(): void {
    if (this.#abort.signal.aborted) throw new Error('The CarData login was stopped.');
  }

  /** Waits, ending early (without an error: the loop's own check says why) when the login stops. */
  #sleep(ms: number): Promise<void> {
    return sleep(ms, this.#abort.signal).catch(() => {});
  }
}
