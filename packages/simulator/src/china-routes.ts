import { constants, generateKeyPairSync, type KeyObject, privateDecrypt, randomBytes } from 'node:crypto';
import { isJsonObject } from '@bimmer/core/internal';
import { AUTH_FILES } from '@bimmer/fingerprint';
import { expectedSliderPosition, renderCaptcha } from './captcha-image';
import { verifyChinaLoginNonce } from './china-nonce';
import type { SimulatorContext } from './context';
import { header, parseForm, parseJsonBody, sendJson } from './http';
import type { RouteRequest, Router } from './router';

/** Where China captchas come from: rendered by the simulator, or the recorded fixture image. */
export type ChinaCaptchaSource = 'generated' | 'recorded';

/** How far a submitted slider position may be from the slot. */
export const CAPTCHA_TOLERANCE = 0.02;
const CAPTCHA_LIFETIME_MS = 5 * 60 * 1000;
/** The China error code bimmer_connected's tests know for a failed password login. */
const WRONG_PASSWORD_CODE = 699121;
const CAPTCHA_FAILED_CODE = 699130;
const NONCE_FAILED_CODE = 699140;

/**
 * The slot positions (block column, row) captchas pick from. A small pool, because encoding a
 * background costs ~200 ms and each is rendered once per process.
 */
const CAPTCHA_SLOTS: ReadonlyArray<readonly [number, number]> = [
  [15, 3],
  [18, 9],
  [21, 5],
  [24, 12],
  [27, 2],
  [29, 7],
];

interface PendingCaptcha {
  mobile: string;
  position: number;
  verified: boolean;
  expiresAt: number;
}

/** The state of China logins: the RSA key pair, and the captchas handed out. */
export class ChinaLogin {
  readonly publicKeyPem: string;
  readonly #privateKey: KeyObject;
  readonly #source: ChinaCaptchaSource;
  #captchas = new Map<string, PendingCaptcha>();
  #recorded: { image: string; position: number } | undefined | null = null;

  constructor(source: ChinaCaptchaSource) {
    const { publicKey, privateKey } = generateKeyPairSync('rsa', { modulusLength: 1024 });
    this.publicKeyPem = publicKey
      .export({ type: 'spki', format: 'pem' })
      .toString()
      .trim()
      .replace(/\n/g, '\r\n');
    this.#privateKey = privateKey;
    this.#source = source;
  }

  /** Forgets every captcha. */
  reset(): void {
    this.#captchas.clear();
  }

