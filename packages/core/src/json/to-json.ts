import { formatTimeOfDay } from '../models/time';
import type {
  ChargingProfile,
  CheckControlMessage,
  ConditionBasedService,
  FuelAndBattery,
  Lid,
  TireState,
  Tires,
  ValueWithUnit,
  VehicleLocation,
  VehicleSnapshot,
} from '../models/vehicle';
import { compact } from '../util/compact';
import type {
  ChargingProfileJSON,
  CheckControlMessageJSON,
  ConditionBasedServiceJSON,
  FuelAndBatteryJSON,
  LidJSON,
  TireStateJSON,
  TiresJSON,
  VehicleJSON,
  VehicleLocationJSON,
} from './types';

/** ISO-8601 in UTC without milliseconds when they are zero: `2023-01-04T14:57:06Z`. */
export function formatInstant(date: Date): string {
  const iso = date.toISOString();
  return iso.endsWith('.000Z') ? `${iso.slice(0, -5)}Z` : iso;
}

const instant = (date: Date | undefined): string | undefined =>
  date === undefined ? undefined : formatInstant(date);
const vwu = (value: ValueWithUnit | undefined): ValueWithUnit | undefined =>
  value === undefined ? undefined : { value: value.value, unit: value.unit };

function fuelToJSON(f: FuelAndBattery): FuelAndBatteryJSON {
  return compact({
    remainingRangeFuel: vwu(f.remainingRangeFuel),
    remainingRangeElectric: vwu(f.remainingRangeElectric),
    remainingRangeTotal: vwu(f.remainingRangeTotal),
    remainingFuel: vwu(f.remainingFuel),
    remainingFuelPercent: f.remainingFuelPercent,
    remainingBatteryPercent: f.remainingBatteryPercent,
    chargingStatus: f.chargingStatus,
    chargingStartTime: instant(f.chargingStartTime),
    chargingEndTime: instant(f.chargingEndTime),
    isChargerConnected: f.isChargerConnected,
    chargingTarget: f.chargingTarget,
  });
}

function locationToJSON(l: VehicleLocation): VehicleLocationJSON {
  const remote = l.remoteServicePosition;
  return compact({
    location:
      l.location === undefined
        ? undefined
        : { latitude: l.location.latitude, longitude: l.location.longitude },
    heading: l.heading,
    vehicleUpdateTimestamp: instant(l.vehicleUpdateTimestamp),
    accountRegion: l.accountRegion,
    remoteServicePosition:
      remote === undefined
        ? undefined
        : compact({
            latitude: remote.latitude,
            longitude: remote.longitude,
            heading: remote.heading,
            timestamp: formatInstant(remote.timestamp),
          }),
  });
}

const lidToJSON = (lid: Lid): LidJSON => ({ name: lid.name, state: lid.state, isClosed: lid.isClosed });

function cbsToJSON(s: ConditionBasedService): ConditionBasedServiceJSON {
  return compact({
    serviceType: s.serviceType,
    state: s.state,
    dueDate: instant(s.dueDate),
    dueDistance: vwu(s.dueDistance),
  });
}

function ccmToJSON(m: CheckControlMessage): CheckControlMessageJSON {
  return compact({
    descriptionShort: m.descriptionShort,
    descriptionLong: m.descriptionLong,
    state: m.state,
  });
}

function chargingProfileToJSON(p: ChargingProfile): ChargingProfileJSON {
  const window = p.preferredChargingWindow;
  return compact({
    isPreEntryClimatizationEnabled: p.isPreEntryClimatizationEnabled,
    timerType: p.timerType,
    departureTimes: p.departureTimes?.map((t) =>
      compact({
        timerId: t.timerId,
        startTime: t.startTime === undefined ? undefined : formatTimeOfDay(t.startTime),
        action: t.action,
        weekdays: t.weekdays === undefined ? undefined : [...t.weekdays],
      }),
    ),
    preferredChargingWindow:
      window === undefined
        ? undefined
        : { startTime: formatTimeOfDay(window.startTime), endTime: formatTimeOfDay(window.endTime) },
    chargingPreferences: p.chargingPreferences,
    chargingMode: p.chargingMode,
    acCurrentLimit: p.acCurrentLimit,
    acAvailableLimits: p.acAvailableLimits === undefined ? undefined : [...p.acAvailableLimits],
    chargingPreferencesServicePack: p.chargingPreferencesServicePack,
  });
}

function tireToJSON(t: TireState | undefined): TireStateJSON | undefined {
  if (t === undefined) return undefined;
  return compact({
    currentPressure: t.currentPressure,
    targetPressure: t.targetPressure,
    season: t.season,
    manufacturingWeek: instant(t.manufacturingWeek),
  });
}

function tiresToJSON(t: Tires): TiresJSON {
  return compact({
    frontLeft: tireToJSON(t.frontLeft),
    frontRight: tireToJSON(t.frontRight),
    rearLeft: tireToJSON(t.rearLeft),
    rearRight: tireToJSON(t.rearRight),
  });
}

/**
 * The JSON form of a snapshot: every attribute bimmer_connected's `status --json` prints, camelCased,
 * plus `source`, `fetchedAt`, `region`, `issues` (and `fieldTimes` when set). No raw responses.
 * The result is plain JSON data (`JSON.stringify` it as is). See docs/json.md.
 */
