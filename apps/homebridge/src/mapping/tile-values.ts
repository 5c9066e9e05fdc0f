import type { ServiceKind } from './service-plan';
import type { StatusValues } from './status-values';
import type { VehicleValues } from './vehicle-values';

/** The HAP characteristics a tile sets, by their `api.hap.Characteristic` name. */
export type TileCharacteristic =
  | 'BatteryLevel'
  | 'ChargingState'
  | 'StatusLowBattery'
  | 'CurrentRelativeHumidity'
  | 'ContactSensorState'
  | 'LockCurrentState'
  | 'LockTargetState'
  | 'OccupancyDetected'
  | 'MotionDetected'
  | 'On'
  | 'StatusActive'
  | 'StatusFault';

/** A tile's characteristic values; undefined where the car does not tell (the read fails honestly). */
export type TileValues = Partial<Record<TileCharacteristic, number | boolean | undefined>>;

/** What a tile needs besides the snapshot's values. */
export interface TileContext {
  readonly status: StatusValues;
  /** The "In use" motion (a trip is running). */
  readonly inUse: boolean;
}

/**
 * The characteristic values of one tile (subtype and kind from the service plan). Sensors also carry
 * `StatusActive` and `StatusFault`, so Home marks stale data on each of them.
 */
export function tileValues(
  subtype: string,
  kind: ServiceKind,
  values: VehicleValues,
  context: TileContext,
): TileValues {
  const status = { StatusActive: context.status.active, StatusFault: context.status.fault };
  switch (kind) {
    case 'battery':
      return {
        BatteryLevel: values.battery?.level,
        ChargingState: values.battery?.chargingState,
        StatusLowBattery: values.battery?.lowBattery,
      };
    case 'humidity':
      return { CurrentRelativeHumidity: values.stateOfCharge, ...status };
    case 'lock':
      return { LockCurrentState: values.lock?.current, LockTargetState: values.lock?.target };
    case 'contact':
      return { ContactSensorState: contactOf(subtype, values), ...status };
    case 'occupancy':
      return { OccupancyDetected: occupancyOf(subtype, values), ...status };
    case 'motion':
      return { MotionDetected: context.inUse, ...status };
    case 'switch':
      return { On: values.climateOn };
  }
}

function contactOf(subtype: string, values: VehicleValues): number | undefined {
  const contacts = values.contacts;
  if (subtype.startsWith('door-')) {
    return contacts.perDoor.find((door) => `door-${door.key}` === subtype)?.state;
  }
  switch (subtype) {
    case 'doors':
      return contacts.doors;
    case 'windows':
      return contacts.windows;
    case 'trunk':
      return contacts.trunk;
    case 'hood':
      return contacts.hood;
    case 'sunroof':
      return contacts.sunroof;
    default:
      return undefined;
  }
}

function occupancyOf(subtype: string, values: VehicleValues): number | undefined {
  switch (subtype) {
    case 'plugged-in':
      return values.occupancy.pluggedIn;
    case 'charging':
      return values.occupancy.charging;
    case 'at-home':
      return values.occupancy.atHome;
    case 'climate':
      return values.climateOn === undefined ? undefined : values.climateOn ? 1 : 0;
    default:
      return undefined;
  }
}
