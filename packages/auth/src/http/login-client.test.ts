import { BimmerApiError, BimmerAuthError, BimmerQuotaError } from '@bimmer/core';
import { describe, expect, it } from 'vitest';
import { ManualClock, RecordingLogger } from '../../test/helpers';
import { getRegionConfig } from '../region/region-config';
import type { FetchLike } from './fetch-like';
import { LoginClient } from './login-client';

function client(fetch: FetchLike, secrets: string[] = [], baseUrl?: string) {
  return new LoginClient({
    region: getRegionConfig('row'),
    baseUrl,
    fetch,
    clock: new ManualClock(),
    logger: new RecordingLogger(),
    maxRetryWaitSeconds: 30,
    secrets: () => secrets,
  });
}

const answer = (status: number, body: string) => async () => new Response(body, { status });

describe('LoginClient', () => {
  it('resolves paths on the region host, keeps absolute URLs, and moves both to baseUrl', () => {
    const plain = client(answer(200, '{}'));
    expect(plain.resolve('/eadrax-coas/v1/cop/publickey').href).toBe(
      'https://cocoapi.bmwgroup.com/eadrax-coas/v1/cop/publickey',
    );
    expect(plain.resolve('https://customer.bmwgroup.com/gcdm/oauth/token?x=1').href).toBe(
      'https://customer.bmwgroup.com/gcdm/oauth/token?x=1',
    );
    const proxied = client(answer(200, '{}'), [], 'http://127.0.0.1:8080/');
    expect(proxied.resolve('https://customer.bmwgroup.com/gcdm/oauth/token').href).toBe(
      'http://127.0.0.1:8080/gcdm/oauth/token',
    );
  });

  it('does not follow redirects', async () => {
    let redirect: RequestInit['redirect'];
    const response = await client(async (_input, init) => {
      redirect = init?.redirect;
      return new Response(null, { status: 302, headers: { location: 'com.bmw.connected://oauth?code=c' } });
    }).send({ method: 'POST', url: '/x' });
    expect(redirect).toBe('manual');
    expect(response.status).toBe(302);
  });

  it('turns 5xx into an API error and other 4xx into an auth error', async () => {
    const server = await client(answer(500, 'INTERNAL SERVER ERROR'))
      .send({ method: 'GET', url: '/a' })
      .catch((error: unknown) => error);
    expect(server).toBeInstanceOf(BimmerApiError);
    expect((server as BimmerApiError).endpoint).toBe('/a');
    expect((server as Error).message).toContain('INTERNAL SERVER ERROR');
    const refused = await client(answer(400, '{"error":"invalid_grant"}'))
      .send({ method: 'GET', url: '/b' })
      .catch((error: unknown) => error);
    expect(refused).toBeInstanceOf(BimmerAuthError);
    expect((refused as Error).message).toContain('invalid_grant');
  });

  it('ends the message with one full stop, whether or not the server text has one', async () => {
    const message = async (body: string) =>
      String(
        await client(answer(422, body))
          .send({ method: 'POST', url: '/eadrax-coas/v2/login/pwd' })
          .catch((error: Error) => error.message),
      );
    expect(await message('{"code":699140,"description":"Invalid x-login-nonce."}')).toBe(
      'The MyBMW login failed at /eadrax-coas/v2/login/pwd (HTTP 422): Invalid x-login-nonce.',
    );
    expect(await message('{"error":"invalid_grant"}')).toBe(
      'The MyBMW login failed at /eadrax-coas/v2/login/pwd (HTTP 422): invalid_grant.',
    );
    expect(await message('')).toBe('The MyBMW login failed at /eadrax-coas/v2/login/pwd (HTTP 422).');
    // A long text is cut at 200 characters, never inside an astral one.
    const long = await message(`{"description":"${'🚗'.repeat(300)}"}`);
    expect(long).toContain(`: ${'🚗'.repeat(200)}…`);
    expect(long.endsWith('…')).toBe(true);
  });

  it('reads a 403 quota answer as a quota error', async () => {
    const error = await client(answer(403, '{"message":"Out of call volume quota."}'))
      .send({ method: 'GET', url: '/c' })
      .catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(BimmerQuotaError);
  });

  it('scrubs secrets the server echoes and hides network error details', async () => {
    const echoed = await client(
      answer(401, '{"error":"bad","error_description":"password hunter22 wrong"}'),
      ['hunter22'],
    )
      .send({ method: 'GET', url: '/d' })
      .catch((error: unknown) => error);
    expect((echoed as Error).message).not.toContain('hunter22');
    const offline = await client(async () => {
      throw new TypeError('fetch failed for https://x/?password=hunter22');
    })
      .send({ method: 'GET', url: '/e' })
      .catch((error: unknown) => error);
    expect(offline).toBeInstanceOf(BimmerApiError);
    expect(JSON.stringify(offline) + String((offline as Error).cause)).not.toContain('hunter22');
  });

  it('reports a non-JSON success body as an API error', async () => {
    const error = await client(answer(200, '<html>'))
      .sendForJson({ method: 'GET', url: '/f' })
      .catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(BimmerApiError);
  });
});
