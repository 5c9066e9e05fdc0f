/**
 * A small synthetic fleet written as a fingerprint directory, so the tests run without the shared
 * reference fixtures. All values are our own.
 */
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  chargingSettingsFileName,
  profileFileName,
  stateFileName,
  vehicleListFileName,
} from '@bimmer/fingerprint';

export const EV_VIN = 'WBA0SIM0000000E01';
export const COMBUSTION_VIN = 'WBA0SIM0000000C02';
export const MINI_VIN = 'WMW0SIM0000000M03';
export const TOYOTA_VIN = 'WZ10SIM0000000T04';

function mapping(vin: string) {
  return {
    isAssociated: false,
    isLmmEnabled: false,
    isPrimaryUser: true,
    mappingStatus: 'CONFIRMED',
    vehicleMappingType: 'CONNECTED',
    vin,
  };
}

function profile(vin: string, brand: string, model: string, driveTrain: string) {
  return {
    bodyType: 'SIM',
    brand,
    color: 4281545523,
    countryOfOrigin: 'DE',
    driveTrain,
    driverGuideInfo: { androidAppScheme: 'x', androidStoreUrl: 'x', iosAppScheme: 'x', iosStoreUrl: 'x' },
    headUnitRaw: 'HU_MGU',
    headUnitType: 'MGU',
    hmiVersion: 'ID8',
    model,
    vin,
    year: 2024,
  };
}

const capabilities = {
  climateNow: true,
  horn: true,
  lights: true,
  lock: true,
  unlock: true,
  sendPoi: true,
  vehicleFinder: true,
  isChargingPlanSupported: true,
  isChargingSettingsEnabled: true,
  isChargingTargetSocEnabled: true,
  isChargingPowerLimitEnabled: true,
  remoteChargingCommands: { chargingControl: ['START', 'STOP'] },
};

function evState() {
  return {
    capabilities,
    state: {
      lastFetched: '2026-11-30T08:00:00.000Z',
      currentMileage: 12345,
      doorsState: { combinedSecurityState: 'UNLOCKED', combinedState: 'CLOSED', leftFront: 'CLOSED' },
      climateControlState: { activity: 'STANDBY' },
      electricChargingState: {
        chargingConnectionType: 'CONDUCTIVE',
        chargingLevelPercent: 61,
        chargingStatus: 'PLUGGED_IN',
        chargingTarget: 80,
        isChargerConnected: true,
        range: 280,
      },
      chargingProfile: {
        chargingControlType: 'WEEKLY_PLANNER',
        chargingMode: 'IMMEDIATE_CHARGING',
        chargingPreference: 'NO_PRESELECTION',
        chargingSettings: { acCurrentLimit: 16, hospitality: 'NO_ACTION', idcc: 'NO_ACTION', targetSoc: 80 },
        departureTimes: [],
      },
      location: {
        address: { formatted: 'Simulated Street 1, 80000 Munich' },
        coordinates: { latitude: 48.15, longitude: 11.58 },
        heading: 90,
      },
    },
  };
}

function evChargingSettings() {
  return {
    chargeAndClimateTimerDetail: {
      chargingMode: {
        chargingPreference: 'NO_PRESELECTION',
        endTimeSlot: '0001-01-01T00:00:00',
        startTimeSlot: '0001-01-01T00:00:00',
        type: 'CHARGING_IMMEDIATELY',
      },
      departureTimer: { type: 'WEEKLY_DEPARTURE_TIMER', weeklyTimers: [] },
      isPreconditionForDepartureActive: false,
    },
    chargingSettingsDetail: {
      acLimit: {
        current: { unit: 'A', value: 16 },
        isUnlimited: false,
        max: 32,
        min: 6,
        values: [6, 10, 12, 16, 32],
      },
      chargingTarget: 80,
      dcLoudness: 'NOISE_REDUCTION',
      isUnlockCableActive: false,
      minChargingTargetToWarning: 0,
    },
    servicePack: 'WAVE_01',
  };
}

function combustionState() {
  return {
    capabilities: { ...capabilities, remoteChargingCommands: {} },
    state: {
      lastFetched: '2026-11-30T08:00:00.000Z',
      doorsState: { combinedSecurityState: 'LOCKED', combinedState: 'CLOSED' },
      climateControlState: { activity: 'INACTIVE' },
    },
  };
}

function write(directory: string, name: string, value: unknown, indent = 4): void {
  mkdirSync(directory, { recursive: true });
  writeFileSync(join(directory, name), JSON.stringify(value, null, indent));
}

/** Writes the synthetic fleet into a fresh temporary directory and returns it. */
export function writeSyntheticFleet(): string {
  const root = mkdtempSync(join(tmpdir(), 'bimmer-sim-fleet-'));
  const vehicles: Array<[string, string, unknown, unknown, unknown?]> = [
    ['bmw', EV_VIN, profile(EV_VIN, 'BMW_I', 'i4 eDrive40', 'ELECTRIC'), evState(), evChargingSettings()],
    ['bmw', COMBUSTION_VIN, profile(COMBUSTION_VIN, 'BMW', '320d', 'COMBUSTION'), combustionState()],
    ['mini', MINI_VIN, profile(MINI_VIN, 'MINI', 'Cooper S', 'COMBUSTION'), combustionState()],
    ['toyota', TOYOTA_VIN, profile(TOYOTA_VIN, 'DRITTKUNDE', 'GR Supra', 'COMBUSTION'), combustionState()],
  ];
  for (const [brand, vin, vehicleProfile, state, charging] of vehicles) {
    const directory = join(root, vin.slice(-3));
    write(directory, vehicleListFileName(brand), { gcid: 'recorded-gcid', mappingInfos: [mapping(vin)] });
    write(directory, profileFileName(brand, vin), vehicleProfile);
    write(directory, stateFileName(brand, vin), state, 2);
    if (charging) write(directory, chargingSettingsFileName(brand, vin), charging);
  }
  return root;
}
