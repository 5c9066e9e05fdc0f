import type { VehicleSnapshot } from '../models/vehicle';
import { type HeldReading, isKnown } from './event-readings';
import type { VehicleEventType } from './vehicle-event';
import type { CheckedEventSettings } from './vehicle-event-settings';

/**
 * What each rule of `deriveVehicleEvents` works from. Rules compare readings (value and time per
 * field), never whole snapshots, and report events through `emit`; they do no I/O and keep no state
 * of their own, so the whole derivation stays one deterministic function.
 */
export interface EventRuleContext {
  readonly next: VehicleSnapshot;
  readonly settings: CheckedEventSettings;
  /** The readings held before `next` arrived. */
  readonly before: ReadonlyMap<string, HeldReading>;
  /**
   * The readings of `next` that hold a value and are newer than the ones held (first readings of a
   * field included).
   */
  readonly fresh: ReadonlyMap<string, HeldReading>;
  /** The readings held once `next` is taken: `before` with `fresh` applied. */
  readonly after: ReadonlyMap<string, HeldReading>;
  /** Records an event caused by the field at dot path `field`, measured at `at` (epoch ms). */
  emit(type: VehicleEventType, at: number, field: string, detail?: Readonly<Record<string, unknown>>): void;
}

/** A newer reading of a field together with the one it replaces. */
export interface ReadingTransition {
  readonly before: HeldReading & { readonly value: NonNullable<HeldReading['value']> };
  readonly reading: HeldReading & { readonly value: NonNullable<HeldReading['value']> };
}

/**
 * The newer reading of `path` with the one it replaces, or undefined when the field got no newer
 * value, or had no known value before: the first value of a field is where watching starts, not a
 * change (which is also why a restart with restored state tells nothing again).
 */
export function transition(context: EventRuleContext, path: string): ReadingTransition | undefined {
  const reading = context.fresh.get(path);
  const before = context.before.get(path);
  return isKnown(reading) && isKnown(before) ? { before, reading } : undefined;
}
