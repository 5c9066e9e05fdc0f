import * as v from 'valibot';
import { ChargingMode, ChargingPreferences, TimerType } from '../../models/enums';
import type { ChargingProfile, DepartureTimer, TimeOfDay } from '../../models/vehicle';
import type { JsonObject } from '../../util/json-object';
import { type Context, enumField, isNumber, isString, orUndefined } from '../block-context';
import { parseBlock } from '../salvage';
import { anyValue, bool, list, measured, num, opt, str, WireTimeOfDay } from '../wire-primitives';

/** State response, `state`: charging profile. */
export const WireChargingProfile = v.object({
  chargingProfile: opt(
    v.object({
      climatisationOn: opt(bool),
      departureTimes: opt(
        list(
          v.object({
            id: opt(num),
            timeStamp: opt(WireTimeOfDay),
            action: opt(str),
            timerWeekDays: opt(list(str)),
          }),
        ),
      ),
      reductionOfChargeCurrent: opt(v.object({ start: opt(WireTimeOfDay), end: opt(WireTimeOfDay) })),
      chargingControlType: opt(anyValue),
      chargingPreference: opt(anyValue),
      chargingMode: opt(anyValue),
      chargingSettings: opt(v.object({ acCurrentLimit: opt(measured('acCurrentAmpere')) })),
    }),
  ),
});

/** Charging-settings response (crccs): the parts the charging profile reads. */
export const WireChargingSettings = v.object({
  servicePack: opt(str),
  chargingSettingsDetail: opt(
    v.object({ acLimit: opt(v.object({ values: opt(list(measured('acCurrentAmpere'))) })) }),
  ),
});

const MIDNIGHT: TimeOfDay = { hour: 0, minute: 0 };

/**
 * The charging profile from the state, with the service pack and the settable AC limits of the
 * charging-settings response when it was fetched (a malformed one leaves the profile intact).
 * Undefined when the state has no (or an empty) `chargingProfile`.
 */
export function parseChargingProfile(
  ctx: Context,
  state: JsonObject,
  chargingSettings: unknown,
): ChargingProfile | undefined {
  const block = 'chargingProfile';
  const wire = parseBlock(WireChargingProfile, state, block, 'state', ctx.issues);
  const cp = wire?.chargingProfile;
  if (!cp || Object.keys(cp).length === 0) return undefined;
  const path = 'state.chargingProfile';
  let servicePack: string | undefined;
  let acAvailableLimits: number[] | undefined;
  if (chargingSettings !== undefined && chargingSettings !== null) {
    const crccs = parseBlock(WireChargingSettings, chargingSettings, block, 'chargingSettings', ctx.issues);
    servicePack = orUndefined(crccs?.servicePack);
    acAvailableLimits = crccs?.chargingSettingsDetail?.acLimit?.values?.filter(isNumber) ?? undefined;
  }
  const departureTimes: DepartureTimer[] = (cp.departureTimes ?? []).flatMap((timer) => {
    if (timer === null) return [];
    return {
      timerId: orUndefined(timer.id),
      startTime: timer.timeStamp ? { hour: timer.timeStamp.hour, minute: timer.timeStamp.minute } : undefined,
      action: orUndefined(timer.action),
      weekdays: timer.timerWeekDays?.filter(isString) ?? undefined,
    };
  });
  const window = cp.reductionOfChargeCurrent;
  return {
    isPreEntryClimatizationEnabled: cp.climatisationOn ?? false,
    timerType: enumField(ctx, block, `${path}.chargingControlType`, TimerType, cp.chargingControlType),
    departureTimes,
    preferredChargingWindow: {
      startTime: window?.start ? { hour: window.start.hour, minute: window.start.minute } : MIDNIGHT,
      endTime: window?.end ? { hour: window.end.hour, minute: window.end.minute } : MIDNIGHT,
    },
    chargingPreferences: enumField(
      ctx,
      block,
      `${path}.chargingPreference`,
      ChargingPreferences,
      cp.chargingPreference,
    ),
    chargingMode: enumField(ctx, block, `${path}.chargingMode`, ChargingMode, cp.chargingMode),
    acCurrentLimit: orUndefined(cp.chargingSettings?.acCurrentLimit),
    acAvailableLimits,
    chargingPreferencesServicePack: servicePack,
  };
}
