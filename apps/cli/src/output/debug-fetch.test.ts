import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { loggingFetch } from './debug-fetch';

describe('loggingFetch', () => {
  it('logs method, path and status, and never the query, headers or body', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.constantFrom('GET', 'post', 'PUT'),
        fc.array(fc.stringMatching(/^[a-z0-9-]{1,8}$/), { minLength: 1, maxLength: 4 }),
        fc.stringMatching(/^[A-Za-z0-9]{12,24}$/),
        fc.integer({ min: 200, max: 599 }),
        async (method, segments, secret, status) => {
          const lines: string[] = [];
          const logged = loggingFetch(
            (line) => lines.push(line),
            async () => new Response(null, { status }),
          );
          const path = `/${segments.join('/')}`;
          const response = await logged(`http://127.0.0.1:1${path}?code=${secret}`, {
            method,
            headers: { authorization: `Bearer ${secret}`, hcaptchatoken: secret },
            body: `password=${secret}`,
          });
          expect(response.status).toBe(status);
          expect(lines).toEqual([`${method.toUpperCase()} ${path} ${status}`]);
          expect(lines.join('\n')).not.toContain(secret);
        },
      ),
    );
  });

  it('logs a request that failed on the network and rethrows the error', async () => {
    const lines: string[] = [];
    const failure = new TypeError('fetch failed: token=abc');
    const logged = loggingFetch(
      (line) => lines.push(line),
      async () => {
        throw failure;
      },
    );
    await expect(logged(new Request('http://127.0.0.1:1/gcdm/oauth/token', { method: 'POST' }))).rejects.toBe(
      failure,
    );
    expect(lines).toEqual(['POST /gcdm/oauth/token failed (TypeError)']);
  });
});
