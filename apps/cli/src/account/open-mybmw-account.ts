import { resolve } from 'node:path';
import {
  FileTokenStore,
  MemoryTokenStore,
  MyBMWAuthenticator,
  type StoredTokens,
  type TokenStore,
} from '@bimmer/auth';
import {
  BimmerAuthError,
  BimmerCaptchaRequiredError,
  type CapturedResponse,
  type Region as MyBMWRegion,
} from '@bimmer/core';
import { type GPSPosition, MyBMWAccount } from '@bimmer/mybmw';
import type { CliContext } from '../context';
import {
  type AccountIdentity,
  type CredentialOptions,
  missingPasswordError,
  resolveIdentity,
  resolvePassword,
} from '../credentials/resolve-credentials';
import { debugFetchOption } from '../output/debug-fetch';
import { defaultTokenFile } from '../token-file';
import { FlushableTokenStore } from './flushable-token-store';

/** Extra account options some commands need. */
export interface OpenAccountOptions {
  /** The user's position, for the vehicle finder. */
  readonly observerPosition?: GPSPosition | undefined;
  /** Called with every MyBMW response (the fingerprint recorder). */
  readonly onResponse?: (response: CapturedResponse) => void;
}

/** A MyBMW account ready to load vehicles, with what the command needs to finish cleanly. */
export interface OpenedMyBMWAccount {
  readonly account: MyBMWAccount;
  /** The login behind the account (`bimmer login` only needs a token). */
  readonly authenticator: MyBMWAuthenticator;
  readonly identity: AccountIdentity;
  /** The token file, or undefined with `--no-token-store`. */
  readonly tokenFile: string | undefined;
  /**
   * Runs `work` and turns a refused login into a helpful error when no password was available (the
   * stored session was the only way in). Always waits for token saves to finish.
   */
  run<T>(work: (account: MyBMWAccount) => Promise<T>): Promise<T>;
}

/**
 * Builds a MyBMW account from the command line: identity from flags, positionals or the environment;
 * tokens from the token file (unless `--no-token-store`); the password only when there is no stored
 * session to resume (so scheduled runs need no password at all); `--base-url` for every request.
 */
export async function openMyBMWAccount(
  context: CliContext,
  credentials: CredentialOptions,
  options: OpenAccountOptions = {},
): Promise<OpenedMyBMWAccount> {
  const { io, log } = context;
  const identity = await resolveIdentity(credentials, io);
  const tokenFile = context.options.tokenStore
    ? resolve(
        io.cwd,
        context.options.tokenFile ??
          defaultTokenFile(io, { transport: 'mybmw', region: identity.region, username: identity.username }),
      )
    : undefined;
  const store = new FlushableTokenStore(
    tokenFile === undefined ? new MemoryTokenStore() : new FileTokenStore(tokenFile),
  );
  context.cleanups.add(() => store.flush());
  if (tokenFile !== undefined) log.debug(`token file: ${tokenFile}`);

  const resumable = await hasResumableSession(store, identity);
  const password = await resolvePassword(credentials, io, identity.username, !resumable);
  if (password === undefined && !resumable) throw missingPasswordError();
  if (password === undefined) log.debug('no password given; resuming the stored session');

  const authenticator = new MyBMWAuthenticator({
    username: identity.username,
    // Without a password only the stored session can log in; a full login then fails and run() explains.
    password: password ?? '',
    region: identity.region,
    captchaToken: identity.captchaToken,
    tokenStore: store,
    baseUrl: context.options.baseUrl,
    // The login requests; the API requests are logged through onResponse below.
    ...debugFetchOption(context.options, log.debug),
    logger: { debug: (message) => log.debug(`auth: ${message}`), warn: (message) => log.warn(message) },
  });
  const account = new MyBMWAccount({
    region: identity.region,
    authenticator,
    ...(context.options.baseUrl === undefined ? {} : { baseUrl: context.options.baseUrl }),
    ...(options.observerPosition === undefined ? {} : { observerPosition: options.observerPosition }),
    onResponse: (response: CapturedResponse) => {
      log.debug(describeResponse(response));
      options.onResponse?.(response);
    },
  });

  return {
    account,
    authenticator,
    identity,
    tokenFile,
    async run(work) {
      try {
        return await work(account);
      } catch (error) {
        if (password === undefined && error instanceof BimmerAuthError) {
          throw new BimmerAuthError('The stored session is no longer valid and no password was given.', {
            cause: error,
            hint: 'Run again with BIMMER_PASSWORD set, with --password-stdin, or on a terminal to be asked.',
          });
        }
        if (password === undefined && error instanceof BimmerCaptchaRequiredError) {
          throw new BimmerCaptchaRequiredError(
            'The stored session is no longer valid: a new login needs your password and a captcha token.',
            {
              cause: error,
              region: identity.region,
              hint: 'Run again with --captcha-token (see docs/captcha.md) and BIMMER_PASSWORD set, --password-stdin, or on a terminal.',
            },
          );
        }
        throw error;
      } finally {
        await store.flush();
      }
    },
  };
}

/** True when the store holds tokens of this account that may log in without a password. */
async function hasResumableSession(store: TokenStore, identity: AccountIdentity): Promise<boolean> {
  let stored: StoredTokens | undefined;
  try {
    stored = await store.load();
  } catch {
    return false; // A damaged file: the authenticator warns about it and logs in afresh.
  }
  return (
    stored?.kind === 'mybmw' &&
    stored.region === (identity.region satisfies MyBMWRegion) &&
    (stored.username === undefined || stored.username === identity.username) &&
    (stored.refreshToken !== undefined || stored.accessToken !== undefined)
  );
}

/** `GET /eadrax-vcs/v4/vehicles/state 200 (bmw, WBA…)`: method, path and status only, never headers or bodies. */
function describeResponse(response: CapturedResponse): string {
  const vin = response.vinHeader === undefined ? '' : `, ${response.vinHeader}`;
  return `${response.method} ${response.path} ${response.status} (${response.brand}${vin})`;
}
