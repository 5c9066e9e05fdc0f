import { describe, expect, it } from 'vitest';
import { type CarState, carSnapshot } from '../../test/live-snapshots';
import { BimmerValidationError } from '../errors/errors';
import { deriveVehicleEvents } from './derive-vehicle-events';
import type { VehicleEvent, VehicleEventSettings } from './vehicle-event';

const T = Date.parse('2026-12-01T10:00:00Z');
const MINUTE = 60_000;
const HOME = { name: 'home', center: { latitude: 48.1, longitude: 11.5 }, radiusMeters: 200 };
const WORK = { name: 'work', center: { latitude: 48.2, longitude: 11.6 }, radiusMeters: 300 };
/** About 1.1 km north of home. */
const NEAR_HOME = { latitude: 48.11, longitude: 11.5 };

/** The events between two states, the second measured a minute after the first. */
function between(before: CarState, after: CarState, settings?: VehicleEventSettings): VehicleEvent[] {
  return [...deriveVehicleEvents(carSnapshot(before, T), carSnapshot(after, T + MINUTE), settings).events];
}

/** The events of a sequence of states, one minute apart, through the memory each call returns. */
function sequence(states: readonly CarState[], settings?: VehicleEventSettings): VehicleEvent[] {
  const events: VehicleEvent[] = [];
  let previous: ReturnType<typeof carSnapshot> | undefined;
  let memory: ReturnType<typeof deriveVehicleEvents>['memory'] | undefined;
  for (const [index, state] of states.entries()) {
    const next = carSnapshot(state, T + index * MINUTE);
    const derived = deriveVehicleEvents(previous, next, settings, memory);
    events.push(...derived.events);
    previous = next;
    memory = derived.memory;
  }
  return events;
}

const brief = (events: readonly VehicleEvent[]) =>
  events.map((event) => ({ type: event.type, ...event.detail }));

describe('deriveVehicleEvents: locks, doors, lids and windows', () => {
  it('tells locked and unlocked, at the time of the lock field', () => {
    const [locked] = between({ lock: 'UNLOCKED' }, { lock: 'LOCKED' });
    expect(locked).toEqual({
      type: 'locked',
      vin: 'WBA00000000TEST01',
      at: new Date(T + MINUTE),
      detail: { field: 'doorsAndWindows.doorLockState', state: 'LOCKED' },
    });
    expect(brief(between({ lock: 'SECURED' }, { lock: 'SELECTIVE_LOCKED' }))).toEqual([
      { type: 'unlocked', field: 'doorsAndWindows.doorLockState', state: 'SELECTIVE_LOCKED' },
    ]);
  });

  it('tells nothing between two locked states, nor for an unknown lock state', () => {
    expect(between({ lock: 'LOCKED' }, { lock: 'SECURED' })).toEqual([]);
    expect(between({}, { lock: 'LOCKED' })).toEqual([]);
    expect(sequence([{ lock: 'LOCKED' }, { lock: 'UNKNOWN' }, { lock: 'LOCKED' }])).toEqual([]);
  });

  it('tells which door opened and closed', () => {
    expect(brief(between({ lids: { leftFront: 'CLOSED' } }, { lids: { leftFront: 'OPEN' } }))).toEqual([
      { type: 'door-opened', field: 'doorsAndWindows.lids.leftFront', door: 'leftFront', state: 'OPEN' },
    ]);
    expect(brief(between({ lids: { rightRear: 'OPEN' } }, { lids: { rightRear: 'CLOSED' } }))).toEqual([
      { type: 'door-closed', field: 'doorsAndWindows.lids.rightRear', door: 'rightRear', state: 'CLOSED' },
    ]);
  });

  it('names the trunk, the hood and the sunroof of a lid event', () => {
    const events = between(
      { lids: { trunk: 'CLOSED', hood: 'CLOSED', sunRoof: 'OPEN' } },
      { lids: { trunk: 'OPEN', hood: 'OPEN', sunRoof: 'CLOSED' } },
    );
    expect(brief(events)).toEqual([
      { type: 'lid-opened', field: 'doorsAndWindows.lids.trunk', lid: 'trunk', name: 'trunk', state: 'OPEN' },
      { type: 'lid-opened', field: 'doorsAndWindows.lids.hood', lid: 'hood', name: 'hood', state: 'OPEN' },
      {
        type: 'lid-closed',
        field: 'doorsAndWindows.lids.sunRoof',
        lid: 'sunroof',
        name: 'sunRoof',
        state: 'CLOSED',
      },
    ]);
  });

  it('tells windows opened and closed, but not a move between two open positions', () => {
    expect(
      brief(between({ windows: { leftFront: 'CLOSED' } }, { windows: { leftFront: 'INTERMEDIATE' } })),
    ).toEqual([
      {
        type: 'window-opened',
        field: 'doorsAndWindows.windows.leftFront',
        window: 'leftFront',
        state: 'INTERMEDIATE',
      },
    ]);
    expect(types(between({ windows: { rear: 'OPEN' } }, { windows: { rear: 'CLOSED' } }))).toEqual([
      'window-closed',
    ]);
    expect(between({ lids: { sunRoof: 'OPEN_TILT' } }, { lids: { sunRoof: 'OPEN' } })).toEqual([]);
    expect(between({ lids: { trunk: 'CLOSED' } }, { lids: { trunk: 'INVALID' } })).toEqual([]);
  });

  it('tells the events of one moment in the order a person would', () => {
    expect(
      types(
        between(
          { lock: 'LOCKED', lids: { leftFront: 'CLOSED' } },
          { lock: 'UNLOCKED', lids: { leftFront: 'OPEN' } },
        ),
      ),
    ).toEqual(['unlocked', 'door-opened']);
    expect(
      types(
        between(
          { lock: 'UNLOCKED', lids: { leftFront: 'OPEN' } },
          { lock: 'LOCKED', lids: { leftFront: 'CLOSED' } },
        ),
      ),
    ).toEqual(['door-closed', 'locked']);
  });
});

