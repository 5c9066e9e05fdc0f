import { isBimmerError } from '@bimmer/core';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  CarDataApiError,
  CarDataAuthError,
  CarDataNotFoundError,
  CarDataQuotaError,
  CarDataValidationError,
} from './cardata-errors';
import { CU_CODES } from './cu-codes';
import { carDataErrorFromResponse } from './error-from-response';

const body = (id: string, msg = 'x') => ({
  exveErrorId: id,
  exveErrorMsg: msg,
  exveErrorRef: 'ref-secret',
  exveNote: 'note with token abc',
});

describe('carDataErrorFromResponse', () => {
  it('maps CU codes onto typed errors with the code and a hint', () => {
    const cases: [string, number, string][] = [
      ['CU-100', 401, 'auth'],
      ['CU-102', 401, 'auth'],
      ['CU-103', 403, 'auth'],
      ['CU-104', 403, 'api'],
      ['CU-120', 400, 'validation'],
      ['CU-121', 400, 'validation'],
      ['CU-124', 403, 'api'],
      ['CU-126', 404, 'not-found'],
      ['CU-127', 404, 'not-found'],
      ['CU-429', 403, 'quota'],
      ['CU-503', 503, 'api'],
    ];
    for (const [id, status, code] of cases) {
      const error = carDataErrorFromResponse(status, body(id), '/customers/containers');
      expect(error.code).toBe(code);
      expect(error.cuCode).toBe(id);
      expect(error.hint).toBeTruthy();
      expect(error.message).toContain(id);
    }
    expect(carDataErrorFromResponse(403, body('CU-103'), '/x').hint).toMatch(/CarData API/);
  });

  it('reads invalid_token as an auth error whatever the id says', () => {
    expect(carDataErrorFromResponse(403, body('CU-127', 'invalid_token'), '/x')).toMatchObject({
      code: 'auth',
      cuCode: 'CU-127',
    });
  });

  it('falls back on the status, and never echoes BMW free text', () => {
    fc.assert(
      fc.property(fc.integer({ min: 400, max: 599 }), fc.jsonValue(), (status, raw) => {
        const error = carDataErrorFromResponse(status, raw, '/customers/vehicles/mappings');
        expect(error.message).toContain(`HTTP ${status}`);
        expect(error.message).not.toContain('ref-secret');
      }),
    );
    expect(carDataErrorFromResponse(429, undefined, '/x').code).toBe('quota');
    expect(JSON.stringify(carDataErrorFromResponse(400, body('CU-999'), '/x'))).not.toMatch(
      /token abc|ref-secret/,
    );
  });

  it('gives every CU code an SDK-worded hint that names no CLI command', () => {
    for (const [id, meaning] of Object.entries(CU_CODES)) {
      expect(meaning.hint, id).not.toMatch(/\bbimmer (login|stream|status|quota|doctor)\b|--[a-z]/);
    }
    expect(carDataErrorFromResponse(401, body('CU-101'), '/x')).toMatchObject({ action: 'cardata-login' });
    expect(carDataErrorFromResponse(403, body('CU-103'), '/x')).toMatchObject({ action: 'cardata-portal' });
    expect(carDataErrorFromResponse(403, body('CU-429'), '/x')).toMatchObject({ action: 'wait' });
    expect(carDataErrorFromResponse(503, undefined, '/x')).toMatchObject({ action: 'wait' });
  });
});

describe('the five CarData errors', () => {
  const classes = [
    CarDataAuthError,
    CarDataQuotaError,
    CarDataNotFoundError,
    CarDataValidationError,
    CarDataApiError,
  ];

  it('share one details shape, set from the options, beside the core fields of their code', () => {
    for (const ErrorClass of classes) {
      const error = new ErrorClass('m', {
        cuCode: 'CU-1',
        status: 418,
        endpoint: '/e',
        hint: 'h',
        action: 'wait',
      });
      expect(error).toMatchObject({ cuCode: 'CU-1', status: 418, endpoint: '/e', hint: 'h', action: 'wait' });
      expect(error.name).toBe(ErrorClass.name);
      expect(isBimmerError(error)).toBe(true);
      const bare = new ErrorClass('m');
      expect([bare.cuCode, bare.status, bare.endpoint]).toEqual([undefined, undefined, undefined]);
    }
    expect(new CarDataQuotaError('m', { retryAt: new Date(5) }).retryAt).toEqual(new Date(5));
    expect(new CarDataValidationError('m', { paths: ['a.b'] }).paths).toEqual(['a.b']);
    expect(new CarDataApiError('m', { status: 500 }).code).toBe('api');
  });
});
