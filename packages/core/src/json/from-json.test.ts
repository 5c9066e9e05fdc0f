import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parse } from '../../test/synthetic';
import { BimmerValidationError, isBimmerError } from '../errors/index';
import { vehicleFromJSON } from './from-json';
import { vehicleToJSON } from './to-json';

/** The JSON form of a vehicle with every block. */
function fullJson(): Record<string, unknown> {
  const snapshot = parse({
    driveTrain: 'PLUGIN_HYBRID',
    profile: { year: 2024, hmiVersion: 'ID8', headUnitType: 'MGU' },
    capabilities: { lastStateCallState: 'ACTIVATED', lock: true },
    state: {
      isLscSupported: true,
      currentMileage: 12_345,
      lastFetched: '2025-03-10T11:59:30Z',
      combustionFuelLevel: { range: 600, remainingFuelLiters: 40, remainingFuelPercent: 70 },
      electricChargingState: { range: 80, chargingLevelPercent: 90, chargingStatus: 'CHARGING' },
      location: { coordinates: { latitude: 52.52, longitude: 13.405 }, heading: 270 },
      doorsState: { combinedSecurityState: 'LOCKED', hood: 'CLOSED', trunk: 'OPEN' },
      windowsState: { leftFront: 'CLOSED' },
      requiredServices: [{ type: 'OIL', status: 'OK', dateTime: '2026-01-01T00:00:00Z', mileage: 20_000 }],
      checkControlMessages: [{ type: 'ENGINE_OIL', severity: 'MEDIUM' }],
      climateControlState: { activity: 'HEATING', remainingSeconds: 600 },
      chargingProfile: {
        chargingMode: 'DELAYED_CHARGING',
        departureTimes: [
          { id: 1, action: 'ACTIVATE', timeStamp: { hour: 7, minute: 0 }, timerWeekDays: ['MONDAY'] },
        ],
        reductionOfChargeCurrent: { start: { hour: 22, minute: 0 }, end: { hour: 6, minute: 0 } },
      },
      tireState: { frontLeft: { status: { currentPressure: 250 }, details: { manufacturingWeek: 1224 } } },
    },
  });
  return JSON.parse(
    JSON.stringify(
      vehicleToJSON({
        ...snapshot,
        fieldTimes: { mileage: { at: new Date('2025-03-10T11:00:00Z'), source: 'cardata', channel: 'rest' } },
      }),
    ),
  );
}

function validationErrorOf(run: () => unknown): BimmerValidationError {
  try {
    run();
  } catch (error) {
    if (error instanceof BimmerValidationError) return error;
    throw error;
  }
  throw new Error('expected a BimmerValidationError');
}