const types = (events: readonly VehicleEvent[]) => events.map((event) => event.type);

describe('deriveVehicleEvents: cable and charging', () => {
  it('tells plugged-in and unplugged', () => {
    expect(brief(between({ plugged: false }, { plugged: true }))).toEqual([
      { type: 'plugged-in', field: 'fuelAndBattery.isChargerConnected' },
    ]);
    expect(types(between({ plugged: true }, { plugged: false }))).toEqual(['unplugged']);
    expect(between({}, { plugged: true })).toEqual([]);
  });

  it('tells charging-started from any state that is not charging', () => {
    expect(
      brief(
        between({ charging: 'WAITING_FOR_CHARGING', battery: 41 }, { charging: 'CHARGING', battery: 41 }),
      ),
    ).toEqual([
      { type: 'charging-started', field: 'fuelAndBattery.chargingStatus', state: 'CHARGING', percent: 41 },
    ]);
    expect(types(between({ charging: 'FULLY_CHARGED' }, { charging: 'CHARGING' }))).toEqual([
      'charging-started',
    ]);
    expect(between({ charging: 'NOT_CHARGING' }, { charging: 'WAITING_FOR_CHARGING' })).toEqual([]);
  });

  it('tells charging-finished when the state of charge reached the target', () => {
    expect(
      brief(
        between(
          { charging: 'CHARGING', battery: 63, target: 80 },
          { charging: 'NOT_CHARGING', battery: 80, target: 80 },
        ),
      ),
    ).toEqual([
      {
        type: 'charging-finished',
        field: 'fuelAndBattery.chargingStatus',
        state: 'NOT_CHARGING',
        percent: 80,
        target: 80,
        reason: 'target-reached',
      },
    ]);
    // Without a target, full is the target.
    expect(types(between({ charging: 'CHARGING' }, { charging: 'NOT_CHARGING', battery: 100 }))).toEqual([
      'charging-finished',
    ]);
  });

  it('tells charging-finished when the car says the battery is full or complete', () => {
    for (const state of ['FULLY_CHARGED', 'FINISHED_FULLY_CHARGED', 'TARGET_REACHED', 'COMPLETE'] as const) {
      const [event] = between({ charging: 'CHARGING' }, { charging: state });
      expect(event?.type).toBe('charging-finished');
      expect(event?.detail.reason).toBe('status');
    }
  });

  it('tells charging-stopped when charging ended short of the target', () => {
    expect(
      brief(
        between(
          { charging: 'CHARGING', battery: 50, target: 80 },
          { charging: 'NOT_CHARGING', battery: 52, target: 80 },
        ),
      ),
    ).toEqual([
      {
        type: 'charging-stopped',
        field: 'fuelAndBattery.chargingStatus',
        state: 'NOT_CHARGING',
        percent: 52,
      },
    ]);
    expect(types(between({ charging: 'CHARGING' }, { charging: 'ERROR' }))).toEqual(['charging-stopped']);
    expect(types(between({ charging: 'CHARGING' }, { charging: 'WAITING_FOR_CHARGING' }))).toEqual([
      'charging-stopped',
    ]);
    // COMPLETE, but the state of charge measured since says it is short of the target.
    expect(
      types(between({ charging: 'CHARGING', target: 80 }, { charging: 'COMPLETE', battery: 60, target: 80 })),
    ).toEqual(['charging-stopped']);
    expect(types(between({ charging: 'CHARGING' }, { charging: 'FINISHED_NOT_FULL', battery: 70 }))).toEqual([
      'charging-stopped',
    ]);
  });

  it('does not take a state of charge measured before charging began as the end of the charge', () => {
    const before = carSnapshot({ charging: 'CHARGING', battery: 100 }, T + MINUTE, {
      'fuelAndBattery.remainingBatteryPercent': T,
    });
    const after = carSnapshot({ charging: 'NOT_CHARGING', battery: 100 }, T + 2 * MINUTE, {
      'fuelAndBattery.remainingBatteryPercent': T,
    });
    expect(types(deriveVehicleEvents(before, after).events)).toEqual(['charging-stopped']);
  });
});

