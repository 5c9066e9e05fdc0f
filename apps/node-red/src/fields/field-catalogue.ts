/**
 * The fields of the JSON form (docs/json.md) a flow can watch, with their units: what the watch
 * node's field picker lists. A test checks this table against `vehicleToJSON` of our fleet, so it
 * cannot drift from the JSON form: every entry occurs in the fleet with this kind and unit, and
 * every field of the fleet is either here or named in {@link UNWATCHED_FIELDS}.
 */

/** How a field's value looks. */
export type FieldKind =
  | 'number'
  /** `{ value, unit }`: the watch node emits the number and sets `msg.unit`. */
  | 'value-with-unit'
  | 'boolean'
  /** An enum's string value. */
  | 'enum'
  | 'text'
  /** An ISO-8601 instant, or a `HH:MM:SS` time of day. */
  | 'time'
  /** `{ latitude, longitude }` in WGS-84 degrees. */
  | 'position'
  | 'list';

/** One watchable field. */
export interface FieldEntry {
  /** Dot path in the JSON form. */
  readonly path: string;
  readonly kind: FieldKind;
  /** The unit, for numbers and values with a unit. */
  readonly unit?: string;
}

const entry = (path: string, kind: FieldKind, unit?: string): FieldEntry =>
  unit === undefined ? { path, kind } : { path, kind, unit };

/** Every watchable field, grouped by block in the order of docs/json.md. */
export const FIELD_CATALOGUE: readonly FieldEntry[] = [
  entry('mileage', 'value-with-unit', 'km'),
  entry('fuelAndBattery.remainingBatteryPercent', 'number', '%'),
  entry('fuelAndBattery.remainingRangeElectric', 'value-with-unit', 'km'),
  entry('fuelAndBattery.remainingRangeFuel', 'value-with-unit', 'km'),
  entry('fuelAndBattery.remainingRangeTotal', 'value-with-unit', 'km'),
  entry('fuelAndBattery.remainingFuel', 'value-with-unit', 'L'),
  entry('fuelAndBattery.remainingFuelPercent', 'number', '%'),
  entry('fuelAndBattery.chargingStatus', 'enum'),
  entry('fuelAndBattery.chargingTarget', 'number', '%'),
  entry('fuelAndBattery.chargingStartTime', 'time'),
  entry('fuelAndBattery.chargingEndTime', 'time'),
  entry('fuelAndBattery.isChargerConnected', 'boolean'),
  entry('vehicleLocation.location', 'position'),
  entry('vehicleLocation.heading', 'number', '°'),
  entry('vehicleLocation.vehicleUpdateTimestamp', 'time'),
  entry('doorsAndWindows.doorLockState', 'enum'),
  entry('doorsAndWindows.allLidsClosed', 'boolean'),
  entry('doorsAndWindows.allWindowsClosed', 'boolean'),
  entry('doorsAndWindows.lids', 'list'),
  entry('doorsAndWindows.windows', 'list'),
  entry('doorsAndWindows.openLids', 'list'),
  entry('doorsAndWindows.openWindows', 'list'),
  entry('conditionBasedServices.isServiceRequired', 'boolean'),
  entry('conditionBasedServices.messages', 'list'),
  entry('conditionBasedServices.nextServiceByDistance.serviceType', 'text'),
  entry('conditionBasedServices.nextServiceByDistance.state', 'enum'),
  entry('conditionBasedServices.nextServiceByDistance.dueDistance', 'value-with-unit', 'km'),
  entry('conditionBasedServices.nextServiceByDistance.dueDate', 'time'),
  entry('conditionBasedServices.nextServiceByTime.serviceType', 'text'),
  entry('conditionBasedServices.nextServiceByTime.state', 'enum'),
  entry('conditionBasedServices.nextServiceByTime.dueDistance', 'value-with-unit', 'km'),
  entry('conditionBasedServices.nextServiceByTime.dueDate', 'time'),
  entry('checkControlMessages.hasCheckControlMessages', 'boolean'),
  entry('checkControlMessages.messages', 'list'),
  entry('checkControlMessages.urgentCheckControlMessages', 'text'),
  entry('climate.activity', 'enum'),
  entry('climate.activityEndTime', 'time'),
  entry('climate.isClimateOn', 'boolean'),
  entry('chargingProfile.acCurrentLimit', 'number', 'A'),
  entry('chargingProfile.acAvailableLimits', 'list'),
  entry('chargingProfile.chargingMode', 'enum'),
  entry('chargingProfile.chargingPreferences', 'enum'),
  entry('chargingProfile.chargingPreferencesServicePack', 'text'),
  entry('chargingProfile.departureTimes', 'list'),
  entry('chargingProfile.isPreEntryClimatizationEnabled', 'boolean'),
  entry('chargingProfile.preferredChargingWindow.startTime', 'time'),
  entry('chargingProfile.preferredChargingWindow.endTime', 'time'),
  entry('chargingProfile.timerType', 'enum'),
  ...(['frontLeft', 'frontRight', 'rearLeft', 'rearRight'] as const).flatMap((wheel) => [
    entry(`tires.${wheel}.currentPressure`, 'number', 'kPa'),
    entry(`tires.${wheel}.targetPressure`, 'number', 'kPa'),
    entry(`tires.${wheel}.season`, 'number'),
    entry(`tires.${wheel}.manufacturingWeek`, 'time'),
  ]),
];

/**
 * Fields of the JSON form the picker leaves out on purpose: the vehicle's identity and capabilities
 * (they do not change while a flow runs), software versions, and `timestamp` (the newest field's
 * time, which moves with every change).
 */
export const UNWATCHED_FIELDS: ReadonlySet<string> = new Set([
  'vin',
  'timestamp',
  'name',
  'brand',
  'region',
  'year',
  'bodyType',
  'countryOfOrigin',
  'driveTrain',
  'lscType',
  'availableAttributes',
  'driveTrainAttributes',
  'hasCombustionDrivetrain',
  'hasElectricDrivetrain',
  'isChargingPlanSupported',
  'isChargingSettingsSupported',
  'isLscEnabled',
  'isRemoteChargeStartEnabled',
  'isRemoteChargeStopEnabled',
  'isRemoteClimateStartEnabled',
  'isRemoteClimateStopEnabled',
  'isRemoteHornEnabled',
  'isRemoteLightsEnabled',
  'isRemoteLockEnabled',
  'isRemoteSendpoiEnabled',
  'isRemoteSetAcLimitEnabled',
  'isRemoteSetTargetSocEnabled',
  'isRemoteUnlockEnabled',
  'isVehicleActive',
  'isVehicleTrackingEnabled',
  'vehicleLocation.accountRegion',
  'headunit.headunitType',
  'headunit.idriveVersion',
  'headunit.softwareVersion',
]);

/** The catalogue entry of a path, if the picker offers it. */
export function fieldEntry(path: string): FieldEntry | undefined {
  return FIELD_CATALOGUE.find((field) => field.path === path);
}
