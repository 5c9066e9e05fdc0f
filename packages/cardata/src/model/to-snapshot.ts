import {
  availableAttributes,
  buildClimate,
  buildDoorsAndWindows,
  buildLid,
  type ChargingProfile,
  ChargingState,
  ClimateActivityState,
  type DoorsAndWindows,
  driveTrainAttributes,
  type FieldTime,
  type FuelAndBattery,
  hasCombustionDrivetrain,
  hasElectricDrivetrain,
  type Lid,
  LidState,
  LockState,
  LscType,
  parseEnum,
  Region,
  SnapshotSource,
  type TireState,
  type Tires,
  type VehicleLocation,
  type VehicleSnapshot,
} from '@bimmer/core';
import { type DescriptorName, descriptorKey } from '../descriptors';
import type { VehicleBasicDataDto } from '../rest/dtos';
import type { VehicleTelemetry } from '../state/vehicle-telemetry';
import { FieldReader } from './field-reader';
import { chargerConnectedOf, chargingStateOf } from './map-charging';
import { brandOf, constructionYearOf, driveTrainOf } from './map-identity';
import { mapCheckControlMessages, mapConditionBasedServices } from './map-services';

/**
 * A core snapshot built from CarData. `fieldTimes` is always present: every field CarData delivered
 * has an entry with its measurement time, its channel (`stream` or `rest`) and its descriptor.
 */
export interface CarDataVehicleSnapshot extends VehicleSnapshot {
  readonly fieldTimes: Readonly<Record<string, FieldTime>>;
}

/** What a snapshot is built from. */
export interface CarDataSnapshotInput {
  vin: string;
  basicData: VehicleBasicDataDto | undefined;
  telemetry: VehicleTelemetry;
  /** When the snapshot is taken. */
  fetchedAt: Date;
}

/** Every capability is off: CarData is read-only (no remote services). */
const READ_ONLY_CAPABILITIES = {
  isChargingPlanSupported: false,
  isChargingSettingsSupported: false,
  isLscEnabled: true,
  isRemoteChargeStartEnabled: false,
  isRemoteChargeStopEnabled: false,
  isRemoteClimateStartEnabled: false,
  isRemoteClimateStopEnabled: false,
  isRemoteHornEnabled: false,
  isRemoteLightsEnabled: false,
  isRemoteLockEnabled: false,
  isRemoteSendpoiEnabled: false,
  isRemoteSetAcLimitEnabled: false,
  isRemoteSetTargetSocEnabled: false,
  isRemoteUnlockEnabled: false,
  isVehicleActive: false,
  isVehicleTrackingEnabled: false,
} as const;

/**
 * Maps a vehicle's CarData telemetry and basic data onto the core `VehicleSnapshot`. Data CarData
 * does not have stays undefined; `fieldTimes` says for every field when it was measured and whether
 * it came from the stream or REST.
 */
export function toVehicleSnapshot(input: CarDataSnapshotInput): CarDataVehicleSnapshot {
  const read = new FieldReader(input.telemetry);
  const driveTrain = driveTrainOf(input.basicData);
  const mileageKm = read.number('mileage', 'mileage');
  const latest = input.telemetry.latestTimestamp;
  const snapshot: CarDataVehicleSnapshot = {
    vin: input.vin,
    source: SnapshotSource.CARDATA,
    fetchedAt: new Date(Math.floor(input.fetchedAt.getTime() / 1000) * 1000),
    region: Region.REST_OF_WORLD,
    fieldTimes: read.times,
    issues: [],
    name: input.basicData?.modelName,
    brand: brandOf(input.basicData),
    driveTrain,
    bodyType: input.basicData?.seriesDevt,
    year: constructionYearOf(input.basicData),
    countryOfOrigin: undefined,
    mileage: mileageKm === undefined ? undefined : { value: mileageKm, unit: 'km' },
    timestamp: latest === undefined ? undefined : new Date(latest),
    isMoving: read.boolean('isMoving', 'isMoving'),
    lscType: LscType.ACTIVATED,
    ...READ_ONLY_CAPABILITIES,
    fuelAndBattery: fuelAndBattery(read, driveTrain),
    vehicleLocation: vehicleLocation(read, input.telemetry),
    doorsAndWindows: doorsAndWindows(read, input.basicData),
    conditionBasedServices: mapConditionBasedServices(
      read.json('conditionBasedServices', 'conditionBasedServices'),
    ),
    checkControlMessages: mapCheckControlMessages(read.json('checkControlMessages', 'checkControlMessages')),
    headunit:
      input.basicData?.headUnit === undefined ? undefined : { headunitType: input.basicData.headUnit },
    climate: climate(read),
    chargingProfile: chargingProfile(read),
    tires: tires(read),
    hasCombustionDrivetrain: hasCombustionDrivetrain(driveTrain),
    hasElectricDrivetrain: hasElectricDrivetrain(driveTrain),
    driveTrainAttributes: driveTrainAttributes(driveTrain),
    availableAttributes: availableAttributes(driveTrain, true),
  };
  return snapshot;
}