  /** Decrypts an RSA-PKCS#1-v1.5 encrypted, base64 password; undefined when it does not decrypt. */
  decryptPassword(encrypted: string): string | undefined {
    try {
      return privateDecrypt(
        { key: this.#privateKey, padding: constants.RSA_PKCS1_PADDING },
        Buffer.from(encrypted, 'base64'),
      ).toString('utf8');
    } catch {
      return undefined;
    }
  }

  /** Hands out a captcha for a phone number: its verifyId and the images (base64). */
  issueCaptcha(
    context: SimulatorContext,
    mobile: string,
  ): { verifyId: string; backGroundImg: string; cutImg: string } {
    const verifyId = randomBytes(16).toString('hex');
    const expiresAt = context.clock.now() + CAPTCHA_LIFETIME_MS;
    const recorded = this.#source === 'recorded' ? this.#recordedCaptcha(context) : undefined;
    if (recorded) {
      this.#captchas.set(verifyId, { mobile, position: recorded.position, verified: false, expiresAt });
      return { verifyId, backGroundImg: recorded.image, cutImg: 'xxxx' };
    }
    const [column, row] = CAPTCHA_SLOTS[(randomBytes(1)[0] ?? 0) % CAPTCHA_SLOTS.length] ?? [20, 5];
    const captcha = renderCaptcha(column, row);
    this.#captchas.set(verifyId, { mobile, position: captcha.position, verified: false, expiresAt });
    return {
      verifyId,
      backGroundImg: captcha.background.toString('base64'),
      cutImg: captcha.piece.toString('base64'),
    };
  }

  /** The recorded captcha of a loaded `auth/auth_slider_captcha.json` and its solution, if any. */
  #recordedCaptcha(context: SimulatorContext): { image: string; position: number } | undefined {
    if (this.#recorded !== null) return this.#recorded;
    const json = context.fingerprint.auth.get(AUTH_FILES.sliderCaptcha)?.json;
    const image = isJsonObject(json) && isJsonObject(json.data) ? json.data.backGroundImg : undefined;
    const solved = typeof image === 'string' ? expectedSliderPosition(Buffer.from(image, 'base64')) : '';
    this.#recorded =
      typeof image === 'string' && solved !== '' ? { image, position: Number(solved) } : undefined;
    return this.#recorded;
  }

  /** Checks a submitted position; a wrong answer burns the captcha. */
  check(context: SimulatorContext, verifyId: string, position: number): boolean {
    const captcha = this.#captchas.get(verifyId);
    if (!captcha || captcha.verified || captcha.expiresAt <= context.clock.now()) return false;
    if (Math.abs(position - captcha.position) > CAPTCHA_TOLERANCE) {
      this.#captchas.delete(verifyId);
      return false;
    }
    captcha.verified = true;
    return true;
  }

  /** Spends a verified captcha of this phone number; false when there is none. */
  consume(context: SimulatorContext, verifyId: string, mobile: string): boolean {
    const captcha = this.#captchas.get(verifyId);
    this.#captchas.delete(verifyId);
    return (
      !!captcha && captcha.verified && captcha.mobile === mobile && captcha.expiresAt > context.clock.now()
    );
  }
}

function sendChina(route: RouteRequest, data: unknown): void {
  sendJson(route.response, 200, { data, code: 200, error: false, description: 'ok' });
}

function sendChinaError(route: RouteRequest, code: number, description: string): void {
  sendJson(route.response, 422, { data: null, code, error: true, msgType: 'toast', description });
}

function login(context: SimulatorContext, china: ChinaLogin, route: RouteRequest): void {
  const body = parseJsonBody(route.body);
  if (!isJsonObject(body) || typeof body.mobile !== 'string' || typeof body.password !== 'string') {
    sendChinaError(route, WRONG_PASSWORD_CODE, 'mobile, password, verifyId and deviceId are required.');
    return;
  }
  const mobile = body.mobile;
  const verifyId = typeof body.verifyId === 'string' ? body.verifyId : '';
  if (!china.consume(context, verifyId, mobile)) {
    sendChinaError(
      route,
      CAPTCHA_FAILED_CODE,
      'Captcha not verified: fetch a slider captcha and check it first.',
    );
    return;
  }
  const nonce = header(route.request, 'x-login-nonce') ?? '';
  if (verifyChinaLoginNonce(nonce, mobile, context.clock.now()) !== 'ok') {
    sendChinaError(route, NONCE_FAILED_CODE, 'Invalid x-login-nonce.');
    return;
  }
  const password = china.decryptPassword(body.password);
  const account = password === undefined ? undefined : context.accounts.verify(mobile, password);
  if (!account) {
    sendChinaError(route, WRONG_PASSWORD_CODE, 'Wrong phone number or password.');
    return;
  }
  const issued = context.tokens.issue(account, 'cn', 'vehicle_data remote_services');
  sendChina(route, {
    access_token: issued.access_token,
    token_type: 'Bearer',
    refresh_token: issued.refresh_token,
    usid: account.gcid,
    cid: account.gcid,
    gcid: account.gcid,
  });
}

function refresh(context: SimulatorContext, route: RouteRequest): void {
  const form = parseForm(route.body);
  if (form.get('grant_type') !== 'refresh_token') {
    sendJson(route.response, 400, {
      error: 'unsupported_grant_type',
      error_description: 'Use refresh_token.',
    });
    return;
  }
  const refreshToken = form.get('refresh_token') ?? '';
  const owner = context.tokens.refreshOwner(refreshToken);
  const nonce = header(route.request, 'x-login-nonce') ?? '';
  if (owner && verifyChinaLoginNonce(nonce, owner.gcid, context.clock.now()) !== 'ok') {
    sendJson(route.response, 400, { error: 'invalid_request', error_description: 'Invalid x-login-nonce.' });
    return;
  }
  const rotated = context.tokens.rotate(refreshToken, 'cn');
  if (rotated === undefined || rotated === 'reused') {
    const description =
      rotated === 'reused' ? 'The refresh token was already used.' : 'The refresh token is invalid.';
    sendJson(route.response, 400, { error: 'invalid_grant', error_description: description });
    return;
  }
  sendJson(route.response, 200, rotated);
}

/** Adds the China login routes: public key, slider captcha, captcha check, password login and refresh. */
export function addChinaRoutes(router: Router, context: SimulatorContext, china: ChinaLogin): void {
  router
    .add('GET', '/eadrax-coas/v1/cop/publickey', (route) =>
      sendChina(route, { value: china.publicKeyPem, expires: '3600' }),
    )
    .add('POST', '/eadrax-coas/v2/cop/slider-captcha', (route) => {
      const body = parseJsonBody(route.body);
      const mobile = isJsonObject(body) && typeof body.mobile === 'string' ? body.mobile : '';
      if (!mobile) {
        sendChinaError(route, CAPTCHA_FAILED_CODE, 'mobile is required.');
        return;
      }
      sendChina(route, china.issueCaptcha(context, mobile));
    })
    .add('POST', '/eadrax-coas/v1/cop/check-captcha', (route) => {
      const body = parseJsonBody(route.body);
      const position = isJsonObject(body) ? Number(body.position) : Number.NaN;
      const verifyId = isJsonObject(body) && typeof body.verifyId === 'string' ? body.verifyId : '';
      if (Number.isNaN(position) || !china.check(context, verifyId, position)) {
        sendChinaError(
          route,
          CAPTCHA_FAILED_CODE,
          'Captcha check failed: wrong position or unknown verifyId.',
        );
        return;
      }
      sendChina(route, null);
    })
    .add('POST', '/eadrax-coas/v2/login/pwd', (route) => login(context, china, route))
    .add('POST', '/eadrax-coas/v2/oauth/token', (route) => refresh(context, route));
}
