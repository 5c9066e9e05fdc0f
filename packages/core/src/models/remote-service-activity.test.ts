import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { BimmerUnsupportedError } from '../errors/index';
import { assertRemoteServiceSupported, RemoteServiceName } from './capabilities';
import { REMOTE_SERVICE_ACTIVITY, unsupportedRemoteServiceMessage } from './remote-service-activity';
import type { VehicleSnapshot } from './vehicle';

const SERVICES = Object.values(RemoteServiceName);

describe('unsupported remote-service messages', () => {
  it('says what the vehicle cannot do in words, keeping the internal name in feature', () => {
    // A vehicle without any capability flag supports nothing but the vehicle finder.
    const bare = { chargingProfile: undefined } as unknown as VehicleSnapshot;
    let error: unknown;
    try {
      assertRemoteServiceSupported(bare, 'chargeStart');
    } catch (caught) {
      error = caught;
    }
    expect(error).toBeInstanceOf(BimmerUnsupportedError);
    expect((error as BimmerUnsupportedError).message).toBe(
      'This vehicle does not support starting charging remotely.',
    );
    expect((error as BimmerUnsupportedError).feature).toBe('chargeStart');
  });

  it('has a distinct description for every service, never the internal name', () => {
    fc.assert(
      fc.property(fc.constantFrom(...SERVICES), (service) => {
        const message = unsupportedRemoteServiceMessage(service);
        expect(message).toMatch(/^This vehicle does not support [a-z][a-z ]+ remotely\.$/);
        // Words only: no camelCase internal name (`horn` is both).
        if (/[A-Z]/.test(service)) expect(message).not.toContain(service);
      }),
    );
    expect(new Set(Object.values(REMOTE_SERVICE_ACTIVITY)).size).toBe(SERVICES.length);
  });
});
