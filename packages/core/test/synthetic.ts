import { type ParseMyBMWVehicleOptions, parseMyBMWVehicle, type VehicleSnapshot } from '../src/index';

/** Builds minimal synthetic MyBMW responses for rule tests (own values, not copied from recordings). */

export const TEST_VIN = 'WBA00000000TEST01';
export const T0 = new Date('2025-03-10T12:00:00Z');

export interface SyntheticInput {
  profile?: Record<string, unknown>;
  state?: Record<string, unknown>;
  capabilities?: Record<string, unknown>;
  chargingSettings?: unknown;
  driveTrain?: string;
  options?: Partial<ParseMyBMWVehicleOptions>;
}

export function syntheticOptions(input: SyntheticInput = {}): ParseMyBMWVehicleOptions {
  return {
    profile: {
      vin: TEST_VIN,
      brand: 'BMW',
      model: 'Test Car',
      driveTrain: input.driveTrain ?? 'ELECTRIC',
      ...input.profile,
    },
    state: { capabilities: input.capabilities ?? {}, state: input.state ?? {} },
    chargingSettings: input.chargingSettings,
    fetchedAt: T0,
    timeZone: 'UTC',
    ...input.options,
  };
}

export function parse(input: SyntheticInput = {}): VehicleSnapshot {
  return parseMyBMWVehicle(syntheticOptions(input));
}

export function issuePaths(s: VehicleSnapshot): string[] {
  return s.issues.map((i) => i.path);
}
