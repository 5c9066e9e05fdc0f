import { BimmerValidationError } from '../errors/errors';
import type { VehicleSnapshot } from '../models/vehicle';
import { compact } from '../util/compact';
import { batteryEvents } from './battery-events';
import { chargingEvents } from './charging-events';
import { type HeldReading, readingsOf } from './event-readings';
import type { EventRuleContext } from './event-rule-context';
import { geofenceEvents } from './geofence-events';
import { openingEvents } from './opening-events';
import { reportEvents } from './report-events';
import { tripEvents } from './trip-events';
import type { VehicleEvent, VehicleEventSettings, VehicleEventType } from './vehicle-event';
import type { VehicleEventMemory } from './vehicle-event-memory';
import { checkVehicleEventSettings } from './vehicle-event-settings';

/** What {@link deriveVehicleEvents} returns: the events, and the memory to pass to the next call. */
export interface DerivedVehicleEvents {
  /** In the order they happened (by `at`; events of one moment in a fixed, story-like order). */
  readonly events: readonly VehicleEvent[];
  readonly memory: VehicleEventMemory;
}

/**
 * The order of events that share one `at`: how a person would tell it (unlocked, door opened, trip
 * started, left home; arrived, trip ended, door closed, locked).
 */
const SAME_MOMENT_ORDER: readonly VehicleEventType[] = [
  'unlocked',
  'door-opened',
  'lid-opened',
  'window-opened',
  'plugged-in',
  'charging-started',
  'trip-started',
  'left',
  'arrived',
  'trip-ended',
  'charging-stopped',
  'charging-finished',
  'unplugged',
  'window-closed',
  'lid-closed',
  'door-closed',
  'locked',
  'battery-below',
  'battery-above',
  'service-due',
  'check-control-message',
];
const RANK = new Map(SAME_MOMENT_ORDER.map((type, index) => [type, index]));

function byPath([a]: [string, HeldReading], [b]: [string, HeldReading]): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/**
 * Derives what happened to a vehicle between two snapshots: the one deterministic function every
 * live account (CarData, MyBMW, hub) and every adapter shares, so that "charging-started" means
 * the same everywhere. Pure: no clock, no I/O; the same inputs always give the same events.
 *
 * Each watched field is judged by its own time (its `fieldTimes` entry, else `fetchedAt`): a value
 * that is not newer than the one held (a late or repeated stream message, an older REST answer)
 * never causes an event, and the first value of a field is a baseline, never an event. Each event's
 * `at` is the time of the field that caused it, named in `detail.field`. See docs/events.md for what
 * each event means.
 *
 * @param previous the snapshot held so far (the restored one after a restart), or undefined.
 * @param next the new snapshot of the same vehicle.
 * @param settings geofences and battery thresholds; checked first (`BimmerValidationError`).
 * @param memory what the previous call returned (persist it beside the snapshot); without it the
 *   fields of `previous` are the baseline, and thresholds and trips start afresh.
 */
export function deriveVehicleEvents(
  previous: VehicleSnapshot | undefined,
  next: VehicleSnapshot,
  settings?: VehicleEventSettings | undefined,
  memory?: VehicleEventMemory | undefined,
): DerivedVehicleEvents {
  if (previous !== undefined && previous.vin !== next.vin) {
    throw new BimmerValidationError('Derived events compare two snapshots of the same vehicle.', {
      action: 'check-input',
    });
  }
  const checked = checkVehicleEventSettings(settings);
  const before = previous === undefined ? new Map<string, HeldReading>() : readingsOf(previous);
  for (const [path, held] of Object.entries(memory?.held ?? {})) {
    // The memory holds what was accepted, so it wins, unless `previous` is newer (the two were
    // persisted at different moments); a value-less report there keeps the memory's value.
    const known = before.get(path);
    if (known === undefined || held.at >= known.at) before.set(path, held);
    else if (known.value === null && held.value !== null)
      before.set(path, { value: held.value, at: known.at });
  }
  const fresh = new Map<string, HeldReading>();
  const after = new Map(before);
  for (const [path, reading] of readingsOf(next)) {
    const held = before.get(path);
    if (held !== undefined && reading.at <= held.at) continue;
    if (reading.value === null) {
      // Reported without a value: the time moves on, the last known value stays the one to compare.
      after.set(path, { value: held?.value ?? null, at: reading.at });
    } else {
      fresh.set(path, reading);
      after.set(path, reading);
    }
  }
  const drafts: { event: VehicleEvent; index: number }[] = [];
  const context: EventRuleContext = {
    next,
    settings: checked,
    before,
    fresh,
    after,
    emit(type, at, field, detail = {}) {
      drafts.push({
        event: { type, vin: next.vin, at: new Date(at), detail: compact({ field, ...detail }) },
        index: drafts.length,
      });
    },
  };
  openingEvents(context);
  chargingEvents(context);
  const battery = batteryEvents(context, {
    below: memory?.batteryBelow ?? {},
    above: memory?.batteryAbove ?? {},
  });
  const trip = tripEvents(context, memory?.trip);
  geofenceEvents(context);
  reportEvents(context);
  drafts.sort(
    (a, b) =>
      a.event.at.getTime() - b.event.at.getTime() ||
      (RANK.get(a.event.type) ?? 0) - (RANK.get(b.event.type) ?? 0) ||
      a.index - b.index,
  );
  return {
    events: drafts.map((draft) => draft.event),
    memory: {
      version: 1,
      held: Object.fromEntries([...after].sort(byPath)),
      batteryBelow: battery.below,
      batteryAbove: battery.above,
      trip,
    },
  };
}
