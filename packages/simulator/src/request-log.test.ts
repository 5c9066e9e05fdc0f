import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { describeBody, isSecretKey, MASK, maskHeaders, maskJson } from './request-log';

const SECRET_KEYS = [
  'password',
  'access_token',
  'refresh_token',
  'id_token',
  'code',
  'code_verifier',
  'client_secret',
  'device_code',
  'authorization',
];

describe('masking', () => {
  it('masks the values of secret keys at any depth and keeps everything else', () => {
    const secret = fc.string({ minLength: 12 }).map((text) => `S3CRET${text}`);
    fc.assert(
      fc.property(
        fc.constantFrom(...SECRET_KEYS),
        secret,
        fc.dictionary(fc.constantFrom('vin', 'mobile', 'grant_type', 'state'), fc.string()),
        (key, value, publicPart) => {
          const body = { ...publicPart, nested: [{ [key]: value, keep: 'yes' }], [key]: value };
          const masked = maskJson(body) as Record<string, unknown>;
          expect(JSON.stringify(masked)).not.toContain(value);
          expect(masked[key]).toBe(MASK);
          for (const [name, text] of Object.entries(publicPart)) expect(masked[name]).toBe(text);
        },
      ),
    );
  });

  it('knows which keys are secret', () => {
    for (const key of SECRET_KEYS) expect(isSecretKey(key)).toBe(true);
    for (const key of ['vin', 'username', 'mobile', 'eventId', 'grant_type', 'scope'])
      expect(isSecretKey(key)).toBe(false);
  });

  it('masks Authorization, hcaptchatoken and x-login-nonce headers', () => {
    expect(
      maskHeaders({
        authorization: 'Bearer x',
        hcaptchatoken: 'P1',
        'x-login-nonce': 'abc',
        'bmw-vin': 'WBA',
      }),
    ).toEqual({ authorization: MASK, hcaptchatoken: MASK, 'x-login-nonce': MASK, 'bmw-vin': 'WBA' });
  });

  it('describes form, JSON, text and binary bodies', () => {
    const form = describeBody(Buffer.from('username=u&password=p'), 'application/x-www-form-urlencoded');
    expect(form).toEqual({ username: 'u', password: MASK });
    expect(describeBody(Buffer.from('{"password":"p","mobile":"86"}'), 'application/json')).toEqual({
      password: MASK,
      mobile: '86',
    });
    expect(describeBody(Buffer.from('hello'), 'text/plain')).toBe('hello');
    expect(describeBody(Buffer.from([0, 1, 2]), 'application/octet-stream')).toBe('<3 bytes>');
    expect(describeBody(Buffer.alloc(0), undefined)).toBeUndefined();
  });
});
