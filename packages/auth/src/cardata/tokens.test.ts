import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { CARDATA_REFRESH_TOKEN_LIFETIME_MS } from './constants';
import { isCarDataTokens, parseTokenResponse } from './tokens';

const response = {
  gcid: 'gcid-1',
  token_type: 'Bearer',
  access_token: 'access-secret',
  refresh_token: 'refresh-secret',
  scope: 'cardata:api:read openid cardata:streaming:read authenticate_user',
  expires_in: 3599,
  id_token: 'id-secret',
};

describe('parseTokenResponse', () => {
  it('keeps all three tokens, the gcid and both expiries', () => {
    const tokens = parseTokenResponse(response, 'client-1', 1_000);
    expect(tokens).toEqual({
      kind: 'cardata',
      clientId: 'client-1',
      gcid: 'gcid-1',
      accessToken: 'access-secret',
      idToken: 'id-secret',
      refreshToken: 'refresh-secret',
      scope: response.scope,
      expiresAt: 1_000 + 3_599_000,
      refreshExpiresAt: 1_000 + CARDATA_REFRESH_TOKEN_LIFETIME_MS,
    });
    expect(isCarDataTokens(tokens)).toBe(true);
  });

  it('refuses a response without one of the tokens or the gcid, and names no secret', () => {
    for (const key of ['access_token', 'id_token', 'refresh_token', 'gcid'] as const) {
      const { [key]: _dropped, ...rest } = response;
      const attempt = () => parseTokenResponse(rest, 'client-1', 0);
      expect(attempt).toThrowError(new RegExp(key));
      try {
        attempt();
      } catch (error) {
        expect(JSON.stringify(error)).not.toMatch(/secret/);
        expect(String(error)).not.toMatch(/secret/);
      }
    }
  });

  it('never throws anything but a typed error on arbitrary bodies', () => {
    fc.assert(
      fc.property(fc.jsonValue(), (body) => {
        try {
          const tokens = parseTokenResponse(body, 'c', 0);
          expect(isCarDataTokens(tokens)).toBe(true);
        } catch (error) {
          expect((error as { code?: string }).code).toBe('auth');
        }
      }),
    );
  });
});
