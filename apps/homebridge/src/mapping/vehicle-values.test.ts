// The snapshot -> characteristics mapping for every vehicle of our fleet (fixtures/mybmw and
// fixtures/cardata/rest). Every expected value is written by hand from the fixture files (see
// fixtures/README.md: "what it exercises") and HAP's definitions, not copied from the output.
import type { VehicleSnapshot } from '@bimmer/core';
import { describe, expect, it } from 'vitest';
import { parsePlatformConfig } from '../config/parse-platform-config';
import type { VehicleSettings } from '../config/platform-config';
import { carDataFleet, myBMWFleet } from '../test-support/fleet';
import { planServices } from './service-plan';
import { vehicleValues } from './vehicle-values';

const parsed = parsePlatformConfig({ platform: 'Bimmer' }, '/tmp/hb');
if (!parsed.ok) throw new Error('default config must parse');
const DEFAULTS: VehicleSettings = parsed.settings.defaults;

const myBMW = myBMWFleet();
const carData = carDataFleet();

function vehicle(fleet: Map<string, VehicleSnapshot>, key: string): VehicleSnapshot {
  const snapshot = fleet.get(key);
  if (snapshot === undefined) throw new Error(`${key} is not in the fleet`);
  return snapshot;
}

/** What a vehicle's tiles must show: [battery level, charging state, low battery] etc. */
interface Expected {
  manufacturer: string;
  battery: [number, 0 | 1 | 2, 0 | 1] | undefined;
  doors: 0 | 1 | undefined;
  windows: 0 | 1 | undefined;
  trunk: 0 | 1 | undefined;
  hood: 0 | 1 | undefined;
  sunroof: 0 | 1 | undefined;
  lock: 0 | 1 | 3 | undefined;
  pluggedIn: 0 | 1 | undefined;
  charging: 0 | 1 | undefined;
  climateOn: boolean | undefined;
}