function km(value: number | undefined): { value: number; unit: string } | undefined {
  return value === undefined ? undefined : { value, unit: 'km' };
}

function fuelAndBattery(
  read: FieldReader,
  driveTrain: ReturnType<typeof driveTrainOf>,
): FuelAndBattery | undefined {
  const f = 'fuelAndBattery';
  const battery = read.number(
    `${f}.remainingBatteryPercent`,
    'batteryHeader',
    'stateOfChargeDisplayed',
    'chargingLevel',
  );
  const electric = read.number(`${f}.remainingRangeElectric`, 'electricRange');
  const total = read.number(`${f}.remainingRangeTotal`, 'totalRange');
  const fuelLitres = read.number(`${f}.remainingFuel`, 'remainingFuel');
  const fuelPercent = read.number(`${f}.remainingFuelPercent`, 'fuelLevel');
  const hv = read.string(`${f}.chargingStatus`, 'chargingHvStatus');
  const status = hv === undefined ? read.string(`${f}.chargingStatus`, 'chargingStatus') : undefined;
  const chargingStatus =
    hv !== undefined
      ? chargingStateOf(hv, 'hvStatus')
      : status !== undefined
        ? chargingStateOf(status, 'status')
        : undefined;
  const port = read.pick(['chargingPortStatus', 'isPlugged']);
  const isChargerConnected =
    port === undefined
      ? undefined
      : chargerConnectedOf(port.held.value, port.name === 'isPlugged' ? 'isPlugged' : 'chargingPortStatus');
  if (port !== undefined && isChargerConnected !== undefined) {
    read.record(`${f}.isChargerConnected`, port.held.timestamp, port.held.source, descriptorKey(port.name));
  }
  const target = read.number(`${f}.chargingTarget`, 'chargingTarget');
  let chargingEndTime: Date | undefined;
  const remaining = read.pick(['chargingTimeRemaining']);
  if (
    remaining !== undefined &&
    typeof remaining.held.value === 'number' &&
    chargingStatus === ChargingState.CHARGING
  ) {
    chargingEndTime = new Date(remaining.held.timestamp + remaining.held.value * 60_000);
    read.record(
      `${f}.chargingEndTime`,
      remaining.held.timestamp,
      remaining.held.source,
      descriptorKey('chargingTimeRemaining'),
    );
  }
  let fuelRange: number | undefined;
  if (driveTrain === 'PLUGIN_HYBRID' && total !== undefined && electric !== undefined)
    fuelRange = Math.max(0, total - electric);
  else if (hasCombustionDrivetrain(driveTrain) && driveTrain !== 'PLUGIN_HYBRID') fuelRange = total;
  if (fuelRange !== undefined) {
    const totalTime = read.pick(['totalRange']);
    if (totalTime !== undefined) {
      read.record(
        `${f}.remainingRangeFuel`,
        totalTime.held.timestamp,
        totalTime.held.source,
        descriptorKey('totalRange'),
      );
    }
  }
  const known = [
    battery,
    electric,
    total,
    fuelLitres,
    fuelPercent,
    chargingStatus,
    isChargerConnected,
    target,
  ].some((v) => v !== undefined);
  if (!known) return undefined;
  return {
    remainingRangeFuel: km(fuelRange),
    remainingRangeElectric: km(electric),
    remainingRangeTotal: km(total),
    remainingFuel: fuelLitres === undefined ? undefined : { value: fuelLitres, unit: 'L' },
    remainingFuelPercent: fuelPercent,
    remainingBatteryPercent: battery,
    chargingStatus,
    chargingStartTime: undefined,
    chargingEndTime,
    isChargerConnected,
    chargingTarget: target,
  };
}

function vehicleLocation(read: FieldReader, telemetry: VehicleTelemetry): VehicleLocation | undefined {
  const paired = telemetry.location;
  if (paired === undefined) return undefined;
  const at = new Date(paired.timestamp);
  const descriptor = descriptorKey('latitude');
  read.record('vehicleLocation.location', paired.timestamp, paired.source, descriptor);
  if (paired.heading !== undefined)
    read.record('vehicleLocation.heading', paired.timestamp, paired.source, descriptorKey('heading'));
  return {
    location: { latitude: paired.latitude, longitude: paired.longitude },
    heading: paired.heading,
    vehicleUpdateTimestamp: at,
    accountRegion: Region.REST_OF_WORLD,
  };
}

