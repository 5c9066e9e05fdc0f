import { describe, expect, it } from 'vitest';
import { jwtExpiry } from './jwt-expiry';

const part = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url');

describe('jwtExpiry', () => {
  it('reads exp without verifying the signature', () => {
    const token = `${part({ alg: 'HS256' })}.${part({ nbf: 1637707916, exp: 1637711216, iat: 1637707916 })}.sig`;
    expect(jwtExpiry(token)).toBe(1637711216 * 1000);
  });

  it('is undefined for opaque tokens and tokens without a numeric exp', () => {
    expect(jwtExpiry('opaque-token')).toBeUndefined();
    expect(jwtExpiry(`${part({})}.${part({ exp: 'soon' })}.x`)).toBeUndefined();
    expect(jwtExpiry('a.%%%.c')).toBeUndefined();
  });
});
