import { describe, expect, it } from 'vitest';
import {
  BimmerApiError,
  BimmerAuthError,
  BimmerBlockedError,
  BimmerError,
  BimmerQuotaError,
  BimmerRemoteServiceError,
  isBimmerError,
  isRemoteOutcomeUnknown,
} from './index';

describe('typed errors', () => {
  it('carry a stable code and their class name', () => {
    const error = new BimmerAuthError('Wrong username or password.', { status: 401 });
    expect(error).toBeInstanceOf(BimmerError);
    expect(error).toBeInstanceOf(Error);
    expect(error.code).toBe('auth');
    expect(error.name).toBe('BimmerAuthError');
    expect(error.status).toBe(401);
    expect(isBimmerError(error, 'auth')).toBe(true);
    expect(isBimmerError(error, 'quota')).toBe(false);
    expect(isBimmerError(new Error('x'))).toBe(false);
  });

  it('serialise without their cause', () => {
    const error = new BimmerQuotaError('Too many requests.', {
      cause: new Error('inner detail'),
      hint: 'Wait a minute.',
      retryAt: new Date('2026-12-01T00:00:00Z'),
    });
    expect(JSON.parse(JSON.stringify(error))).toEqual({
      code: 'quota',
      name: 'BimmerQuotaError',
      message: 'Too many requests.',
      hint: 'Wait a minute.',
    });
    expect(error.retryAt?.toISOString()).toBe('2026-12-01T00:00:00.000Z');
  });

  it('explain the MyBMW block and point to CarData, in SDK words with a machine-readable action', () => {
    const error = new BimmerBlockedError();
    expect(error.code).toBe('blocked');
    expect(error.message).toContain('2025-09-29');
    expect(error.hint).toContain('CarData');
    expect(error.hint).not.toContain('bimmer ');
    expect(error.action).toBe('use-cardata');
    expect(error.toJSON().action).toBe('use-cardata');
  });

  it('are recognised by a marker, not by instanceof, so a second copy of the class still counts', () => {
    const foreign = Object.assign(new Error('from the other build'), {
      code: 'quota',
      [Symbol.for('bimmer.error')]: true,
    });
    expect(foreign instanceof BimmerError).toBe(false);
    expect(isBimmerError(foreign, 'quota')).toBe(true);
    expect(BimmerError.isInstance(foreign)).toBe(true);
    expect(BimmerError.isInstance({ code: 'quota' })).toBe(false);
  });

  it('keep the event id and state of a failed remote service', () => {
    const error = new BimmerRemoteServiceError('Remote service failed.', { eventId: 'e1', state: 'ERROR' });
    expect(error.eventId).toBe('e1');
    expect(error.state).toBe('ERROR');
  });

  it('toJSON leaves out what is unknown instead of writing undefined', () => {
    expect(Object.keys(new BimmerAuthError('Log in again.').toJSON())).toEqual(['code', 'name', 'message']);
    expect(
      new BimmerAuthError('Log in again.', { hint: 'Check the password.', action: 'mybmw-login' }).toJSON(),
    ).toEqual({
      code: 'auth',
      name: 'BimmerAuthError',
      message: 'Log in again.',
      hint: 'Check the password.',
      action: 'mybmw-login',
    });
  });

  it('options take undefined for what a relay does not know', () => {
    const retryAt: Date | undefined = undefined;
    const status: number | undefined = undefined;
    const quota = new BimmerQuotaError('Too many requests.', { retryAt, hint: undefined, action: undefined });
    expect(quota.retryAt).toBeUndefined();
    expect(new BimmerAuthError('Refused.', { status }).status).toBeUndefined();
    expect(Object.hasOwn(quota, 'cause')).toBe(false);
  });
});

describe('isRemoteOutcomeUnknown', () => {
  it('is true only when BMW took the command and its end was not seen', () => {
    const after = (state: string | undefined) =>
      isRemoteOutcomeUnknown(new BimmerRemoteServiceError('remote service', { state }));
    expect(['UNKNOWN', 'INITIATED', 'PENDING', 'DELIVERED'].map(after)).toEqual([true, true, true, true]);
    expect(after('ERROR')).toBe(false);
    expect(after(undefined)).toBe(false);
    expect(isRemoteOutcomeUnknown(new BimmerApiError('HTTP 500'))).toBe(false);
    expect(isRemoteOutcomeUnknown({ code: 'remote-service', state: 'PENDING' })).toBe(false);
  });
});
