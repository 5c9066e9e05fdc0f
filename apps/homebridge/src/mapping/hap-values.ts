/**
 * The numeric values of the HAP characteristics the plugin sets, as HomeKit defines them. The
 * mapping functions return these numbers so they stay pure (no HAP import) and testable; the
 * accessory hands them to `api.hap` characteristics unchanged.
 */
export const HapValue = {
  /** `ChargingState`. */
  NOT_CHARGING: 0,
  CHARGING: 1,
  NOT_CHARGEABLE: 2,
  /** `StatusLowBattery`. */
  BATTERY_LEVEL_NORMAL: 0,
  BATTERY_LEVEL_LOW: 1,
  /** `ContactSensorState`: closed is "contact detected". */
  CONTACT_DETECTED: 0,
  CONTACT_NOT_DETECTED: 1,
  /** `LockCurrentState` and `LockTargetState`. */
  UNSECURED: 0,
  SECURED: 1,
  JAMMED: 2,
  LOCK_UNKNOWN: 3,
  /** `OccupancyDetected`. */
  OCCUPANCY_NOT_DETECTED: 0,
  OCCUPANCY_DETECTED: 1,
  /** `StatusFault`. */
  NO_FAULT: 0,
  GENERAL_FAULT: 1,
} as const;

/** `ChargingState` values. */
export type HapChargingState = 0 | 1 | 2;
/** `ContactSensorState`, `StatusLowBattery`, `OccupancyDetected`, `StatusFault`, `LockTargetState`. */
export type HapBinary = 0 | 1;
/** `LockCurrentState` values. */
export type HapLockCurrentState = 0 | 1 | 2 | 3;