/** Door lock values of `door.lock.status` (REST) and `door.status` (stream proxy). */
function lockStateOf(raw: string): LockState {
  const key = raw.toUpperCase().replace(/^ASN_/, '').replace(/-/g, '_');
  if (key === 'SELECTIVELOCKED') return LockState.SELECTIVE_LOCKED;
  return parseEnum(LockState, key);
}

function doorsAndWindows(
  read: FieldReader,
  basicData: VehicleBasicDataDto | undefined,
): DoorsAndWindows | undefined {
  const d = 'doorsAndWindows';
  const lock = read.pick(['lockStatus', 'doorStatus']);
  let doorLockState: LockState | undefined;
  if (lock !== undefined && typeof lock.held.value === 'string') {
    doorLockState = lockStateOf(lock.held.value);
    read.record(`${d}.doorLockState`, lock.held.timestamp, lock.held.source, descriptorKey(lock.name));
  }
  // The driver sits left unless the car is right-hand drive.
  const driver = basicData?.steering?.toUpperCase().startsWith('R') ? 'right' : 'left';
  const passenger = driver === 'left' ? 'right' : 'left';
  const lidSources: [string, DescriptorName][] = [
    [`${driver}Front`, 'driverFrontOpen'],
    [`${driver}Rear`, 'driverRearOpen'],
    [`${passenger}Front`, 'passengerFrontOpen'],
    [`${passenger}Rear`, 'passengerRearOpen'],
    ['hood', 'hoodOpen'],
    ['trunk', 'trunkOpen'],
  ];
  const lids: Lid[] = [];
  for (const [name, descriptor] of lidSources) {
    const open = read.boolean(`${d}.lids.${name}`, descriptor);
    if (open !== undefined) lids.push(buildLid(name, open ? LidState.OPEN : LidState.CLOSED));
  }
  const sunroof = read.string(`${d}.lids.sunRoof`, 'sunroofStatus');
  if (sunroof !== undefined) lids.push(buildLid('sunRoof', parseEnum(LidState, sunroof)));
  const windowSources: [string, DescriptorName][] = [
    [`${driver}Front`, 'windowDriverFront'],
    [`${driver}Rear`, 'windowDriverRear'],
    [`${passenger}Front`, 'windowPassengerFront'],
    [`${passenger}Rear`, 'windowPassengerRear'],
  ];
  const windows: Lid[] = [];
  for (const [name, descriptor] of windowSources) {
    const status = read.string(`${d}.windows.${name}`, descriptor);
    if (status !== undefined) windows.push(buildLid(name, parseEnum(LidState, status)));
  }
  if (doorLockState === undefined && lids.length === 0 && windows.length === 0) return undefined;
  return buildDoorsAndWindows({ doorLockState, lids, windows });
}

function climate(read: FieldReader) {
  const activity = read.string('climate.activity', 'climateActivity');
  return activity === undefined ? undefined : buildClimate(parseEnum(ClimateActivityState, activity));
}

/**
 * Only the AC current limit is known from CarData; the other parts of core's charging profile
 * (timers, window, preferences, mode) have no CarData source and stay undefined.
 */
function chargingProfile(read: FieldReader): ChargingProfile | undefined {
  const acLimit = read.number('chargingProfile.acCurrentLimit', 'acLimit');
  if (acLimit === undefined) return undefined;
  return { acCurrentLimit: acLimit };
}

function tires(read: FieldReader): Tires | undefined {
  const wheel = (name: string, pressure: DescriptorName, target: DescriptorName): TireState | undefined => {
    const currentPressure = read.number(`tires.${name}.currentPressure`, pressure);
    const targetPressure = read.number(`tires.${name}.targetPressure`, target);
    if (currentPressure === undefined && targetPressure === undefined) return undefined;
    return { currentPressure, targetPressure };
  };
  const result: Tires = {
    frontLeft: wheel('frontLeft', 'tireFrontLeftPressure', 'tireFrontLeftTarget'),
    frontRight: wheel('frontRight', 'tireFrontRightPressure', 'tireFrontRightTarget'),
    rearLeft: wheel('rearLeft', 'tireRearLeftPressure', 'tireRearLeftTarget'),
    rearRight: wheel('rearRight', 'tireRearRightPressure', 'tireRearRightTarget'),
  };
  return Object.values(result).some((value) => value !== undefined) ? result : undefined;
}