export function vehicleToJSON(snapshot: VehicleSnapshot): VehicleJSON {
  const s = snapshot;
  const dw = s.doorsAndWindows;
  const cbs = s.conditionBasedServices;
  const ccm = s.checkControlMessages;
  let fieldTimes: VehicleJSON['fieldTimes'];
  if (s.fieldTimes !== undefined) {
    fieldTimes = {};
    for (const [path, time] of Object.entries(s.fieldTimes)) {
      if (time === undefined) continue;
      fieldTimes[path] = compact({
        at: formatInstant(time.at),
        source: time.source,
        channel: time.channel,
        descriptor: time.descriptor,
      });
    }
    // An empty map says nothing; omitting it keeps the round trip through vehicleFromJSON exact.
    if (Object.keys(fieldTimes).length === 0) fieldTimes = undefined;
  }
  return compact({
    vin: s.vin,
    source: s.source,
    fetchedAt: formatInstant(s.fetchedAt),
    region: s.region,
    name: s.name,
    brand: s.brand,
    driveTrain: s.driveTrain,
    bodyType: s.bodyType,
    year: s.year,
    countryOfOrigin: s.countryOfOrigin,
    mileage: vwu(s.mileage),
    timestamp: instant(s.timestamp),
    lscType: s.lscType,
    isMoving: s.isMoving,
    fuelAndBattery: s.fuelAndBattery === undefined ? undefined : fuelToJSON(s.fuelAndBattery),
    vehicleLocation: s.vehicleLocation === undefined ? undefined : locationToJSON(s.vehicleLocation),
    doorsAndWindows:
      dw === undefined
        ? undefined
        : {
            doorLockState: dw.doorLockState,
            lids: dw.lids.map(lidToJSON),
            windows: dw.windows.map(lidToJSON),
            openLids: dw.openLids.map(lidToJSON),
            openWindows: dw.openWindows.map(lidToJSON),
            allLidsClosed: dw.allLidsClosed,
            allWindowsClosed: dw.allWindowsClosed,
          },
    conditionBasedServices:
      cbs === undefined
        ? undefined
        : compact({
            messages: cbs.messages.map(cbsToJSON),
            isServiceRequired: cbs.isServiceRequired,
            nextServiceByDistance:
              cbs.nextServiceByDistance === undefined ? undefined : cbsToJSON(cbs.nextServiceByDistance),
            nextServiceByTime:
              cbs.nextServiceByTime === undefined ? undefined : cbsToJSON(cbs.nextServiceByTime),
          }),
    checkControlMessages:
      ccm === undefined
        ? undefined
        : compact({
            messages: ccm.messages.map(ccmToJSON),
            hasCheckControlMessages: ccm.hasCheckControlMessages,
            urgentCheckControlMessages: ccm.urgentCheckControlMessages,
          }),
    headunit:
      s.headunit === undefined
        ? undefined
        : compact({
            idriveVersion: s.headunit.idriveVersion,
            headunitType: s.headunit.headunitType,
            softwareVersion: s.headunit.softwareVersion,
          }),
    climate:
      s.climate === undefined
        ? undefined
        : compact({
            activity: s.climate.activity,
            activityEndTime: instant(s.climate.activityEndTime),
            isClimateOn: s.climate.isClimateOn,
          }),
    chargingProfile: s.chargingProfile === undefined ? undefined : chargingProfileToJSON(s.chargingProfile),
    tires: s.tires === undefined ? undefined : tiresToJSON(s.tires),
    availableAttributes: [...s.availableAttributes],
    driveTrainAttributes: [...s.driveTrainAttributes],
    hasCombustionDrivetrain: s.hasCombustionDrivetrain,
    hasElectricDrivetrain: s.hasElectricDrivetrain,
    isChargingPlanSupported: s.isChargingPlanSupported,
    isChargingSettingsSupported: s.isChargingSettingsSupported,
    isLscEnabled: s.isLscEnabled,
    isRemoteChargeStartEnabled: s.isRemoteChargeStartEnabled,
    isRemoteChargeStopEnabled: s.isRemoteChargeStopEnabled,
    isRemoteClimateStartEnabled: s.isRemoteClimateStartEnabled,
    isRemoteClimateStopEnabled: s.isRemoteClimateStopEnabled,
    isRemoteHornEnabled: s.isRemoteHornEnabled,
    isRemoteLightsEnabled: s.isRemoteLightsEnabled,
    isRemoteLockEnabled: s.isRemoteLockEnabled,
    isRemoteSendpoiEnabled: s.isRemoteSendpoiEnabled,
    isRemoteSetAcLimitEnabled: s.isRemoteSetAcLimitEnabled,
    isRemoteSetTargetSocEnabled: s.isRemoteSetTargetSocEnabled,
    isRemoteUnlockEnabled: s.isRemoteUnlockEnabled,
    isVehicleActive: s.isVehicleActive,
    isVehicleTrackingEnabled: s.isVehicleTrackingEnabled,
    issues: s.issues.map((i) => ({ block: i.block, path: i.path, code: i.code, message: i.message })),
    fieldTimes,
  }) as VehicleJSON;
}
