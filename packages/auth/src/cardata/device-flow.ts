import { BimmerApiError, BimmerAuthError } from '@bimmer/core';
import { sleep as defaultSleep } from '../time/sleep';
import type { TokenStore } from '../token-store/token-store';
import { CARDATA_DEFAULT_SCOPE, CARDATA_LOGIN_BASE_URL, DEVICE_CODE_GRANT_TYPE } from './constants';
import { type OAuthAnswer, postOAuthForm } from './oauth-request';
import { createCarDataPkcePair } from './pkce';
import { type CarDataTokens, parseTokenResponse } from './tokens';

/** What the user needs to approve the login: shown by the CLI, the Node-RED editor, … */
export interface CarDataUserCodePrompt {
  /** The short code the user types on BMW's page. */
  userCode: string;
  /** The page where the user enters the code. */
  verificationUri: string;
  /** The page with the code already filled in, when BMW sends it. */
  verificationUriComplete: string | undefined;
  /** When the code stops working (epoch ms). */
  expiresAt: number;
}

/** One poll of the token endpoint that did not end the login yet. */
export interface CarDataPollEvent {
  /** 1 for the first poll. */
  attempt: number;
  /** `pending` while the user has not approved; `slow_down` when BMW asked us to poll less often. */
  state: 'pending' | 'slow_down';
  /** The wait before the next poll. */
  nextPollInMs: number;
}

/** Options of the CarData device-code login. */
export interface CarDataDeviceLoginOptions {
  /** The CarData client ID created in the MyBMW/MyMINI portal (a UUID). */
  clientId: string;
  /** Hands the user code and URL to the caller; the login waits for the user after it returns. */
  onUserCode: (prompt: CarDataUserCodePrompt) => void | Promise<void>;
  /** Called after each unsuccessful poll, for progress display. */
  onPoll?: ((event: CarDataPollEvent) => void) | undefined;
  /** Defaults to {@link CARDATA_DEFAULT_SCOPE}; it is always sent explicitly. */
  scope?: string | undefined;
  /** Login host; defaults to `https://customer.bmwgroup.com` (the simulator's URL in tests). */
  baseUrl?: string | undefined;
  /** Where to save the tokens once issued. */
  tokenStore?: TokenStore | undefined;
  /** How much `slow_down` adds to the poll interval; RFC 8628 says 5 s. */
  slowDownStepMs?: number | undefined;
  /** Cancels the login. */
  signal?: AbortSignal | undefined;
  /** The fetch to use (tests inject one); default the global fetch. */
  fetch?: typeof fetch | undefined;
  /** The clock in epoch ms (tests inject one); default `Date.now`. */
  now?: (() => number) | undefined;
  /** Waits between polls (tests inject one). */
  sleep?: ((ms: number, signal?: AbortSignal) => Promise<void>) | undefined;
}

const DEFAULT_INTERVAL_SECONDS = 5;

/**
 * Logs in with the OAuth 2.0 device authorization grant with PKCE: requests a device code, hands the
 * user code to `onUserCode`, then polls the token endpoint until the user approves, denies or the
 * code expires. Returns (and stores, when a store is given) the access, ID and refresh tokens.
 */
export async function loginWithCarDataDeviceCode(options: CarDataDeviceLoginOptions): Promise<CarDataTokens> {
  const fetchImpl = options.fetch ?? globalThis.fetch;
  const now = options.now ?? Date.now;
  const wait = options.sleep ?? defaultSleep;
  const baseUrl = (options.baseUrl ?? CARDATA_LOGIN_BASE_URL).replace(/\/+$/, '');
  const pkce = createCarDataPkcePair();

  const codeAnswer = await postOAuthForm(
    fetchImpl,
    `${baseUrl}/gcdm/oauth/device/code`,
    {
      client_id: options.clientId,
      response_type: 'device_code',
      scope: options.scope ?? CARDATA_DEFAULT_SCOPE,
      code_challenge: pkce.challenge,
      code_challenge_method: 'S256',
    },
    options.signal,
  );
  const code = readDeviceCode(codeAnswer);
  const expiresAt = now() + code.expiresInSeconds * 1000;
  await options.onUserCode({
    userCode: code.userCode,
    verificationUri: code.verificationUri,
    verificationUriComplete: code.verificationUriComplete,
    expiresAt,
  });

  let intervalMs = code.intervalSeconds * 1000;
  const slowDownStepMs = options.slowDownStepMs ?? 5000;
  for (let attempt = 1; ; attempt++) {
    if (now() >= expiresAt) throw expiredError(code.expiresInSeconds);
    const answer = await postOAuthForm(
      fetchImpl,
      `${baseUrl}/gcdm/oauth/token`,
      {
        client_id: options.clientId,
        device_code: code.deviceCode,
        grant_type: DEVICE_CODE_GRANT_TYPE,
        code_verifier: pkce.verifier,
      },
      options.signal,
    );
    if (answer.status === 200) {
      const tokens = parseTokenResponse(answer.body, options.clientId, now());
      await options.tokenStore?.save(tokens);
      return tokens;
    }
    const state = pollState(answer, code.expiresInSeconds);
    if (state === 'slow_down') intervalMs += slowDownStepMs;
    options.onPoll?.({ attempt, state, nextPollInMs: intervalMs });
    await wait(intervalMs, options.signal);
  }
}

