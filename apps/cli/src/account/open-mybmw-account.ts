import { resolve } from 'node:path';
import { FileTokenStore, MemoryTokenStore, MyBMWAuthenticator, type StoredTokens } from '@bimmer/auth';
import { isFileAccessError } from '@bimmer/auth/internal';
import {
  BimmerAuthError,
  BimmerCaptchaRequiredError,
  type CapturedResponse,
  isBimmerError,
} from '@bimmer/core';
import { compact } from '@bimmer/core/internal';
import { type GPSPosition, MyBMWAccount } from '@bimmer/mybmw';
import { MyBMWEndpoints } from '@bimmer/mybmw/internal';
import type { CliContext } from '../context';
import {
  type AccountIdentity,
  type CredentialOptions,
  resolveIdentity,
  resolvePassword,
} from '../credentials/resolve-credentials';
import { CliUsageError } from '../errors/cli-usage-error';
import { defaultTokenFile } from '../files/config-directory';
import { checkTokenFileLocation } from '../files/token-file-preflight';
import { debugFetch } from '../output/debug-fetch';
import { FlushableTokenStore } from './flushable-token-store';

/** Extra account options some commands need. */
export interface OpenAccountOptions {
  /** The user's position, for the vehicle finder. */
  readonly observerPosition?: GPSPosition | undefined;
  /** Called with every MyBMW response (the fingerprint recorder). */
  readonly onResponse?: ((response: CapturedResponse) => void) | undefined;
  /**
   * Ignore the stored session and log in with the password (asked for when not given): `bimmer
   * login` after BMW refused the stored session.
   */
  readonly freshLogin?: boolean | undefined;
}

/** A MyBMW account ready to load vehicles, with what the command needs to finish cleanly. */
export interface OpenedMyBMWAccount {
  readonly account: MyBMWAccount;
  /** The login behind the account. */
  readonly authenticator: MyBMWAuthenticator;
  readonly identity: AccountIdentity;
  /** The token file, or undefined with `--no-token-store`. */
  readonly tokenFile: string | undefined;
  /** True when no password is at hand and the stored session is the only way in. */
  readonly resumingStoredSession: boolean;
  /**
   * Runs `work` and turns a refused login into a helpful error when no password was available (the
   * stored session was the only way in). Always waits for token saves to finish.
   */
  run<T>(work: (account: MyBMWAccount) => Promise<T>): Promise<T>;
  /**
   * Asks BMW whether the session works: one read-only request (the BMW vehicle list), which logs in
   * or refreshes first when needed. `bimmer login` says "logged in" only after it.
   */
  verify(): Promise<void>;
}

/**
 * Builds a MyBMW account from the command line: identity from flags, positionals or the environment;
 * tokens from the token file (unless `--no-token-store`), whose location is checked before anything
 * is sent; the password only when there is no stored session to resume (so scheduled runs need no
 * password at all); `--base-url` for every request.
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
  if (tokenFile !== undefined) {
    log.debug(`token file: ${tokenFile}`);
    await checkTokenFileLocation(tokenFile);
  }
  // The wrapper shows the file to the SDK: renewals run under the SDK's lock beside it
  // (`<token file>.lock`), so processes sharing the file refresh once and adopt each other's tokens.
  const store = new FlushableTokenStore(
    tokenFile === undefined ? new MemoryTokenStore() : new FileTokenStore(tokenFile),
  );
  context.cleanups.add(() => store.flush());
  // The authenticator names a damaged file as this function does: said once.
  const warned = new Set<string>();
  const warn = (text: string) => {
    if (warned.has(text)) return;
    warned.add(text);
    log.warn(text);
  };

  const session = options.freshLogin === true ? { resumable: false } : await storedSession(store, identity);
  if (session.unusable !== undefined) warn(`${session.unusable} A new login will replace it.`);
  const password = await resolvePassword(credentials, io, identity.username, !session.resumable);
  if (password === undefined && !session.resumable) {
    throw new CliUsageError(
      session.unusable === undefined
        ? 'No password given.'
        : `${session.unusable} A new login needs the password, and none was given.`,
      'Set BIMMER_PASSWORD, pipe it with --password-stdin, or run on a terminal to be asked for it.',
    );
  }
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
    fetch: debugFetch(context.options, log.debug),
    logger: { debug: (message) => log.debug(`auth: ${message}`), warn },
  });
  // A fresh login must not try the refused refresh token again: forget it, so the next renewal logs in.
  if (options.freshLogin === true) authenticator.setRefreshToken(undefined);
  const account = new MyBMWAccount(
    compact({
      region: identity.region,
      authenticator,
      baseUrl: context.options.baseUrl,
      observerPosition: options.observerPosition,
      onResponse: (response: CapturedResponse) => {
        log.debug(describeResponse(response));
        options.onResponse?.(response);
      },
    }),
  );

  const run = async <T>(work: (account: MyBMWAccount) => Promise<T>): Promise<T> => {
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
  };
  return {
    account,
    authenticator,
    identity,
    tokenFile,
    resumingStoredSession: password === undefined,
    run,
    verify: () =>
      run(async (opened) => {
        await opened.client.json({
          method: 'POST',
          path: MyBMWEndpoints.vehicleList,
          brand: 'bmw',
          idempotent: true,
        });
      }),
  };
}

/**
 * What the token store holds for this account: whether it may log in without a password (the SDK's
 * one rule, `MyBMWAuthenticator.canResume`), or why not, in the SDK's words. A path that cannot be
 * read and CarData tokens (which a MyBMW login must never overwrite) are the user's to fix: thrown.
 */
async function storedSession(
  store: FlushableTokenStore,
  identity: AccountIdentity,
): Promise<{ resumable: boolean; unusable?: string }> {
  let stored: StoredTokens | undefined;
  try {
    stored = await store.load();
  } catch (error) {
    if (isFileAccessError(error) || !isBimmerError(error, 'validation')) throw error;
    // A damaged file or another version's: named, and replaced only once a new login succeeds.
    return { resumable: false, unusable: error.message };
  }
  if (MyBMWAuthenticator.canResume(stored, identity)) return { resumable: true };
  const where = store.path === undefined ? undefined : `The token file ${store.path}`;
  const problem = MyBMWAuthenticator.unusableSessionError(stored, identity, where);
  if (problem === undefined) return { resumable: false };
  if (problem.action === 'check-files') throw problem;
  return { resumable: false, unusable: problem.message };
}

/** `GET /eadrax-vcs/v4/vehicles/state 200 (bmw, WBA…)`: method, path and status only, never headers or bodies. */
function describeResponse(response: CapturedResponse): string {
  const vin = response.vinHeader === undefined ? '' : `, ${response.vinHeader}`;
  return `${response.method} ${response.path} ${response.status} (${response.brand}${vin})`;
}
