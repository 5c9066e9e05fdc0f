import {
  ChargingState,
  CheckControlStatus,
  ConditionBasedServiceStatus,
  LidState,
  LockState,
} from '../models/enums';
import type { GpsPosition, VehicleSnapshot } from '../models/vehicle';
import { fieldTimeOf } from './freshness';

/**
 * The value of one watched field as the event rules compare it: a plain JSON value, so that readings
 * can be kept in the persisted event memory. Enums are their string value, a position is
 * `[latitude, longitude]`, a report is a map from item (service type, message) to its state.
 */
export type ReadingValue = string | number | boolean | readonly number[] | Readonly<Record<string, string>>;

/**
 * One watched field of a snapshot: its value and when the car measured it (epoch milliseconds, from
 * `fieldTimes` or `fetchedAt`). Derived events compare readings, never whole snapshots, so that each
 * field is judged by its own time. `value` is null when the car reported the field, at a time of its
 * own, without saying anything (UNKNOWN, INVALID): that moves the field's time on (older values stay
 * late) but is no value to compare, so a known value after it is compared with the last known one.
 */
export interface HeldReading {
  readonly value: ReadingValue | null;
  readonly at: number;
}

/** True for a reading that holds a value (not absent, not an "unknown" report). */
export function isKnown(reading: HeldReading | undefined): reading is HeldReading & { value: ReadingValue } {
  return reading !== undefined && reading.value !== null;
}

/** The dot paths (JSON form) of the fields derived events watch; also the keys of the readings. */
export const WATCHED = {
  lock: 'doorsAndWindows.doorLockState',
  lids: 'doorsAndWindows.lids.',
  windows: 'doorsAndWindows.windows.',
  plugged: 'fuelAndBattery.isChargerConnected',
  charging: 'fuelAndBattery.chargingStatus',
  battery: 'fuelAndBattery.remainingBatteryPercent',
  chargingTarget: 'fuelAndBattery.chargingTarget',
  mileage: 'mileage',
  position: 'vehicleLocation.location',
  moving: 'isMoving',
  services: 'conditionBasedServices',
  messages: 'checkControlMessages',
} as const;

/** The number a reading holds, or undefined (no reading, or not a number). */
export function readingNumber(reading: HeldReading | undefined): number | undefined {
  return typeof reading?.value === 'number' ? reading.value : undefined;
}

/** The position a position reading holds (`[latitude, longitude]`), or undefined. */
export function readingPosition(reading: HeldReading | undefined): GpsPosition | undefined {
  const value = reading?.value;
  if (!Array.isArray(value) || value.length !== 2) return undefined;
  const [latitude, longitude] = value as readonly unknown[];
  return typeof latitude === 'number' && typeof longitude === 'number' ? { latitude, longitude } : undefined;
}

/** Enum values that say nothing about the car: they never replace a known value. */
const NO_INFORMATION: ReadonlySet<string> = new Set([
  LidState.UNKNOWN,
  LidState.INVALID,
  LockState.UNKNOWN,
  ChargingState.UNKNOWN,
  ChargingState.INVALID,
]);

const SERVICE_RANK: Readonly<Record<string, number>> = {
  [ConditionBasedServiceStatus.PENDING]: 1,
  [ConditionBasedServiceStatus.OVERDUE]: 2,
};

const MESSAGE_RANK: Readonly<Record<string, number>> = {
  [CheckControlStatus.LOW]: 1,
  [CheckControlStatus.MEDIUM]: 2,
  [CheckControlStatus.HIGH]: 3,
  [CheckControlStatus.CRITICAL]: 4,
};

/** How pressing a condition-based service state is: 0 for OK or unknown, 1 pending, 2 overdue. */
export function serviceRank(state: string | undefined): number {
  return state === undefined ? 0 : (SERVICE_RANK[state] ?? 0);
}

/** How severe a check-control message is: 0 absent or OK, 1 low (or unknown), up to 4 critical. */
export function messageRank(state: string | undefined): number {
  if (state === undefined || state === CheckControlStatus.OK) return 0;
  return MESSAGE_RANK[state] ?? 1;
}

/** A map as a plain record with sorted keys (own properties only, so any key is safe). */
function sortedRecord(map: ReadonlyMap<string, string>): Readonly<Record<string, string>> {
  return Object.fromEntries([...map].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
}

/**
 * Every watched field of `snapshot`, keyed by its dot path (lids and windows by name:
 * `doorsAndWindows.lids.trunk`). An unknown or invalid enum value is a null reading when the
 * snapshot gives the field a time of its own, and left out otherwise: a block's placeholder (CarData
 * says UNKNOWN for a lock state it never received) must not move the field's time to `fetchedAt`.
 */
export function readingsOf(snapshot: VehicleSnapshot): Map<string, HeldReading> {
  const readings = new Map<string, HeldReading>();
  const put = (path: string, value: ReadingValue | undefined): void => {
    if (value === undefined) return;
    if (typeof value === 'number' && !Number.isFinite(value)) return;
    const own = fieldTimeOf(snapshot, path);
    const at = (own?.at ?? snapshot.fetchedAt).getTime();
    if (!Number.isFinite(at)) return;
    if (typeof value === 'string' && NO_INFORMATION.has(value)) {
      if (own !== undefined) readings.set(path, { value: null, at });
      return;
    }
    readings.set(path, { value, at });
  };
  const doors = snapshot.doorsAndWindows;
  if (doors !== undefined) {
    put(WATCHED.lock, doors.doorLockState);
    for (const lid of doors.lids) put(`${WATCHED.lids}${lid.name}`, lid.state);
    for (const window of doors.windows) put(`${WATCHED.windows}${window.name}`, window.state);
  }
  const fuel = snapshot.fuelAndBattery;
  if (fuel !== undefined) {
    put(WATCHED.plugged, fuel.isChargerConnected);
    put(WATCHED.charging, fuel.chargingStatus);
    put(WATCHED.battery, fuel.remainingBatteryPercent);
    put(WATCHED.chargingTarget, fuel.chargingTarget);
  }
  put(WATCHED.mileage, snapshot.mileage?.value);
  const location = snapshot.vehicleLocation?.location;
  if (location !== undefined && Number.isFinite(location.latitude) && Number.isFinite(location.longitude)) {
    put(WATCHED.position, [location.latitude, location.longitude]);
  }
  put(WATCHED.moving, snapshot.isMoving);
  const services = snapshot.conditionBasedServices;
  if (services !== undefined) {
    const states = new Map<string, string>();
    for (const service of services.messages) {
      const held = states.get(service.serviceType);
      if (held === undefined || serviceRank(service.state) > serviceRank(held)) {
        states.set(service.serviceType, service.state);
      }
    }
    put(WATCHED.services, sortedRecord(states));
  }
  const messages = snapshot.checkControlMessages;
  if (messages !== undefined) {
    const states = new Map<string, string>();
    for (const message of messages.messages) {
      const held = states.get(message.descriptionShort);
      if (held === undefined || messageRank(message.state) > messageRank(held)) {
        states.set(message.descriptionShort, message.state);
      }
    }
    put(WATCHED.messages, sortedRecord(states));
  }
  return readings;
}
