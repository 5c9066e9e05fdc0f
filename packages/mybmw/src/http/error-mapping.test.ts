import { BimmerError } from '@bimmer/core';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { errorFromResponse } from './error-mapping';

const CODE_BY_STATUS: Record<number, string> = {
  401: 'auth',
  404: 'not-found',
  429: 'quota',
  489: 'blocked',
};

describe('errorFromResponse', () => {
  it('always gives a typed error with a short single-line message', () => {
    fc.assert(
      fc.property(fc.integer({ min: 400, max: 599 }), fc.string({ maxLength: 2000 }), (status, body) => {
        const error = errorFromResponse({
          status,
          headers: new Headers(),
          body,
          endpoint: '/eadrax-vcs/test',
        });
        expect(error).toBeInstanceOf(BimmerError);
        expect(error.message).not.toMatch(/\n/);
        expect(error.message.length).toBeLessThan(400);
        const expected = /\bblocked\b/i.test(body) ? 'blocked' : CODE_BY_STATUS[status];
        if (expected !== undefined) expect(error.code).toBe(expected);
      }),
    );
  });

  it('uses the JSON message of the body when there is one', () => {
    const error = errorFromResponse({
      status: 500,
      headers: new Headers(),
      body: JSON.stringify({ statusCode: 500, message: 'Backend unavailable' }),
      endpoint: '/eadrax-vcs/v4/vehicles/state',
    });
    expect(error.message).toBe(
      'MyBMW request to /eadrax-vcs/v4/vehicles/state failed with HTTP 500: Backend unavailable',
    );
  });
});