// HAP: ChargingState 0 not charging, 1 charging, 2 not chargeable; contact 0 closed, 1 open;
// lock 0 unsecured, 1 secured, 3 unknown; occupancy 0/1.
const EXPECTED_MYBMW: Record<string, Expected> = {
  // ELECTRIC, 80 %, FULLY_CHARGED, plugged, LOCKED, all closed, HEATING.
  'i5-charging-settings': {
    manufacturer: 'BMW',
    battery: [80, 0, 0],
    doors: 0,
    windows: 0,
    trunk: 0,
    hood: 0,
    sunroof: undefined,
    lock: 1,
    pluggedIn: 1,
    charging: 0,
    climateOn: true,
  },
  // 43 %, CHARGING, SECURED, INACTIVE.
  'ix1-charging': {
    manufacturer: 'BMW',
    battery: [43, 1, 0],
    doors: 0,
    windows: 0,
    trunk: 0,
    hood: 0,
    sunroof: undefined,
    lock: 1,
    pluggedIn: 1,
    charging: 1,
    climateOn: false,
  },
  // PLUGIN_HYBRID 88 %, NOT_CHARGING, not plugged, LOCKED, STANDBY.
  'x5-phev': {
    manufacturer: 'BMW',
    battery: [88, 0, 0],
    doors: 0,
    windows: 0,
    trunk: 0,
    hood: 0,
    sunroof: undefined,
    lock: 1,
    pluggedIn: 0,
    charging: 0,
    climateOn: false,
  },
  // REX 76 %, WAITING_FOR_CHARGING, plugged, SELECTIVE_LOCKED, sunroof closed, no climate block.
  'i3s-rex': {
    manufacturer: 'BMW',
    battery: [76, 0, 0],
    doors: 0,
    windows: 0,
    trunk: 0,
    hood: 0,
    sunroof: 0,
    lock: 1,
    pluggedIn: 1,
    charging: 0,
    climateOn: undefined,
  },
  // COMBUSTION, fuel 65 % (not chargeable), LOCKED, sunroof OPEN_TILT, COOLING.
  '530i-lsc': {
    manufacturer: 'BMW',
    battery: [65, 2, 0],
    doors: 0,
    windows: 0,
    trunk: 0,
    hood: 0,
    sunroof: 1,
    lock: 1,
    pluggedIn: undefined,
    charging: undefined,
    climateOn: true,
  },
  // No last-state-call: nothing to show but the information.
  '118i-no-lsc': {
    manufacturer: 'BMW',
    battery: undefined,
    doors: undefined,
    windows: undefined,
    trunk: undefined,
    hood: undefined,
    sunroof: undefined,
    lock: undefined,
    pluggedIn: undefined,
    charging: undefined,
    climateOn: undefined,
  },
  // MILD_HYBRID fuel 11 % (low under 20), UNLOCKED, driver door, trunk, sunroof and windows open.
  '320d-attention': {
    manufacturer: 'BMW',
    battery: [11, 2, 1],
    doors: 1,
    windows: 1,
    trunk: 1,
    hood: 0,
    sunroof: 1,
    lock: 0,
    pluggedIn: undefined,
    charging: undefined,
    climateOn: undefined,
  },
  // MINI ELECTRIC 57 %, INVALID charging status (reads NOT_CHARGING), not plugged, PARTIALLY_LOCKED, VENTILATION.
  'mini-cooper-se': {
    manufacturer: 'MINI',
    battery: [57, 0, 0],
    doors: 0,
    windows: 0,
    trunk: 0,
    hood: 0,
    sunroof: undefined,
    lock: 0,
    pluggedIn: 0,
    charging: 0,
    climateOn: false,
  },
  // Toyota Supra, fuel 64 %, LOCKED, two doors closed, no climate.
  supra: {
    manufacturer: 'Toyota',
    battery: [64, 2, 0],
    doors: 0,
    windows: 0,
    trunk: 0,
    hood: 0,
    sunroof: undefined,
    lock: 1,
    pluggedIn: undefined,
    charging: undefined,
    climateOn: undefined,
  },
  // 90 %, TARGET_REACHED, plugged, LOCKED, INACTIVE.
  'ix3-china': {
    manufacturer: 'BMW',
    battery: [90, 0, 0],
    doors: 0,
    windows: 0,
    trunk: 0,
    hood: 0,
    sunroof: undefined,
    lock: 1,
    pluggedIn: 1,
    charging: 0,
    climateOn: false,
  },
  // Unknown values: charging DISCHARGING_TO_HOME and lock LOCKED_AND_ARMED read UNKNOWN (no guess),
  // climate DEFROSTING unknown; the frunk counts as the hood.
  'ix3-neue-klasse-unknown-values': {
    manufacturer: 'BMW',
    battery: [64, 0, 0],
    doors: 0,
    windows: 0,
    trunk: 0,
    hood: 0,
    sunroof: undefined,
    lock: 3,
    pluggedIn: 1,
    charging: undefined,
    climateOn: undefined,
  },
};

const EXPECTED_CARDATA: Record<string, Expected> = {
  // i4 BEV 64 %, NOT_CHARGING, port DISCONNECTED, SECURED, passenger window INTERMEDIATE, STANDBY.
  WBASIMCARDATA0001: {
    manufacturer: 'BMW',
    battery: [64, 0, 0],
    doors: 0,
    windows: 1,
    trunk: 0,
    hood: 0,
    sunroof: undefined,
    lock: 1,
    pluggedIn: 0,
    charging: 0,
    climateOn: false,
  },
  // MINI petrol, fuel level 70 %, SELECTIVE-LOCKED, sunroof closed.
  WBASIMCARDATA0002: {
    manufacturer: 'MINI',
    battery: [70, 2, 0],
    doors: undefined,
    windows: undefined,
    trunk: undefined,
    hood: undefined,
    sunroof: 0,
    lock: 1,
    pluggedIn: undefined,
    charging: undefined,
    climateOn: undefined,
  },
  // SECONDARY: no data at all.
  WBASIMCARDATA0003: {
    manufacturer: 'BMW',
    battery: undefined,
    doors: undefined,
    windows: undefined,
    trunk: undefined,
    hood: undefined,
    sunroof: undefined,
    lock: undefined,
    pluggedIn: undefined,
    charging: undefined,
    climateOn: undefined,
  },
};

function actual(snapshot: VehicleSnapshot): Expected {
  const values = vehicleValues(snapshot, DEFAULTS);
  const battery = values.battery;
  return {
    manufacturer: values.information.manufacturer,
    battery: battery === undefined ? undefined : [battery.level, battery.chargingState, battery.lowBattery],
    doors: values.contacts.doors,
    windows: values.contacts.windows,
    trunk: values.contacts.trunk,
    hood: values.contacts.hood,
    sunroof: values.contacts.sunroof,
    lock: values.lock?.current as Expected['lock'],
    pluggedIn: values.occupancy.pluggedIn,
    charging: values.occupancy.charging,
    climateOn: values.climateOn,
  };
}

