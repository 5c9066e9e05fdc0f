import { createHash } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { readForm, sendJson } from './http';
import { type CarDataSimState, opaqueToken, userCode } from './state';

const DEVICE_GRANT = 'urn:ietf:params:oauth:grant-type:device_code';
/** What a client gets when it omits the scope: BMW's pitfall, a token without cardata:api:read. */
const SCOPE_WHEN_OMITTED = 'authenticate_user openid';

/** `POST /gcdm/oauth/device/code`. */
export function handleDeviceCode(
  state: CarDataSimState,
  now: number,
  baseUrl: string,
  body: Buffer,
  response: ServerResponse,
): void {
  const form = readForm(body);
  const clientId = form.get('client_id');
  const challenge = form.get('code_challenge');
  if (
    !clientId ||
    form.get('response_type') !== 'device_code' ||
    !challenge ||
    form.get('code_challenge_method') !== 'S256'
  ) {
    sendJson(response, 400, {
      error: 'invalid_request',
      error_description: 'A required parameter is missing or wrong.',
    });
    return;
  }
  const scope = form.get('scope') ?? SCOPE_WHEN_OMITTED;
  if (
    scope
      .split(' ')
      .some((part) => part.startsWith('cardata:streaming:') && part !== 'cardata:streaming:read')
  ) {
    // Per-descriptor stream scopes are refused by BMW: stream selection is portal-only.
    sendJson(response, 400, { error: 'invalid_request', error_description: 'Unsupported scope.' });
    return;
  }
  const code = {
    deviceCode: opaqueToken('dc.'),
    userCode: userCode(),
    clientId,
    challenge,
    scope,
    expiresAt: now + state.config.deviceCodeLifetimeSeconds * 1000,
    status: 'pending' as const,
    slowDownLeft: state.config.slowDownPolls,
  };
  state.codes.set(code.deviceCode, code);
  const verificationUri = `${baseUrl}/oneid/link`;
  sendJson(response, 200, {
    user_code: code.userCode,
    device_code: code.deviceCode,
    interval: state.config.pollIntervalSeconds,
    verification_uri_complete: `${verificationUri}?user_code=${code.userCode}`,
    verification_uri: verificationUri,
    expires_in: state.config.deviceCodeLifetimeSeconds,
  });
}

/**
 * True when a `POST /gcdm/oauth/token` belongs to CarData: the device-code grant, a refresh token
 * we issued, or a refresh without the Basic client authentication MyBMW sends.
 */
export function isCarDataTokenRequest(
  state: CarDataSimState,
  request: IncomingMessage,
  body: Buffer,
): boolean {
  const form = readForm(body);
  const grant = form.get('grant_type');
  if (grant === DEVICE_GRANT) return true;
  const refresh = form.get('refresh_token');
  if (refresh !== null && state.refreshTokens.has(refresh)) return true;
  return grant === 'refresh_token' && request.headers.authorization === undefined && form.has('client_id');
}

/** `POST /gcdm/oauth/token` for the device-code grant and refreshes. */
export function handleToken(
  state: CarDataSimState,
  now: number,
  body: Buffer,
  response: ServerResponse,
): void {
  const form = readForm(body);
  if (form.get('grant_type') === DEVICE_GRANT) {
    pollDeviceCode(state, now, form, response);
    return;
  }
  if (form.get('grant_type') === 'refresh_token') {
    const token = form.get('refresh_token') ?? '';
    const known = state.refreshTokens.get(token);
    if (known === undefined || !known.valid || known.clientId !== form.get('client_id')) {
      sendJson(response, 400, {
        error: 'invalid_request',
        error_description: 'The refresh token is unknown, already used or revoked.',
      });
      return;
    }
    known.valid = false;
    sendJson(response, 200, issueTokens(state, now, known.clientId, known.scope));
    return;
  }
  sendJson(response, 400, { error: 'unsupported_grant_type', error_description: 'Unsupported grant type.' });
}

function pollDeviceCode(
  state: CarDataSimState,
  now: number,
  form: URLSearchParams,
  response: ServerResponse,
): void {
  const code = state.codes.get(form.get('device_code') ?? '');
  if (code === undefined || code.clientId !== form.get('client_id')) {
    sendJson(response, 401, { error: 'invalid_client', error_description: 'Unknown client or device code.' });
    return;
  }
  const verifier = form.get('code_verifier') ?? '';
  if (createHash('sha256').update(verifier).digest('base64url') !== code.challenge) {
    sendJson(response, 400, {
      error: 'invalid_grant',
      error_description: 'The code verifier does not match.',
    });
    return;
  }
  if (now >= code.expiresAt) {
    state.codes.delete(code.deviceCode);
    sendJson(response, 401, { error: 'expired_token', error_description: 'The code is expired' });
    return;
  }
  if (code.status === 'denied') {
    state.codes.delete(code.deviceCode);
    sendJson(response, 403, {
      error: 'access_denied',
      error_description: 'The user has declined authorization',
    });
    return;
  }
  if (code.status === 'pending') {
    if (code.slowDownLeft > 0) {
      code.slowDownLeft--;
      sendJson(response, 400, {
        error: 'slow_down',
        error_description: 'The polling interval has not elapsed since the last request',
      });
      return;
    }
    if (state.config.pendingResponse === 'bare-403') {
      sendJson(response, 403, undefined);
    } else {
      sendJson(response, 403, {
        error: 'authorization_pending',
        error_description: 'The user has not yet completed authorization',
      });
    }
    return;
  }
  state.codes.delete(code.deviceCode);
  sendJson(response, 200, issueTokens(state, now, code.clientId, code.scope));
}

/** A new set of access, ID and refresh token, in BMW's field order. */
function issueTokens(
  state: CarDataSimState,
  now: number,
  clientId: string,
  scope: string,
): Record<string, unknown> {
  const lifetime = state.config.tokenLifetimeSeconds;
  const accessToken = opaqueToken('at.');
  const idToken = opaqueToken('id.');
  const refreshToken = opaqueToken('rt.');
  const expiresAt = now + lifetime * 1000;
  state.accessTokens.set(accessToken, { expiresAt, scope, revoked: false });
  state.idTokens.set(idToken, { expiresAt, scope, revoked: false });
  state.refreshTokens.set(refreshToken, { clientId, scope, valid: true });
  return {
    gcid: state.gcid,
    token_type: 'Bearer',
    access_token: accessToken,
    refresh_token: refreshToken,
    scope: scope.split(' ').reverse().join(' '),
    expires_in: lifetime,
    ...(scope.split(' ').includes('openid') ? { id_token: idToken } : {}),
  };
}