describe('deriveVehicleEvents: battery thresholds', () => {
  it('tells battery-below once, until the value has moved back past threshold plus hysteresis', () => {
    const settings = { batteryBelow: [20] };
    const events = sequence(
      [25, 19, 18, 21, 17, 22, 19].map((battery) => ({ battery })),
      settings,
    );
    expect(brief(events)).toEqual([
      { type: 'battery-below', field: 'fuelAndBattery.remainingBatteryPercent', percent: 19, threshold: 20 },
      { type: 'battery-below', field: 'fuelAndBattery.remainingBatteryPercent', percent: 19, threshold: 20 },
    ]);
    expect(events.map((event) => event.at.getTime())).toEqual([T + MINUTE, T + 6 * MINUTE]);
  });

  it('tells battery-above when the value reaches the threshold, with its own hysteresis', () => {
    const settings = { batteryAbove: [80], batteryHysteresis: 5 };
    const events = sequence(
      [70, 80, 79, 81, 76, 80, 74, 80].map((battery) => ({ battery })),
      settings,
    );
    expect(events.map((event) => [event.type, event.detail.percent])).toEqual([
      ['battery-above', 80],
      ['battery-above', 80],
    ]);
  });

  it('crosses several thresholds in one step highest first, and is quiet about what held at the start', () => {
    expect(
      sequence([{ battery: 25 }, { battery: 5 }], { batteryBelow: [10, 20] }).map((e) => e.detail.threshold),
    ).toEqual([20, 10]);
    expect(sequence([{ battery: 15 }, { battery: 14 }], { batteryBelow: [20] })).toEqual([]);
  });

  it('starts a threshold added later from the value held, not from nothing', () => {
    const first = deriveVehicleEvents(undefined, carSnapshot({ battery: 15 }, T));
    const second = deriveVehicleEvents(
      carSnapshot({ battery: 15 }, T),
      carSnapshot({ battery: 14 }, T + MINUTE),
      { batteryBelow: [20] },
      first.memory,
    );
    expect(second.events).toEqual([]);
    expect(second.memory.batteryBelow).toEqual({ '20': true });
  });
});

