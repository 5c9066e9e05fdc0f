/**
 * The hCaptcha tokens of GCDM logins (NA and rest of world). BMW's tokens are single-use
 * (docs/captcha.md): once a login presented one, whether the login then succeeded or not,
 * it is spent. The simulator can enforce that, or accept any non-empty token again and again so
 * that test suites can log in many times with one dummy token.
 */

/** `single-use`: a token presented once is refused afterwards, as BMW does. `reusable`: any non-empty token, any number of times. */
export type CaptchaPolicy = 'single-use' | 'reusable';

/** The captcha policies, for argument checks. */
export const CAPTCHA_POLICIES: readonly CaptchaPolicy[] = ['single-use', 'reusable'];

/**
 * The default policy. `reusable`, because the suites of many packages log in again and again with
 * one dummy token against one simulator; clients that must prove they never resend a token start
 * a simulator with `captcha: 'single-use'`.
 */
export const DEFAULT_CAPTCHA_POLICY: CaptchaPolicy = 'reusable';

/** Why a presented captcha token was refused, or `ok`. */
export type CaptchaVerdict = 'ok' | 'missing' | 'spent';

/** Checks and spends the hCaptcha tokens logins present. */
export class CaptchaTokens {
  readonly #policy: CaptchaPolicy;
  readonly #spent = new Set<string>();

  /** @param policy whether a token may be presented more than once. */
  constructor(policy: CaptchaPolicy) {
    if (!CAPTCHA_POLICIES.includes(policy)) {
      throw new TypeError(`Unknown captcha policy ${String(policy)}: use single-use or reusable.`);
    }
    this.#policy = policy;
  }

  /** The policy in effect. */
  get policy(): CaptchaPolicy {
    return this.#policy;
  }

  /**
   * Checks a presented token (the `hcaptchatoken` header) and, under `single-use`, spends it: every
   * later presentation of the same token answers `spent`, whatever became of this login.
   */
  present(token: string | undefined): CaptchaVerdict {
    const value = token?.trim() ?? '';
    if (value === '') return 'missing';
    if (this.#policy === 'reusable') return 'ok';
    if (this.#spent.has(value)) return 'spent';
    this.#spent.add(value);
    return 'ok';
  }

  /** Forgets the spent tokens (a simulator reset). */
  reset(): void {
    this.#spent.clear();
  }
}