interface DeviceCode {
  deviceCode: string;
  userCode: string;
  verificationUri: string;
  verificationUriComplete: string | undefined;
  intervalSeconds: number;
  expiresInSeconds: number;
}

function readDeviceCode(answer: OAuthAnswer): DeviceCode {
  if (answer.status !== 200) {
    if (answer.error === 'invalid_client' || answer.status === 401) {
      throw new BimmerAuthError('BMW does not accept this CarData client ID.', {
        status: answer.status,
        hint: 'Copy the client ID again from the portal (vehicle → BMW CarData → Create CarData Client).',
        action: 'cardata-portal',
      });
    }
    if (answer.error === 'invalid_request' || answer.error === 'invalid_scope') {
      throw new BimmerAuthError('BMW refused the device-code request (invalid request or scope).', {
        status: answer.status,
        hint: 'Check the client ID, and that "CarData API" and "CarData Stream" are subscribed for it in the portal.',
        action: 'cardata-portal',
      });
    }
    throw new BimmerApiError(`BMW's device-code endpoint answered HTTP ${answer.status}.`, {
      status: answer.status,
      endpoint: '/gcdm/oauth/device/code',
      hint: 'Wait a minute and try again; persistent errors mean the portal set-up is incomplete.',
      action: 'wait',
    });
  }
  const body = (typeof answer.body === 'object' && answer.body !== null ? answer.body : {}) as Record<
    string,
    unknown
  >;
  const { device_code, user_code, verification_uri } = body;
  if (
    typeof device_code !== 'string' ||
    typeof user_code !== 'string' ||
    typeof verification_uri !== 'string'
  ) {
    throw new BimmerApiError("BMW's device-code response lacks the device code, user code or URL.", {
      status: answer.status,
      endpoint: '/gcdm/oauth/device/code',
    });
  }
  return {
    deviceCode: device_code,
    userCode: user_code,
    verificationUri: verification_uri,
    verificationUriComplete:
      typeof body.verification_uri_complete === 'string' ? body.verification_uri_complete : undefined,
    intervalSeconds:
      typeof body.interval === 'number' && body.interval >= 0 ? body.interval : DEFAULT_INTERVAL_SECONDS,
    expiresInSeconds: typeof body.expires_in === 'number' && body.expires_in > 0 ? body.expires_in : 300,
  };
}

/** Classifies a non-200 poll answer: keep polling (possibly slower) or throw what to do. */
function pollState(answer: OAuthAnswer, expiresInSeconds: number): 'pending' | 'slow_down' {
  switch (answer.error) {
    case 'authorization_pending':
      return 'pending';
    case 'slow_down':
      return 'slow_down';
    case 'expired_token':
    case 'invalid_grant':
      throw expiredError(expiresInSeconds);
    case 'access_denied':
      throw new BimmerAuthError('The CarData login was denied.', {
        status: answer.status,
        hint: 'Approve the code on the BMW page. BMW also denies it when "CarData API" and "CarData Stream" are not subscribed for this client ID in the portal.',
        action: 'cardata-login',
      });
    case 'invalid_client':
      throw new BimmerAuthError('BMW does not accept this CarData client ID.', {
        status: answer.status,
        hint: 'Copy the client ID again from the portal, or delete it, wait 5 minutes and create a new one.',
        action: 'cardata-portal',
      });
    case undefined:
      // BMW answers a bare 403 while the user has not approved yet (observed by ioBroker).
      if (answer.status === 403) return 'pending';
      break;
  }
  throw new BimmerAuthError(
    `The CarData login failed (HTTP ${answer.status}${answer.error ? `, ${answer.error}` : ''}).`,
    {
      status: answer.status,
      hint: 'Start the login again; if it keeps failing, check the client ID and its subscriptions in the portal.',
      action: 'cardata-login',
    },
  );
}

function expiredError(expiresInSeconds: number): BimmerAuthError {
  const minutes = Math.max(1, Math.round(expiresInSeconds / 60));
  return new BimmerAuthError('The CarData login code expired before it was approved.', {
    hint: `Start the login again and approve the code on the BMW page within ${minutes} minute${minutes === 1 ? '' : 's'}; wait for BMW's confirmation before continuing.`,
    action: 'cardata-login',
  });
}
