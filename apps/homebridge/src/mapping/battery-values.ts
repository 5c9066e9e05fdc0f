import { ChargingState, type VehicleSnapshot } from '@bimmer/core';
import { type HapBinary, type HapChargingState, HapValue } from './hap-values';

/** What the Battery service shows. */
export interface BatteryValues {
  /** 0..100: the state of charge, or the fuel level of a car without a high-voltage battery. */
  readonly level: number;
  readonly chargingState: HapChargingState;
  readonly lowBattery: HapBinary;
}

const CHARGING = new Set<string>([ChargingState.CHARGING]);

/**
 * The Battery service of a vehicle: the high-voltage battery's state of charge for electric and
 * plug-in cars (charging while BMW says CHARGING), else the fuel level with "not chargeable".
 * Undefined when the car reports neither, so the tile is not invented.
 */
export function batteryValues(
  snapshot: VehicleSnapshot,
  lowBatteryPercent: number,
): BatteryValues | undefined {
  const fuel = snapshot.fuelAndBattery;
  const soc =
    snapshot.hasElectricDrivetrain || fuel?.remainingBatteryPercent !== undefined
      ? fuel?.remainingBatteryPercent
      : undefined;
  if (soc !== undefined) {
    const level = clampPercent(soc);
    return {
      level,
      chargingState:
        fuel?.chargingStatus !== undefined && CHARGING.has(fuel.chargingStatus)
          ? HapValue.CHARGING
          : HapValue.NOT_CHARGING,
      lowBattery: level < lowBatteryPercent ? HapValue.BATTERY_LEVEL_LOW : HapValue.BATTERY_LEVEL_NORMAL,
    };
  }
  const fuelPercent = fuel?.remainingFuelPercent;
  if (fuelPercent === undefined || snapshot.hasElectricDrivetrain) return undefined;
  const level = clampPercent(fuelPercent);
  return {
    level,
    chargingState: HapValue.NOT_CHARGEABLE,
    lowBattery: level < lowBatteryPercent ? HapValue.BATTERY_LEVEL_LOW : HapValue.BATTERY_LEVEL_NORMAL,
  };
}

/** The state of charge for the humidity tile (electric and plug-in cars only). */
export function stateOfChargeValue(snapshot: VehicleSnapshot): number | undefined {
  const soc = snapshot.fuelAndBattery?.remainingBatteryPercent;
  return soc === undefined ? undefined : clampPercent(soc);
}

/** Rounds into 0..100, as HAP's percentage characteristics require. */
export function clampPercent(value: number): number {
  return Math.min(100, Math.max(0, Math.round(value)));
}