describe('deriveVehicleEvents: trips', () => {
  it('follows the driving state when the car reports it, with the distance from the odometer', () => {
    const events = sequence([
      { moving: false, mileage: 23508 },
      { moving: true, mileage: 23508 },
      { moving: true, mileage: 23515 },
      { moving: false, mileage: 23531 },
    ]);
    expect(brief(events)).toEqual([
      { type: 'trip-started', field: 'isMoving', inferred: false, mileageKm: 23508 },
      {
        type: 'trip-ended',
        field: 'isMoving',
        inferred: false,
        startedAt: '2026-12-01T10:01:00Z',
        durationSeconds: 120,
        mileageKm: 23531,
        distanceKm: 23,
      },
    ]);
  });

  it('ends a trip that was under way when watching started, without having started it', () => {
    expect(types(sequence([{ moving: true }, { moving: true }, { moving: false }]))).toEqual(['trip-ended']);
  });

  it('infers a trip from the odometer and the position when the car reports no driving state', () => {
    const events = sequence([
      { mileage: 100, position: HOME.center },
      { mileage: 104, position: NEAR_HOME },
      { mileage: 110, position: WORK.center },
      { mileage: 110, position: WORK.center },
    ]);
    expect(brief(events)).toEqual([
      { type: 'trip-started', field: 'mileage', inferred: true, mileageKm: 100 },
      {
        type: 'trip-ended',
        field: 'mileage',
        inferred: true,
        startedAt: '2026-12-01T10:01:00Z',
        durationSeconds: 120,
        mileageKm: 110,
        distanceKm: 10,
      },
    ]);
  });

  it('does not take a parked car whose GPS drifts for a trip', () => {
    const drift = { latitude: HOME.center.latitude + 0.001, longitude: HOME.center.longitude };
    expect(
      sequence([
        { mileage: 100, position: HOME.center },
        { mileage: 100, position: drift },
      ]),
    ).toEqual([]);
  });

  it('needs a newer reading to end an inferred trip', () => {
    const moved = carSnapshot({ mileage: 110 }, T + MINUTE);
    const started = deriveVehicleEvents(carSnapshot({ mileage: 100 }, T), moved);
    expect(types(started.events)).toEqual(['trip-started']);
    expect(deriveVehicleEvents(moved, moved, {}, started.memory).events).toEqual([]);
    expect(started.memory.trip).toEqual({ startedAt: T + MINUTE, startMileageKm: 100, inferred: true });
  });
});

describe('deriveVehicleEvents: geofences', () => {
  const settings = { geofences: [HOME, WORK] };

  it('tells left and arrived with the name of the geofence', () => {
    const events = sequence(
      [{ position: HOME.center }, { position: NEAR_HOME }, { position: WORK.center }],
      settings,
    );
    expect(brief(events)).toEqual([
      { type: 'trip-started', field: 'vehicleLocation.location', inferred: true },
      { type: 'left', field: 'vehicleLocation.location', geofence: 'home' },
      { type: 'arrived', field: 'vehicleLocation.location', geofence: 'work' },
    ]);
  });

  it('does not tell arrived for a car already inside when watching starts', () => {
    expect(sequence([{ position: WORK.center }, { position: WORK.center }], settings)).toEqual([]);
    expect(sequence([{}, { position: HOME.center }], settings)).toEqual([]);
  });
});

