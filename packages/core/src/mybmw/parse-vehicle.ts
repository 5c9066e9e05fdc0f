import { BimmerValidationError } from '../errors/index';
import {
  availableAttributes,
  driveTrainAttributes,
  hasCombustionDrivetrain,
  hasElectricDrivetrain,
} from '../models/derive';
import {
  type CarBrand,
  DriveTrainType,
  LscType,
  parseCarBrand,
  parseRegion,
  Region,
  SnapshotSource,
} from '../models/enums';
import { isValidDate, isValidTimeZone, systemTimeZone, truncateToSeconds } from '../models/time';
import type { SnapshotBlock, VehicleSnapshot } from '../models/vehicle';
import { VIN_PATTERN } from '../models/vin';
import { isJsonObject, type JsonObject } from '../util/json-object';
import { type Context, enumField, isString, km, latest, orUndefined, timeField } from './block-context';
import { parseChargingProfile } from './blocks/charging-profile';
import { parseCheckControlMessages } from './blocks/check-control-messages';
import { parseClimate } from './blocks/climate';
import { parseConditionBasedServices } from './blocks/condition-based-services';
import { parseDoorsAndWindows } from './blocks/doors-and-windows';
import { parseFuelAndBattery } from './blocks/fuel-and-battery';
import { parseHeadunit } from './blocks/headunit';
import { parseLocation } from './blocks/location';
import { parseTires } from './blocks/tires';
import type { ParseMyBMWVehicleOptions } from './options';
import { IssueCollector, parseBlock } from './salvage';
import { WireCapabilities, WireIdentity, WireStatus } from './wire';

function checkOptions(options: ParseMyBMWVehicleOptions): { fetchedAt: Date; region: Region } {
  if (options === null || typeof options !== 'object') {
    throw new BimmerValidationError('parseMyBMWVehicle needs an options object.', {
      hint: 'Call parseMyBMWVehicle({ profile, state, chargingSettings, fetchedAt }).',
    });
  }
  if (!isValidDate(options.fetchedAt)) {
    throw new BimmerValidationError('fetchedAt must be a valid Date.', {
      paths: ['fetchedAt'],
      hint: 'Pass the time the responses were fetched, e.g. new Date().',
    });
  }
  const region = options.region === undefined ? Region.REST_OF_WORLD : parseRegion(options.region);
  if (region === undefined) {
    throw new BimmerValidationError('region must be rest_of_world, north_america or china.', {
      paths: ['region'],
    });
  }
  return { fetchedAt: truncateToSeconds(options.fetchedAt), region };
}

/** The profile, which must be an object with a VIN (the one thing a snapshot cannot do without). */
function checkProfile(profile: unknown, issues: IssueCollector): { profile: JsonObject; vin: string } {
  if (!isJsonObject(profile)) {
    throw new BimmerValidationError('The vehicle profile is not a JSON object.', {
      paths: ['profile'],
      hint: 'Pass the parsed response of /eadrax-vcs/v5/vehicle-data/profile.',
    });
  }
  const vin = profile.vin;
  if (typeof vin !== 'string' || vin.trim() === '') {
    throw new BimmerValidationError('The vehicle profile has no VIN.', {
      paths: ['profile.vin'],
      hint: 'Pass the profile response as received (it carries the VIN).',
    });
  }
  if (!VIN_PATTERN.test(vin.toUpperCase())) {
    issues.add(
      'identity',
      'profile.vin',
      'invalid',
      'The VIN is not 17 letters and digits; it is used as is.',
    );
  }
  return { profile, vin };
}

/**
 * The `capabilities` and `state` objects of the state response. A missing response is "not
 * fetched" (empty objects); a malformed one is an issue.
 */
function envelopes(state: unknown, issues: IssueCollector): { caps: JsonObject; state: JsonObject } {
  let response: JsonObject = {};
  if (state !== undefined && state !== null) {
    if (isJsonObject(state)) response = state;
    else
      issues.add('status', 'state', 'unusable', 'The state response is not a JSON object; it was ignored.');
  }
  const envelope = (key: 'state' | 'capabilities', block: SnapshotBlock): JsonObject => {
    const value = response[key];
    if (value === undefined || value === null) return {};
    if (isJsonObject(value)) return value;
    issues.add(block, `state.${key}`, 'unusable', `state.${key} is not a JSON object; it was ignored.`);
    return {};
  };
  return { caps: envelope('capabilities', 'capabilities'), state: envelope('state', 'status') };
}

/**
 * The brand: the vehicle list's `toyota` wins (the profile says `DRITTKUNDE`), else the profile's
 * brand, else the list's (or bmw) with an issue for a brand we do not know.
 */
function brandOf(identityBrand: unknown, listBrandOption: unknown, issues: IssueCollector): CarBrand {
  const profileBrand = parseCarBrand(identityBrand);
  // A plain-JS caller may pass any string; one that is no brand counts as not given.
  const listBrand = parseCarBrand(listBrandOption);
  if (listBrand === 'toyota') return 'toyota';
  if (profileBrand !== undefined) return profileBrand;
  if (identityBrand != null) issues.add('identity', 'profile.brand', 'unknown-enum', 'Not a known brand.');
  return listBrand ?? 'bmw';
}

