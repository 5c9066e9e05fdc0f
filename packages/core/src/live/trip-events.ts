import { formatInstant } from '../json/to-json';
import { distanceMeters } from './distance';
import { isKnown, readingNumber, readingPosition, WATCHED } from './event-readings';
import { type EventRuleContext, transition } from './event-rule-context';
import type { TripMemory } from './vehicle-event-memory';

/** The odometer must grow by at least this much (km; odometers report whole kilometres). */
export const TRIP_MIN_MILEAGE_KM = 1;
/** Or the position move by at least this much (metres): more than a parked car's GPS drifts. */
export const TRIP_MIN_DISTANCE_METERS = 250;

/** The odometer at `at`: the newest mileage held that was measured no later than `at`. */
function mileageAt(context: EventRuleContext, at: number): number | undefined {
  const after = context.after.get(WATCHED.mileage);
  if (after !== undefined && after.at <= at) return readingNumber(after);
  const before = context.before.get(WATCHED.mileage);
  return before !== undefined && before.at <= at ? readingNumber(before) : undefined;
}

function startDetail(trip: TripMemory): Record<string, unknown> {
  return { inferred: trip.inferred, mileageKm: trip.startMileageKm };
}

function endDetail(context: EventRuleContext, trip: TripMemory, at: number): Record<string, unknown> {
  const end = context.after.get(WATCHED.mileage);
  const endKm = end !== undefined && end.at >= trip.startedAt ? readingNumber(end) : undefined;
  return {
    inferred: trip.inferred,
    startedAt: formatInstant(new Date(trip.startedAt)),
    durationSeconds: Math.round((at - trip.startedAt) / 1000),
    mileageKm: endKm,
    distanceKm:
      endKm === undefined || trip.startMileageKm === undefined
        ? undefined
        : Math.max(0, Math.round((endKm - trip.startMileageKm) * 10) / 10),
  };
}

/** Trips from the car's own driving state (`isMoving`). */
function fromDrivingState(context: EventRuleContext, trip: TripMemory | undefined): TripMemory | undefined {
  const reading = context.fresh.get(WATCHED.moving);
  if (reading === undefined) return trip;
  if (reading.value === true && trip === undefined) {
    const started: TripMemory = {
      startedAt: reading.at,
      startMileageKm: mileageAt(context, reading.at),
      inferred: false,
    };
    // A car already driving when watching starts is on a trip, but its start was not seen.
    if (isKnown(context.before.get(WATCHED.moving))) {
      context.emit('trip-started', reading.at, WATCHED.moving, startDetail(started));
    }
    return started;
  }
  if (reading.value === false && trip !== undefined && reading.at > trip.startedAt) {
    context.emit('trip-ended', reading.at, WATCHED.moving, endDetail(context, trip, reading.at));
    return undefined;
  }
  return trip;
}

/** Trips inferred from newer readings of the odometer and the position. */
function fromMovement(context: EventRuleContext, trip: TripMemory | undefined): TripMemory | undefined {
  const moved: { at: number; field: string }[] = [];
  const standing: { at: number; field: string }[] = [];
  const mileage = transition(context, WATCHED.mileage);
  const fromKm = readingNumber(mileage?.before);
  const toKm = readingNumber(mileage?.reading);
  if (mileage !== undefined && fromKm !== undefined && toKm !== undefined) {
    (toKm - fromKm >= TRIP_MIN_MILEAGE_KM ? moved : standing).push({
      at: mileage.reading.at,
      field: WATCHED.mileage,
    });
  }
  const position = transition(context, WATCHED.position);
  const from = readingPosition(position?.before);
  const to = readingPosition(position?.reading);
  if (position !== undefined && from !== undefined && to !== undefined) {
    (distanceMeters(from, to) >= TRIP_MIN_DISTANCE_METERS ? moved : standing).push({
      at: position.reading.at,
      field: WATCHED.position,
    });
  }
  const earliest = (list: { at: number; field: string }[]) =>
    list.reduce((first, item) => (item.at < first.at ? item : first));
  if (moved.length > 0) {
    if (trip !== undefined) return trip;
    const cause = earliest(moved);
    const started: TripMemory = {
      startedAt: cause.at,
      startMileageKm: readingNumber(context.before.get(WATCHED.mileage)),
      inferred: true,
    };
    context.emit('trip-started', cause.at, cause.field, startDetail(started));
    return started;
  }
  const after = trip === undefined ? [] : standing.filter((item) => item.at > trip.startedAt);
  if (trip !== undefined && after.length > 0) {
    const cause = earliest(after);
    context.emit('trip-ended', cause.at, cause.field, endDetail(context, trip, cause.at));
    return undefined;
  }
  return trip;
}

/**
 * `trip-started` / `trip-ended`, from the data the car really sends:
 * - When the car reports its driving state (CarData's `vehicle.isMoving`, `isMoving` in the
 *   snapshot), a trip starts when it reports moving and ends when it reports standing.
 * - Otherwise (MyBMW, and cars that do not send it) the trip is inferred: it starts at the first
 *   newer reading that shows the car moved (odometer up by {@link TRIP_MIN_MILEAGE_KM} km or more, or
 *   position moved by {@link TRIP_MIN_DISTANCE_METERS} m or more) and ends at the first newer
 *   reading of the odometer or the position after that which shows it did not. Such a trip began
 *   somewhere between the previous reading and the one that started it; `detail.inferred` is true.
 * `trip-ended` carries `startedAt`, `durationSeconds`, and `distanceKm` when the odometer was read
 * at both ends. A trip already under way when watching starts ends without having started.
 */
export function tripEvents(context: EventRuleContext, trip: TripMemory | undefined): TripMemory | undefined {
  return isKnown(context.after.get(WATCHED.moving))
    ? fromDrivingState(context, trip)
    : fromMovement(context, trip);
}
