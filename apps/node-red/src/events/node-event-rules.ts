import type { Geofence, VehicleEvent } from '@bimmer/core';

/**
 * The event node's own triggers, set in the node rather than on the account: geofences (`arrived`,
 * `left`) and a battery threshold (`battery-below`). A pure function of the previous rule state and
 * the vehicle's new values, so replaying the same values gives the same events, and a value older
 * than the one held (a late stream message) changes nothing.
 */
export interface NodeEventRules {
  readonly geofences: readonly Geofence[];
  /** Fire `battery-below` when the state of charge falls below this percentage. */
  readonly batteryBelow?: number | undefined;
  /** Percentage points the charge must rise above the threshold before it may fire again. */
  readonly hysteresis: number;
}

/** A timed value as the rules read it. */
export interface TimedValue<T> {
  readonly value: T;
  readonly at: Date;
}

/** What the rules read of one vehicle. */
export interface RuleInput {
  readonly vin: string;
  readonly location?: TimedValue<{ latitude: number; longitude: number }> | undefined;
  readonly batteryPercent?: TimedValue<number> | undefined;
}

/** What the rules remember per vehicle. */
export interface RuleState {
  /** Per geofence name: inside or not, as of `locationAt`. */
  readonly inside: Readonly<Record<string, boolean>>;
  readonly locationAt?: number | undefined;
  /** Whether `battery-below` may fire (false after it fired, until the charge rose again). */
  readonly batteryArmed?: boolean | undefined;
  readonly batteryAt?: number | undefined;
}

const EARTH_RADIUS_M = 6_371_008.8;

/** Great-circle distance in metres between two WGS-84 positions. */
export function distanceMeters(
  a: { latitude: number; longitude: number },
  b: { latitude: number; longitude: number },
): number {
  const rad = Math.PI / 180;
  const dLat = (b.latitude - a.latitude) * rad;
  const dLon = (b.longitude - a.longitude) * rad;
  const h =
    Math.sin(dLat / 2) ** 2 +
    Math.cos(a.latitude * rad) * Math.cos(b.latitude * rad) * Math.sin(dLon / 2) ** 2;
  return 2 * EARTH_RADIUS_M * Math.asin(Math.min(1, Math.sqrt(h)));
}

/** The rule state before anything was seen. */
export const EMPTY_RULE_STATE: RuleState = { inside: {} };

/**
 * Applies the rules to a vehicle's new values. The first value seen only sets the baseline (a start
 * with restored state replays nothing); values not newer than the held ones are ignored.
 */
export function applyNodeEventRules(
  state: RuleState,
  input: RuleInput,
  rules: NodeEventRules,
): { state: RuleState; events: VehicleEvent[] } {
  const events: VehicleEvent[] = [];
  let next: RuleState = state;

  const location = input.location;
  if (location !== undefined && rules.geofences.length > 0) {
    const at = location.at.getTime();
    if (state.locationAt === undefined || at > state.locationAt) {
      const inside: Record<string, boolean> = {};
      for (const fence of rules.geofences) {
        const now = distanceMeters(fence.center, location.value) <= fence.radiusMeters;
        inside[fence.name] = now;
        const before = state.inside[fence.name];
        if (state.locationAt !== undefined && before !== undefined && before !== now) {
          events.push({
            type: now ? 'arrived' : 'left',
            vin: input.vin,
            at: location.at,
            detail: { geofence: fence.name },
          });
        }
      }
      next = { ...next, inside, locationAt: at };
    }
  }

  const battery = input.batteryPercent;
  const threshold = rules.batteryBelow;
  if (battery !== undefined && threshold !== undefined) {
    const at = battery.at.getTime();
    if (state.batteryAt === undefined || at > state.batteryAt) {
      const below = battery.value < threshold;
      let armed: boolean;
      if (state.batteryAt === undefined) {
        // Baseline: armed only when the charge is not already below the threshold.
        armed = !below;
      } else if (below && state.batteryArmed === true) {
        events.push({
          type: 'battery-below',
          vin: input.vin,
          at: battery.at,
          detail: { percent: battery.value, threshold },
        });
        armed = false;
      } else {
        armed = state.batteryArmed === true || battery.value >= threshold + rules.hysteresis;
      }
      next = { ...next, batteryArmed: armed, batteryAt: at };
    }
  }
  return { state: next, events };
}