describe('vehicleFromJSON validation', () => {
  it('reads the JSON form back exactly', () => {
    const json = fullJson();
    expect(vehicleToJSON(vehicleFromJSON(json))).toEqual(json);
  });

  it('keeps the driving state (isMoving) through the round trip', () => {
    const json = { ...vehicleToJSON(parse()), isMoving: true };
    expect(vehicleFromJSON(json).isMoving).toBe(true);
    expect(vehicleToJSON(vehicleFromJSON(json)).isMoving).toBe(true);
  });

  it('names a missing key and a wrong type by dot path', () => {
    const { fetchedAt: _, ...withoutFetchedAt } = fullJson();
    const error = validationErrorOf(() =>
      vehicleFromJSON({ ...withoutFetchedAt, fuelAndBattery: { remainingBatteryPercent: '90' } }),
    );
    expect(error.code).toBe('validation');
    expect([...error.paths].sort()).toEqual(['fetchedAt', 'fuelAndBattery.remainingBatteryPercent']);
    expect(error.message).toMatch(/fetchedAt \(missing\)/);
    expect(error.message).toMatch(/fuelAndBattery\.remainingBatteryPercent \(expected number\)/);
  });

  it('checks instants, times of day and positions', () => {
    const json = fullJson();
    const error = validationErrorOf(() =>
      vehicleFromJSON({
        ...json,
        timestamp: '2025-13-40T99:00:00Z',
        chargingProfile: { preferredChargingWindow: { startTime: '25:00:00', endTime: '06:00:00' } },
        vehicleLocation: { accountRegion: 'rest_of_world', location: { latitude: 0, longitude: 181 } },
      }),
    );
    expect([...error.paths].sort()).toEqual([
      'chargingProfile.preferredChargingWindow.startTime',
      'timestamp',
      'vehicleLocation.location.longitude',
    ]);
  });

  it('refuses what is no object, with no path to name', () => {
    for (const bad of [null, 'x', 42, [], undefined]) {
      const error = validationErrorOf(() => vehicleFromJSON(bad));
      expect(error.paths).toEqual([]);
      expect(error.message).toMatch(/^Not the JSON form of a vehicle: expected an object\.$/);
    }
  });

  it('names five paths in the message and counts the rest', () => {
    const error = validationErrorOf(() =>
      vehicleFromJSON({
        ...fullJson(),
        hasCombustionDrivetrain: 1,
        isLscEnabled: 1,
        isRemoteHornEnabled: 1,
        isRemoteLightsEnabled: 1,
        isRemoteLockEnabled: 1,
        isVehicleActive: 1,
        isVehicleTrackingEnabled: 1,
      }),
    );
    expect(error.paths).toHaveLength(7);
    expect(error.message).toMatch(/ and 2 more\.$/);
  });

  it('a value nested 5,000 levels deep is ignored or a typed error, never a crash', () => {
    let deep: unknown = 'x';
    for (let level = 0; level < 5_000; level++) deep = { next: deep };
    const json = fullJson();
    expect(vehicleToJSON(vehicleFromJSON({ ...json, extra: deep }))).toEqual(json);
    expect(
      validationErrorOf(() => vehicleFromJSON({ ...json, tires: { frontLeft: { currentPressure: deep } } }))
        .paths,
    ).toEqual(['tires.frontLeft.currentPressure']);
  });

  it('any damage to the form is a typed error naming paths, never a crash or a value in the message', () => {
    const marker = fc.string().map((s) => `zq-marker-${s}`);
    const damage = fc.oneof(
      marker,
      fc.constantFrom(null, -1, 1e308, true, [], {}, '', '9999-99-99T00:00:00Z', 'UNKNOWN'),
      fc.dictionary(fc.string(), marker, { maxKeys: 2 }),
      fc.array(marker, { maxLength: 2 }),
    );
    fc.assert(
      fc.property(fc.array(fc.tuple(fc.nat(), damage), { minLength: 1, maxLength: 4 }), (changes) => {
        const json = fullJson();
        for (const [pick, value] of changes) {
          const slots: { parent: Record<string, unknown> | unknown[]; key: string | number }[] = [];
          const walk = (node: unknown) => {
            if (node === null || typeof node !== 'object') return;
            for (const [key, child] of Object.entries(node)) {
              slots.push({
                parent: node as Record<string, unknown>,
                key: Array.isArray(node) ? Number(key) : key,
              });
              walk(child);
            }
          };
          walk(json);
          const slot = slots[pick % slots.length];
          if (slot !== undefined) (slot.parent as Record<string | number, unknown>)[slot.key] = value;
        }
        let snapshot: ReturnType<typeof vehicleFromJSON> | undefined;
        try {
          snapshot = vehicleFromJSON(json);
        } catch (error) {
          expect(isBimmerError(error, 'validation')).toBe(true);
          expect((error as BimmerValidationError).message).not.toContain('zq-marker');
          expect(JSON.stringify((error as BimmerValidationError).toJSON())).not.toContain('zq-marker');
          return;
        }
        // What was accepted is a snapshot that writes a valid JSON form again.
        const again = vehicleToJSON(snapshot);
        expect(vehicleToJSON(vehicleFromJSON(JSON.parse(JSON.stringify(again))))).toEqual(again);
      }),
      { numRuns: 1_000 },
    );
  });
});
