import * as v from 'valibot';
import { anyValue, bool, list, measured, opt, str } from './wire-primitives';

/**
 * Wire schemas: the MyBMW responses as the API sends them (keys as the API spells them), validated
 * block by block. Only the keys the models read are listed; everything else is ignored. `null` is
 * accepted wherever a value may be absent. Enum strings are left as `unknown` here and mapped (with
 * UNKNOWN fallback) by the model step. Each block's schema lives beside its mapper in `blocks/`;
 * this module gathers them (it is `MyBMWWire` of the package) and holds the vehicle-level ones.
 */

export { WireChargingProfile, WireChargingSettings } from './blocks/charging-profile';
export { WireCheckControlMessages } from './blocks/check-control-messages';
export { WireClimate } from './blocks/climate';
export { WireConditionBasedServices } from './blocks/condition-based-services';
export { WireDoorsAndWindows } from './blocks/doors-and-windows';
export { WireFuelAndBattery } from './blocks/fuel-and-battery';
export { WireHeadunit } from './blocks/headunit';
export { WireLocation } from './blocks/location';
export { WireTires } from './blocks/tires';
export { WireTimeOfDay } from './wire-primitives';

/** Vehicle-data profile: identity. */
export const WireIdentity = v.object({
  brand: opt(anyValue),
  model: opt(str),
  driveTrain: opt(anyValue),
  bodyType: opt(str),
  year: opt(measured('modelYear')),
  countryOfOrigin: opt(str),
  lastFetched: opt(str),
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
  currentMileage: opt(measured('odometerKm')),
  lastFetched: opt(str),
  isLscSupported: opt(bool),
});
