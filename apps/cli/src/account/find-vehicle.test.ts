import { BimmerApiError, BimmerNotFoundError, BimmerQuotaError, isBimmerError } from '@bimmer/core';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { findVehicle } from './find-vehicle';

const vehicles = [{ vin: 'WBA00000000000001' }, { vin: 'WBA00000000000002' }];

describe('findVehicle', () => {
  it('finds a VIN whatever its case and spaces', () => {
    expect(findVehicle(vehicles, ' wba00000000000002 ')).toBe(vehicles[1]);
  });

  it('says "not found" and lists the VINs only when nothing failed', () => {
    expect(() => findVehicle(vehicles, 'WBA00000000000009')).toThrow(BimmerNotFoundError);
    expect(() => findVehicle(vehicles, 'WBA00000000000009')).toThrow(/Could not find vehicle/);
  });

  it('never says "not found" when a list failed: the VIN may be on it', () => {
    fc.assert(
      fc.property(
        fc.stringMatching(/^[A-Z0-9]{17}$/),
        fc.constantFrom('BMW', 'MINI', 'TOYOTA'),
        (vin, brand) => {
          fc.pre(!vehicles.some((vehicle) => vehicle.vin === vin));
          const failedLists = [
            { what: `the ${brand} vehicle list`, error: new BimmerApiError('HTTP 500', { status: 500 }) },
          ];
          let thrown: unknown;
          try {
            findVehicle(vehicles, vin, { failedLists });
          } catch (error) {
            thrown = error;
          }
          expect(isBimmerError(thrown, 'not-found')).toBe(false);
          expect(isBimmerError(thrown, 'api')).toBe(true);
          expect((thrown as Error).message).toContain(`Could not tell whether ${vin} is on this account`);
          expect((thrown as Error).message).toContain(`the ${brand} vehicle list`);
        },
      ),
    );
  });

  it('gives a vehicle whose data failed that failure, keeping its code', () => {
    const quota = new BimmerQuotaError('Rate limited.');
    const failedVehicles = new Map([['WBA00000000000003', quota]]);
    expect(() => findVehicle(vehicles, 'wba00000000000003', { failedVehicles })).toThrow(quota);
    const api = new Map([['WBA00000000000003', new BimmerApiError('HTTP 500')]]);
    expect(() => findVehicle(vehicles, 'WBA00000000000003', { failedVehicles: api })).toThrow(
      /WBA00000000000003 could not be loaded: HTTP 500/,
    );
  });
});
