import { WATCHED } from './event-readings';
import type { EventRuleContext } from './event-rule-context';

/** Per threshold (as a string): true while the event has fired and not re-armed. */
export type BatteryLatches = Readonly<Record<string, boolean>>;

/** The latches of both kinds of threshold after a snapshot. */
export interface BatteryLatchState {
  readonly below: BatteryLatches;
  readonly above: BatteryLatches;
}

/**
 * One kind of threshold. `crossed(percent, threshold)` says the event's condition holds;
 * `rearmed(percent, threshold, hysteresis)` says the value moved back far enough to fire again.
 */
interface ThresholdKind {
  readonly type: 'battery-below' | 'battery-above';
  readonly crossed: (percent: number, threshold: number) => boolean;
  readonly rearmed: (percent: number, threshold: number, hysteresis: number) => boolean;
}

const BELOW: ThresholdKind = {
  type: 'battery-below',
  crossed: (percent, threshold) => percent < threshold,
  rearmed: (percent, threshold, hysteresis) => percent >= threshold + hysteresis,
};

const ABOVE: ThresholdKind = {
  type: 'battery-above',
  crossed: (percent, threshold) => percent >= threshold,
  rearmed: (percent, threshold, hysteresis) => percent < threshold - hysteresis,
};

function latchesFor(
  context: EventRuleContext,
  kind: ThresholdKind,
  thresholds: readonly number[],
  held: BatteryLatches,
): BatteryLatches {
  const before = context.before.get(WATCHED.battery);
  const reading = context.fresh.get(WATCHED.battery);
  const hysteresis = context.settings.batteryHysteresis;
  const next: [string, boolean][] = [];
  for (const threshold of thresholds) {
    const key = String(threshold);
    let latched = Object.hasOwn(held, key) ? held[key] : undefined;
    if (latched === undefined && typeof before?.value === 'number') {
      // A threshold new to the memory starts from the value held: what was already true is not news.
      latched = kind.crossed(before.value, threshold);
    }
    if (typeof reading?.value === 'number') {
      const percent = reading.value;
      if (latched === undefined) latched = kind.crossed(percent, threshold);
      else if (!latched && kind.crossed(percent, threshold)) {
        context.emit(kind.type, reading.at, WATCHED.battery, { percent, threshold });
        latched = true;
      } else if (latched && kind.rearmed(percent, threshold, hysteresis)) latched = false;
    }
    if (latched !== undefined) next.push([key, latched]);
  }
  return Object.fromEntries(next);
}

/**
 * `battery-below` fires when the state of charge falls under a threshold (`percent < threshold`),
 * `battery-above` when it reaches one (`percent >= threshold`). Each then stays quiet until the
 * value has moved back past the threshold by the hysteresis (`>= threshold + h` for below,
 * `< threshold - h` for above), so a value wobbling around a threshold fires once. A threshold
 * whose condition already holds when watching starts (first value, new setting) does not fire.
 */
export function batteryEvents(context: EventRuleContext, held: BatteryLatchState): BatteryLatchState {
  return {
    below: latchesFor(context, BELOW, context.settings.batteryBelow, held.below),
    above: latchesFor(context, ABOVE, context.settings.batteryAbove, held.above),
  };
}
