import * as v from 'valibot';

/**
 * Wire schemas: the MyBMW responses as the API sends them (keys as the API spells them), validated
 * block by block. Only the keys the models read are listed; everything else is ignored. `null` is
 * accepted wherever a value may be absent. Enum strings are left as `unknown` here and mapped (with
 * UNKNOWN fallback) by the model step.
 */

/** -0 becomes 0, so the JSON form round-trips. */
const noNegativeZero = v.transform((n: number) => (n === 0 ? 0 : n));
const num = v.pipe(v.number(), v.finite(), noNegativeZero);
const int = v.pipe(v.number(), v.integer(), noNegativeZero);
const str = v.string();
const bool = v.boolean();
const opt = <S extends v.GenericSchema>(schema: S) => v.nullish(schema);
const anyValue = v.unknown();
/** An array whose items may be null (dropped by repair, see salvage.ts); mappers skip nulls. */
const list = <S extends v.GenericSchema>(item: S) => v.array(v.nullable(item));

/** `{ hour, minute }` of the API (0..23, 0..59). */
export const WireTimeOfDay = v.object({
  hour: v.pipe(int, v.minValue(0), v.maxValue(23)),
  minute: v.pipe(int, v.minValue(0), v.maxValue(59)),
});

/** Vehicle-data profile: identity. */
export const WireIdentity = v.object({
  brand: opt(anyValue),
  model: opt(str),
  driveTrain: opt(anyValue),
  bodyType: opt(str),
  year: opt(int),
  countryOfOrigin: opt(str),
  lastFetched: opt(str),
});

/** Vehicle-data profile: head unit. */
export const WireHeadunit = v.object({
  hmiVersion: opt(str),
  headUnitType: opt(str),
  year: opt(int),
  softwareVersionCurrent: opt(
    v.object({
      iStep: opt(int),
      puStep: opt(
        v.object({ month: opt(v.pipe(int, v.minValue(0))), year: opt(v.pipe(int, v.minValue(0))) }),
      ),
    }),
  ),
});

/** State response: capabilities. */
export const WireCapabilities = v.object({
  isChargingPlanSupported: opt(bool),
  isChargingSettingsEnabled: opt(bool),
  vehicleFinder: opt(bool),
  lastStateCallState: opt(anyValue),
  isChargingTargetSocEnabled: opt(bool),
  isChargingPowerLimitEnabled: opt(bool),
  sendPoi: opt(bool),
  horn: opt(bool),
  lights: opt(bool),
  lock: opt(bool),
  unlock: opt(bool),
  climateNow: opt(bool),
  remoteChargingCommands: opt(v.object({ chargingControl: opt(list(str)) })),
});

/** State response, `state`: vehicle-level status. */
export const WireStatus = v.object({
  currentMileage: opt(v.pipe(num, v.minValue(0))),
  lastFetched: opt(str),
  isLscSupported: opt(bool),
});

/** State response, `state`: fuel and battery. */
export const WireFuelAndBattery = v.object({
  combustionFuelLevel: opt(
    v.object({
      remainingFuelLiters: opt(num),
      remainingFuelPercent: opt(num),
      range: opt(num),
    }),
  ),
  electricChargingState: opt(
    v.object({
      isChargerConnected: opt(bool),
      chargingLevelPercent: opt(num),
      range: opt(num),
      chargingStatus: opt(anyValue),
      remainingChargingMinutes: opt(num),
      chargingTarget: opt(num),
    }),
  ),
  chargingProfile: opt(v.object({ reductionOfChargeCurrent: opt(v.object({ start: opt(WireTimeOfDay) })) })),
});

/** State response, `state`: location. */
export const WireLocation = v.object({
  lastFetched: opt(str),
  location: opt(
    v.object({
      coordinates: opt(
        v.object({
          latitude: v.pipe(num, v.minValue(-90), v.maxValue(90)),
          longitude: v.pipe(num, v.minValue(-180), v.maxValue(180)),
        }),
      ),
      heading: opt(num),
    }),
  ),
});

/** State response, `state`: doors, windows, roof. Lid keys are dynamic. */
export const WireDoorsAndWindows = v.object({
  doorsState: opt(v.record(str, anyValue)),
  windowsState: opt(v.record(str, anyValue)),
  roofState: opt(v.object({ roofState: opt(anyValue), roofStateType: opt(str) })),
});

/** State response, `state`: condition-based services. */
export const WireConditionBasedServices = v.object({
  requiredServices: opt(
    list(
      v.object({
        type: str,
        status: anyValue,
        dateTime: opt(str),
        mileage: opt(num),
      }),
    ),
  ),
});

/** State response, `state`: check-control messages. */
export const WireCheckControlMessages = v.object({
  checkControlMessages: opt(
    list(
      v.object({
        type: str,
        severity: anyValue,
        longDescription: opt(str),
      }),
    ),
  ),
});

/** State response, `state`: climate. */
export const WireClimate = v.object({
  climateControlState: opt(v.object({ activity: opt(anyValue), remainingSeconds: opt(num) })),
});

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
      chargingSettings: opt(v.object({ acCurrentLimit: opt(num) })),
    }),
  ),
});

/** Charging-settings response (crccs): the parts the charging profile reads. */
export const WireChargingSettings = v.object({
  servicePack: opt(str),
  chargingSettingsDetail: opt(v.object({ acLimit: opt(v.object({ values: opt(list(num)) })) })),
});

const WireTire = v.object({
  status: opt(v.object({ currentPressure: opt(num), targetPressure: opt(num) })),
  details: opt(v.object({ season: opt(num), manufacturingWeek: opt(int) })),
});

/** State response, `state`: tyres. */
export const WireTires = v.object({
  tireState: opt(
    v.object({
      frontLeft: opt(WireTire),
      frontRight: opt(WireTire),
      rearLeft: opt(WireTire),
      rearRight: opt(WireTire),
    }),
  ),
});
