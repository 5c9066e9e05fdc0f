import { describe, expect, it } from 'vitest';
import { redirectParams } from './redirect-params';

describe('redirectParams', () => {
  it('reads query parameters of custom-scheme redirects and redirect_to values with raw spaces', () => {
    expect(redirectParams('com.bmw.connected://oauth?code=CODE&state=S').get('code')).toBe('CODE');
    expect(
      redirectParams('redirect_uri=com.bmw.connected://oauth?scope=openid profile&authorization=abc').get(
        'authorization',
      ),
    ).toBe('abc');
    expect(redirectParams('no-query').get('code')).toBeNull();
  });
});