describe('service mapping of our fleet', () => {
  it('covers every vehicle of the fleet', () => {
    expect([...myBMW.keys()].sort()).toEqual(Object.keys(EXPECTED_MYBMW).sort());
    expect([...carData.keys()].sort()).toEqual(Object.keys(EXPECTED_CARDATA).sort());
  });

  it.each(Object.entries(EXPECTED_MYBMW))('MyBMW %s', (key, expected) => {
    expect(actual(vehicle(myBMW, key))).toEqual(expected);
  });

  it.each(Object.entries(EXPECTED_CARDATA))('CarData %s', (vin, expected) => {
    expect(actual(vehicle(carData, vin))).toEqual(expected);
  });

  it('masks the serial and turns the head-unit version into a HAP version', () => {
    const info = vehicleValues(vehicle(myBMW, 'i5-charging-settings'), DEFAULTS).information;
    expect(info.serialNumber).toBe('WBA**********R001');
    expect(info.model).toBe('i5 eDrive40');
    if (info.firmwareRevision !== undefined) expect(info.firmwareRevision).toMatch(/^\d+(\.\d+){0,2}$/);
  });

  it('names one sensor per door when asked, in words Siri understands', () => {
    const settings = { ...DEFAULTS, services: { ...DEFAULTS.services, doorsPerDoor: true } };
    const values = vehicleValues(vehicle(myBMW, '320d-attention'), settings);
    expect(values.contacts.perDoor.map((door) => [door.label, door.state])).toEqual([
      ['Front left door', 1],
      ['Rear left door', 0],
      ['Front right door', 0],
      ['Rear right door', 0],
    ]);
  });

  it('detects home from the geofence around the car position', () => {
    const i5 = vehicle(myBMW, 'i5-charging-settings');
    const position = i5.vehicleLocation?.location;
    expect(position).toBeDefined();
    if (position === undefined) return;
    const home = { latitude: position.latitude, longitude: position.longitude, radiusMeters: 200 };
    const settings = { ...DEFAULTS, home };
    expect(vehicleValues(i5, settings).occupancy.atHome).toBe(1);
    expect(vehicleValues(vehicle(myBMW, 'ix1-charging'), settings).occupancy.atHome).toBe(0);
    expect(vehicleValues(vehicle(myBMW, 'i3s-rex'), settings).occupancy.atHome).toBeUndefined();
    expect(vehicleValues(i5, DEFAULTS).occupancy.atHome).toBeUndefined();
  });

  it('plans only tiles the car has data for, with the prefix in every name', () => {
    const settings = { ...DEFAULTS, namePrefix: 'i5' };
    const values = vehicleValues(vehicle(myBMW, 'i5-charging-settings'), settings);
    const cardataPlan = planServices(values, settings, { canLock: false, canClimate: false });
    expect(cardataPlan.map((service) => `${service.kind}:${service.name}`)).toEqual([
      'battery:i5 Battery',
      'lock:i5 Lock',
      'contact:i5 Doors',
      'contact:i5 Windows',
      'contact:i5 Trunk',
      'contact:i5 Hood',
      'occupancy:i5 Plugged in',
      'occupancy:i5 Charging',
      'motion:i5 In use',
      'occupancy:i5 Climate',
    ]);
    const myBMWPlan = planServices(values, settings, { canLock: true, canClimate: true });
    expect(myBMWPlan.find((service) => service.subtype === 'climate')?.kind).toBe('switch');
    // No state at all (no driving state, odometer or position either): no tile, not even "In use",
    // which could never show a trip.
    const empty = planServices(vehicleValues(vehicle(myBMW, '118i-no-lsc'), DEFAULTS), DEFAULTS, {
      canLock: false,
      canClimate: false,
    });
    expect(empty.map((service) => service.subtype)).toEqual([]);
    const noTrips = {
      ...vehicle(myBMW, 'i5-charging-settings'),
      mileage: undefined,
      vehicleLocation: undefined,
    };
    expect(vehicleValues(noTrips, DEFAULTS).reportsTrips).toBe(false);
    expect(vehicleValues({ ...noTrips, isMoving: false }, DEFAULTS).reportsTrips).toBe(true);
  });
});
