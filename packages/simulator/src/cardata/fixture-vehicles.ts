import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { isJsonObject } from '@bimmer/core/internal';
import { defaultBasicData, type SimulatedVehicle } from './state';

/** When a vehicle file does not say since when the car is mapped. */
const DEFAULT_MAPPED_SINCE = '2024-01-15T10:00:00.000Z';

const VIN_FILE = /^([A-Z0-9]{17})\.json$/;

function record(value: unknown): Record<string, unknown> | undefined {
  return isJsonObject(value) ? value : undefined;
}

/**
 * One vehicle from a file of `fixtures/cardata/rest` (`mappingType`, `basicData`, `telematicData`,
 * `chargingHistory`, `tyreDiagnosis`, `chargingSettings`); missing parts get the defaults of a
 * vehicle added through the controls.
 *
 * @throws TypeError when the file is not such an object or has an unknown mapping type.
 */
export function toSimulatedVehicle(vin: string, json: unknown, source: string): SimulatedVehicle {
  const file = record(json);
  if (file === undefined) throw new TypeError(`${source}: expected a CarData vehicle object.`);
  const mappingType = file.mappingType ?? 'PRIMARY';
  if (mappingType !== 'PRIMARY' && mappingType !== 'SECONDARY')
    throw new TypeError(`${source}: mappingType must be PRIMARY or SECONDARY.`);
  return {
    mappingType,
    mappedSince: typeof file.mappedSince === 'string' ? file.mappedSince : DEFAULT_MAPPED_SINCE,
    basicData: record(file.basicData) ?? defaultBasicData(vin),
    telematic: (record(file.telematicData) ?? {}) as SimulatedVehicle['telematic'],
    chargingHistory: Array.isArray(file.chargingHistory) ? file.chargingHistory : [],
    tyreDiagnosis: file.tyreDiagnosis ?? { errors: [], passengerCar: {} },
    chargingSettings: Array.isArray(file.chargingSettings) ? file.chargingSettings : [],
  };
}

/**
 * Reads every `<VIN>.json` of a directory shaped like `fixtures/cardata/rest` (other files are
 * ignored), by VIN.
 *
 * @throws TypeError when the directory is missing or a file is not a CarData vehicle.
 */
export function readCarDataVehicles(directory: string): Map<string, SimulatedVehicle> {
  if (!existsSync(directory)) throw new TypeError(`CarData vehicle directory ${directory} does not exist.`);
  const vehicles = new Map<string, SimulatedVehicle>();
  for (const name of readdirSync(directory).sort()) {
    const vin = VIN_FILE.exec(name)?.[1];
    if (vin === undefined) continue;
    const path = join(directory, name);
    let json: unknown;
    try {
      json = JSON.parse(readFileSync(path, 'utf8'));
    } catch (error) {
      throw new TypeError(`${path}: ${error instanceof Error ? error.message : String(error)}`);
    }
    vehicles.set(vin, toSimulatedVehicle(vin, json, path));
  }
  return vehicles;
}

/**
 * The vehicles the CarData side starts with: the directory given, none for `false`, else
 * `defaultDirectory` when it exists (our own, see `fleet-location.ts`).
 */
export function startVehicles(
  option: string | false | undefined,
  defaultDirectory: string | undefined,
): Map<string, SimulatedVehicle> {
  if (option === false) return new Map();
  if (option !== undefined) return readCarDataVehicles(option);
  return defaultDirectory !== undefined && existsSync(defaultDirectory)
    ? readCarDataVehicles(defaultDirectory)
    : new Map();
}
