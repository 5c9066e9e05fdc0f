import * as v from 'valibot';
import { hasCombustionDrivetrain, hasElectricDrivetrain } from '../../models/derive';
import { ChargingState, DriveTrainType } from '../../models/enums';
import { nextOccurrence } from '../../models/time';
import type { FuelAndBattery, ValueWithUnit } from '../../models/vehicle';
import type { JsonObject } from '../../util/json-object';
import { addMilliseconds, type Context, enumField, km, orUndefined } from '../block-context';
import { parseBlock } from '../salvage';
import { anyValue, bool, measured, opt, WireTimeOfDay } from '../wire-primitives';

/** State response, `state`: fuel and battery. */
export const WireFuelAndBattery = v.object({
  combustionFuelLevel: opt(
    v.object({
      remainingFuelLiters: opt(measured('fuelLiters')),
      remainingFuelPercent: opt(measured('percent')),
      range: opt(measured('rangeKm')),
    }),
  ),
  electricChargingState: opt(
    v.object({
      isChargerConnected: opt(bool),
      chargingLevelPercent: opt(measured('percent')),
      range: opt(measured('rangeKm')),
      chargingStatus: opt(anyValue),
      remainingChargingMinutes: opt(measured('chargingMinutes')),
      chargingTarget: opt(measured('percent')),
    }),
  ),
  chargingProfile: opt(v.object({ reductionOfChargeCurrent: opt(v.object({ start: opt(WireTimeOfDay) })) })),
});

/**
 * Fuel, battery, ranges and charging state. Only the parts of the vehicle's drive train are read
 * (an electric car's leftover `combustionFuelLevel` is ignored); a plug-in hybrid's fuel range is
 * the API's total minus the electric range, never below 0.
 */
export function parseFuelAndBattery(
  ctx: Context,
  state: JsonObject,
  driveTrain: DriveTrainType,
): FuelAndBattery | undefined {
  const block = 'fuelAndBattery';
  const wire = parseBlock(WireFuelAndBattery, state, block, 'state', ctx.issues);
  if (wire === undefined) return undefined;
  let remainingFuel: ValueWithUnit | undefined;
  let remainingFuelPercent: number | undefined;
  let rangeFuel: ValueWithUnit | undefined;
  let rangeElectric: ValueWithUnit | undefined;
  let remainingBatteryPercent: number | undefined;
  let chargingStatus: ChargingState | undefined;
  let chargingStartTime: Date | undefined;
  let chargingEndTime: Date | undefined;
  let isChargerConnected = false;
  let chargingTarget: number | undefined;

  if (hasCombustionDrivetrain(driveTrain) && wire.combustionFuelLevel) {
    const fuel = wire.combustionFuelLevel;
    if (fuel.remainingFuelLiters != null) remainingFuel = { value: fuel.remainingFuelLiters, unit: 'L' };
    remainingFuelPercent = orUndefined(fuel.remainingFuelPercent);
    rangeFuel = km(fuel.range);
  }
  if (hasElectricDrivetrain(driveTrain) && wire.electricChargingState) {
    const ecs = wire.electricChargingState;
    const path = 'state.electricChargingState';
    isChargerConnected = ecs.isChargerConnected ?? false;
    if (ecs.chargingLevelPercent != null) remainingBatteryPercent = Math.trunc(ecs.chargingLevelPercent) || 0;
    rangeElectric = km(ecs.range);
    if (ecs.chargingStatus != null) {
      chargingStatus =
        ecs.chargingStatus === 'INVALID'
          ? ChargingState.NOT_CHARGING
          : enumField(ctx, block, `${path}.chargingStatus`, ChargingState, ecs.chargingStatus);
    }
    if (ecs.remainingChargingMinutes != null) {
      chargingEndTime = addMilliseconds(
        ctx,
        block,
        `${path}.remainingChargingMinutes`,
        ctx.fetchedAt,
        ecs.remainingChargingMinutes * 60_000,
      );
    }
    if (ecs.chargingTarget != null) chargingTarget = Math.trunc(ecs.chargingTarget) || 0;
    const start = wire.chargingProfile?.reductionOfChargeCurrent?.start;
    if (chargingStatus === ChargingState.WAITING_FOR_CHARGING && start) {
      chargingStartTime = nextOccurrence(ctx.now, start, ctx.timeZone);
    }
  }

  let remainingRangeTotal: ValueWithUnit | undefined;
  if (driveTrain === DriveTrainType.PLUGIN_HYBRID) {
    // The API's fuel range of a plug-in hybrid is the total range.
    remainingRangeTotal = rangeFuel;
    if (rangeFuel !== undefined) {
      rangeFuel = { value: Math.max(0, rangeFuel.value - (rangeElectric?.value ?? 0)), unit: rangeFuel.unit };
    }
  } else if (driveTrain === DriveTrainType.ELECTRIC_WITH_RANGE_EXTENDER) {
    if (rangeFuel !== undefined || rangeElectric !== undefined) {
      remainingRangeTotal = { value: (rangeFuel?.value ?? 0) + (rangeElectric?.value ?? 0), unit: 'km' };
    }
  } else if (rangeFuel !== undefined) {
    remainingRangeTotal = rangeFuel;
  } else if (rangeElectric !== undefined) {
    remainingRangeTotal = rangeElectric;
  }

  return {
    remainingRangeFuel: rangeFuel,
    remainingRangeElectric: rangeElectric,
    remainingRangeTotal,
    remainingFuel,
    remainingFuelPercent,
    remainingBatteryPercent,
    chargingStatus,
    chargingStartTime,
    chargingEndTime,
    isChargerConnected,
    chargingTarget,
  };
}