describe('deriveVehicleEvents: services and check-control messages', () => {
  it('tells service-due when a service becomes due or overdue', () => {
    const events = sequence([
      { services: { OIL: 'OK', BRAKE_FLUID: 'OK' } },
      { services: { OIL: 'PENDING', BRAKE_FLUID: 'OK' } },
      { services: { OIL: 'OVERDUE', BRAKE_FLUID: 'OK', VEHICLE_CHECK: 'PENDING' } },
      { services: { OIL: 'PENDING', BRAKE_FLUID: 'OK', VEHICLE_CHECK: 'PENDING' } },
    ]);
    expect(brief(events)).toEqual([
      {
        type: 'service-due',
        field: 'conditionBasedServices',
        service: 'OIL',
        state: 'PENDING',
        dueDistance: { value: 1200, unit: 'km' },
      },
      {
        type: 'service-due',
        field: 'conditionBasedServices',
        service: 'OIL',
        state: 'OVERDUE',
        dueDistance: { value: 1200, unit: 'km' },
      },
      {
        type: 'service-due',
        field: 'conditionBasedServices',
        service: 'VEHICLE_CHECK',
        state: 'PENDING',
        dueDistance: { value: 1200, unit: 'km' },
      },
    ]);
  });

  it('tells a new check-control message and a rise in severity, not one that went away', () => {
    const events = sequence([
      { messages: {} },
      { messages: { ENGINE_OIL: 'LOW' } },
      { messages: { ENGINE_OIL: 'HIGH', TIRE_PRESSURE: 'MEDIUM' } },
      { messages: { TIRE_PRESSURE: 'MEDIUM' } },
    ]);
    expect(brief(events)).toEqual([
      {
        type: 'check-control-message',
        field: 'checkControlMessages',
        message: 'ENGINE_OIL',
        state: 'LOW',
        description: 'ENGINE_OIL needs attention.',
      },
      {
        type: 'check-control-message',
        field: 'checkControlMessages',
        message: 'ENGINE_OIL',
        state: 'HIGH',
        description: 'ENGINE_OIL needs attention.',
      },
      {
        type: 'check-control-message',
        field: 'checkControlMessages',
        message: 'TIRE_PRESSURE',
        state: 'MEDIUM',
        description: 'TIRE_PRESSURE needs attention.',
      },
    ]);
  });

  it('is quiet about services and messages already there when watching starts', () => {
    expect(sequence([{ services: { OIL: 'OVERDUE' }, messages: { ENGINE_OIL: 'HIGH' } }])).toEqual([]);
  });
});