/**
 * Builds a vehicle snapshot from the three MyBMW responses of one vehicle. Pure: no I/O, no clock
 * (`now` defaults to `fetchedAt`). Parsing follows bimmer_connected; every block parses on its own
 * (`blocks/`), a malformed value drops only itself and is listed in `snapshot.issues`. Throws
 * `BimmerValidationError` only for unusable input: bad options, or a profile without a VIN.
 */
export function parseMyBMWVehicle(options: ParseMyBMWVehicleOptions): VehicleSnapshot {
  const { fetchedAt, region } = checkOptions(options);
  const issues = new IssueCollector();
  let timeZone = options.timeZone ?? systemTimeZone();
  if (!isValidTimeZone(timeZone)) {
    issues.add(
      'fuelAndBattery',
      'timeZone',
      'invalid',
      'Unknown time zone; UTC is used for the charging window.',
    );
    timeZone = 'UTC';
  }
  const now = isValidDate(options.now) ? options.now : fetchedAt;
  const ctx: Context = { issues, fetchedAt, region, now, timeZone };
  const { profile, vin } = checkProfile(options.profile, issues);
  const { caps, state } = envelopes(options.state, issues);

  // Identity (profile)
  const identity = parseBlock(WireIdentity, profile, 'identity', 'profile', issues) ?? {};
  const brand = brandOf(identity.brand, options.brand, issues);
  const driveTrain = enumField(ctx, 'identity', 'profile.driveTrain', DriveTrainType, identity.driveTrain);
  const profileLastFetched = timeField(ctx, 'identity', 'profile.lastFetched', identity.lastFetched);

  // Capabilities
  const c = parseBlock(WireCapabilities, caps, 'capabilities', 'state.capabilities', issues) ?? {};
  const chargingControl = c.remoteChargingCommands?.chargingControl?.filter(isString) ?? [];
  const lscType =
    c.lastStateCallState == null
      ? LscType.NOT_CAPABLE
      : enumField(
          ctx,
          'capabilities',
          'state.capabilities.lastStateCallState',
          LscType,
          c.lastStateCallState,
        );

  // Vehicle-level status
  const status = parseBlock(WireStatus, state, 'status', 'state', issues) ?? {};
  const isLscEnabled = status.isLscSupported ?? false;
  const timestamp = latest(
    timeField(ctx, 'status', 'state.lastFetched', status.lastFetched),
    profileLastFetched,
  );

  return {
    vin,
    source: SnapshotSource.MYBMW,
    fetchedAt,
    region,
    issues: issues.issues,
    name: orUndefined(identity.model),
    brand,
    driveTrain,
    bodyType: orUndefined(identity.bodyType),
    year: orUndefined(identity.year),
    countryOfOrigin: orUndefined(identity.countryOfOrigin),
    mileage: km(status.currentMileage),
    timestamp,
    lscType,
    fuelAndBattery: parseFuelAndBattery(ctx, state, driveTrain),
    vehicleLocation: parseLocation(ctx, state, profileLastFetched),
    doorsAndWindows: parseDoorsAndWindows(ctx, state),
    conditionBasedServices: parseConditionBasedServices(ctx, state),
    checkControlMessages: parseCheckControlMessages(ctx, state),
    headunit: parseHeadunit(ctx, profile),
    climate: parseClimate(ctx, state),
    chargingProfile: parseChargingProfile(ctx, state, options.chargingSettings),
    tires: parseTires(ctx, state),
    hasCombustionDrivetrain: hasCombustionDrivetrain(driveTrain),
    hasElectricDrivetrain: hasElectricDrivetrain(driveTrain),
    driveTrainAttributes: driveTrainAttributes(driveTrain),
    availableAttributes: availableAttributes(driveTrain, isLscEnabled),
    isChargingPlanSupported: c.isChargingPlanSupported ?? false,
    isChargingSettingsSupported: c.isChargingSettingsEnabled ?? false,
    isLscEnabled,
    isRemoteChargeStartEnabled: chargingControl.includes('START'),
    isRemoteChargeStopEnabled: chargingControl.includes('STOP'),
    isRemoteClimateStartEnabled: c.climateNow ?? false,
    // bimmer_connected: the key's presence in the state, not a capability.
    isRemoteClimateStopEnabled: Object.hasOwn(state, 'climateControlState'),
    isRemoteHornEnabled: c.horn ?? false,
    isRemoteLightsEnabled: c.lights ?? false,
    isRemoteLockEnabled: c.lock ?? false,
    isRemoteSendpoiEnabled: c.sendPoi ?? false,
    isRemoteSetAcLimitEnabled: c.isChargingPowerLimitEnabled ?? false,
    isRemoteSetTargetSocEnabled: c.isChargingTargetSocEnabled ?? false,
    isRemoteUnlockEnabled: c.unlock ?? false,
    isVehicleActive: false,
    isVehicleTrackingEnabled: c.vehicleFinder ?? false,
  };
}
