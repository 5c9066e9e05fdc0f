import {
  buildCheckControlMessageReport,
  buildConditionBasedServiceReport,
  buildDoorsAndWindows,
  buildLid,
  type ChargingState,
  type CheckControlStatus,
  type ConditionBasedServiceStatus,
  type FieldTime,
  type GpsPosition,
  type LidState,
  type LockState,
  Region,
  type VehicleSnapshot,
} from '../src/index';
import { parse, TEST_VIN } from './synthetic';

/**
 * Hand-built snapshots for the derived-event tests: the fields events watch, each with its own
 * field time, on top of a synthetic MyBMW vehicle. Own values, not copied from recordings.
 */

/** The watched fields of a car, as the tests set them. */
export interface CarState {
  lock?: LockState;
  lids?: Readonly<Record<string, LidState>>;
  windows?: Readonly<Record<string, LidState>>;
  plugged?: boolean;
  charging?: ChargingState;
  battery?: number;
  target?: number;
  mileage?: number;
  position?: GpsPosition;
  moving?: boolean;
  services?: Readonly<Record<string, ConditionBasedServiceStatus>>;
  messages?: Readonly<Record<string, CheckControlStatus>>;
}

/** The dot path (JSON form) each field of {@link CarState} is timed under. */
export const PATH_OF = {
  lock: 'doorsAndWindows.doorLockState',
  plugged: 'fuelAndBattery.isChargerConnected',
  charging: 'fuelAndBattery.chargingStatus',
  battery: 'fuelAndBattery.remainingBatteryPercent',
  target: 'fuelAndBattery.chargingTarget',
  mileage: 'mileage',
  position: 'vehicleLocation.location',
  moving: 'isMoving',
  services: 'conditionBasedServices',
  messages: 'checkControlMessages',
} as const;

/** Every timed path of a state (lids and windows one path each). */
export function pathsOf(state: CarState): string[] {
  const paths: string[] = [];
  for (const [key, value] of Object.entries(state)) {
    if (value === undefined) continue;
    if (key === 'lids' || key === 'windows') {
      for (const name of Object.keys(value as object)) paths.push(`doorsAndWindows.${key}.${name}`);
    } else {
      paths.push(PATH_OF[key as keyof typeof PATH_OF]);
    }
  }
  return paths;
}

const base = parse();

/**
 * A snapshot of {@link TEST_VIN} with `state`, fetched at `fetchedAt`; `times` gives the field time
 * (epoch ms) of a path, and paths without one are timed at `fetchedAt`.
 */
export function carSnapshot(
  state: CarState,
  fetchedAt: number,
  times: Readonly<Record<string, number>> = {},
): VehicleSnapshot {
  const fieldTimes: Record<string, FieldTime> = {};
  for (const path of pathsOf(state)) {
    fieldTimes[path] = { at: new Date(times[path] ?? fetchedAt), source: 'cardata', channel: 'stream' };
  }
  const hasDoors = state.lock !== undefined || state.lids !== undefined || state.windows !== undefined;
  const hasFuel = [state.plugged, state.charging, state.battery, state.target].some((v) => v !== undefined);
  return {
    ...base,
    vin: TEST_VIN,
    fetchedAt: new Date(fetchedAt),
    fieldTimes,
    mileage: state.mileage === undefined ? undefined : { value: state.mileage, unit: 'km' },
    isMoving: state.moving,
    doorsAndWindows: hasDoors
      ? buildDoorsAndWindows({
          doorLockState: state.lock,
          lids: Object.entries(state.lids ?? {}).map(([name, lid]) => buildLid(name, lid)),
          windows: Object.entries(state.windows ?? {}).map(([name, window]) => buildLid(name, window)),
        })
      : undefined,
    fuelAndBattery: hasFuel
      ? {
          isChargerConnected: state.plugged,
          chargingStatus: state.charging,
          remainingBatteryPercent: state.battery,
          chargingTarget: state.target,
        }
      : undefined,
    vehicleLocation:
      state.position === undefined
        ? undefined
        : { location: state.position, accountRegion: Region.REST_OF_WORLD },
    conditionBasedServices:
      state.services === undefined
        ? undefined
        : buildConditionBasedServiceReport(
            Object.entries(state.services).map(([serviceType, serviceState]) => ({
              serviceType,
              state: serviceState,
              dueDistance: { value: 1200, unit: 'km' },
            })),
          ),
    checkControlMessages:
      state.messages === undefined
        ? undefined
        : buildCheckControlMessageReport(
            Object.entries(state.messages).map(([descriptionShort, messageState]) => ({
              descriptionShort,
              descriptionLong: `${descriptionShort} needs attention.`,
              state: messageState,
            })),
          ),
  };
}

/** A partial update of a car's fields, measured at `at` (epoch ms), like one stream message. */
export interface CarMessage {
  readonly at: number;
  readonly set: CarState;
}

/**
 * Plays messages the way a careless transport would: each one overwrites its fields and their
 * times, even when it is older than what was held (a late message). Returns the snapshot after
 * each message, which is what the event tracker must cope with.
 */
export function playMessages(messages: readonly CarMessage[]): VehicleSnapshot[] {
  let state: CarState = {};
  const times: Record<string, number> = {};
  const snapshots: VehicleSnapshot[] = [];
  for (const message of messages) {
    state = {
      ...state,
      ...message.set,
      lids: { ...state.lids, ...message.set.lids },
      windows: { ...state.windows, ...message.set.windows },
    };
    for (const path of pathsOf(message.set)) times[path] = message.at;
    snapshots.push(carSnapshot(state, message.at, times));
  }
  return snapshots;
}