describe('deriveVehicleEvents: time', () => {
  it('dates each event by its own field, not by when the snapshot was fetched', () => {
    const before = carSnapshot({ lock: 'UNLOCKED', plugged: false }, T);
    const after = carSnapshot({ lock: 'LOCKED', plugged: true }, T + 10 * MINUTE, {
      'doorsAndWindows.doorLockState': T + 2 * MINUTE,
      'fuelAndBattery.isChargerConnected': T + 5 * MINUTE,
    });
    expect(deriveVehicleEvents(before, after).events.map((e) => [e.type, e.at.getTime()])).toEqual([
      ['locked', T + 2 * MINUTE],
      ['plugged-in', T + 5 * MINUTE],
    ]);
  });

  it('never tells a value that is not newer than the one held, nor replays after it', () => {
    const held = carSnapshot({ lock: 'LOCKED' }, T + 2 * MINUTE);
    const late = carSnapshot({ lock: 'UNLOCKED' }, T + 3 * MINUTE, {
      'doorsAndWindows.doorLockState': T + MINUTE,
    });
    const first = deriveVehicleEvents(undefined, held);
    const afterLate = deriveVehicleEvents(held, late, {}, first.memory);
    expect(afterLate.events).toEqual([]);
    // The careless snapshot went back in time; the memory did not, so the newer value is no news.
    expect(deriveVehicleEvents(late, held, {}, afterLate.memory).events).toEqual([]);
    // A value of the same time is the same measurement, not a change.
    const same = carSnapshot({ lock: 'UNLOCKED' }, T + 2 * MINUTE);
    expect(deriveVehicleEvents(held, same, {}, first.memory).events).toEqual([]);
  });

  it('compares a value after an "unknown" report with the last known one, and dates the field by it', () => {
    const charging = carSnapshot({ charging: 'CHARGING', battery: 50 }, T);
    const unknown = carSnapshot({ charging: 'UNKNOWN', battery: 50 }, T + MINUTE);
    const stopped = carSnapshot({ charging: 'NOT_CHARGING', battery: 50 }, T + 2 * MINUTE);
    const first = deriveVehicleEvents(undefined, charging);
    const second = deriveVehicleEvents(charging, unknown, {}, first.memory);
    expect(second.events).toEqual([]);
    expect(second.memory.held['fuelAndBattery.chargingStatus']).toEqual({
      value: 'CHARGING',
      at: T + MINUTE,
    });
    expect(types(deriveVehicleEvents(unknown, stopped, {}, second.memory).events)).toEqual([
      'charging-stopped',
    ]);
    // A value measured before the "unknown" report is late.
    const late = carSnapshot({ charging: 'NOT_CHARGING' }, T + 3 * MINUTE, {
      'fuelAndBattery.chargingStatus': T + MINUTE / 2,
    });
    expect(deriveVehicleEvents(unknown, late, {}, second.memory).events).toEqual([]);
  });

  it('does not let a placeholder without a time of its own move a field on', () => {
    // CarData fills an unreceived lock state with UNKNOWN and gives it no field time.
    const locked = carSnapshot({ lock: 'LOCKED' }, T);
    const placeholder = {
      ...carSnapshot({ lock: 'UNKNOWN' }, T + 10 * MINUTE),
      fieldTimes: {},
    };
    const unlocked = carSnapshot({ lock: 'UNLOCKED' }, T + 11 * MINUTE, {
      'doorsAndWindows.doorLockState': T + MINUTE,
    });
    const first = deriveVehicleEvents(undefined, locked);
    const second = deriveVehicleEvents(locked, placeholder, {}, first.memory);
    expect(second.memory.held['doorsAndWindows.doorLockState']).toEqual({ value: 'LOCKED', at: T });
    expect(types(deriveVehicleEvents(placeholder, unlocked, {}, second.memory).events)).toEqual(['unlocked']);
  });

  it('tells nothing for the first snapshot', () => {
    const snapshot = carSnapshot(
      { lock: 'LOCKED', moving: true, battery: 5, services: { OIL: 'OVERDUE' } },
      T,
    );
    expect(deriveVehicleEvents(undefined, snapshot, { batteryBelow: [20] }).events).toEqual([]);
  });
});

describe('deriveVehicleEvents: input', () => {
  it('refuses settings that could never fire, naming them without echoing positions', () => {
    const bad: VehicleEventSettings = {
      batteryBelow: [120],
      batteryAbove: [Number.NaN],
      batteryHysteresis: -1,
      geofences: [
        { name: '', center: { latitude: 91.123456, longitude: 11 }, radiusMeters: 0 },
        HOME,
        { ...HOME },
      ],
    };
    let error: unknown;
    try {
      deriveVehicleEvents(undefined, carSnapshot({}, T), bad);
    } catch (caught) {
      error = caught;
    }
    expect(error).toBeInstanceOf(BimmerValidationError);
    const validation = error as BimmerValidationError;
    expect(validation.paths).toEqual([
      'batteryBelow.0',
      'batteryAbove.0',
      'batteryHysteresis',
      'geofences.0.name',
      'geofences.0.center',
      'geofences.0.radiusMeters',
      'geofences.2.name',
    ]);
    expect(validation.message).not.toContain('91.123456');
    expect(validation.action).toBe('check-input');
  });

  it('refuses to compare two different vehicles', () => {
    const other = { ...carSnapshot({}, T), vin: 'WBA00000000OTHER' };
    expect(() => deriveVehicleEvents(other, carSnapshot({}, T))).toThrow(BimmerValidationError);
  });
});
