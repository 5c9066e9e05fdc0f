import { ChargingState } from '../models/enums';
import { readingNumber, WATCHED } from './event-readings';
import { type EventRuleContext, transition } from './event-rule-context';

/** States in which the car itself says the battery is as full as it should be. */
const FULL: ReadonlySet<unknown> = new Set([
  ChargingState.FULLY_CHARGED,
  ChargingState.FINISHED_FULLY_CHARGED,
  ChargingState.TARGET_REACHED,
]);

/**
 * Why charging ended with the battery where it should be, or undefined when it stopped short:
 * - `status`: the car says the battery is full or at its target; or it says COMPLETE and no state
 *   of charge measured since charging began says otherwise;
 * - `target-reached`: the state of charge, measured since charging was seen, is at the charging
 *   target (100 % without one). CarData's `hvStatus` says only NOT_CHARGING at the end of a charge.
 */
function finishReason(
  context: EventRuleContext,
  state: unknown,
  chargingSince: number,
): 'status' | 'target-reached' | undefined {
  if (FULL.has(state)) return 'status';
  const battery = context.after.get(WATCHED.battery);
  const percent = battery === undefined || battery.at < chargingSince ? undefined : readingNumber(battery);
  if (percent === undefined) return state === ChargingState.COMPLETE ? 'status' : undefined;
  const target = readingNumber(context.after.get(WATCHED.chargingTarget)) ?? 100;
  return percent >= Math.min(target, 100) ? 'target-reached' : undefined;
}

/**
 * - `plugged-in` / `unplugged`: the charging cable was connected or disconnected.
 * - `charging-started`: the charging state became CHARGING (from any other known state).
 * - `charging-finished`: charging ended with the battery at its target: the car reports it full or
 *   at its target (FULLY_CHARGED, FINISHED_FULLY_CHARGED, TARGET_REACHED), or the state of charge
 *   measured since charging began is at the charging target (100 % without one), or the car says
 *   COMPLETE and no such measurement contradicts it.
 * - `charging-stopped`: charging ended short of the target (paused, stopped from the app, cable
 *   pulled, the charging window closed, an error); `detail.state` says which state followed.
 */
export function chargingEvents(context: EventRuleContext): void {
  const plug = transition(context, WATCHED.plugged);
  if (plug !== undefined && plug.reading.value !== plug.before.value) {
    context.emit(plug.reading.value === true ? 'plugged-in' : 'unplugged', plug.reading.at, WATCHED.plugged);
  }
  const charging = transition(context, WATCHED.charging);
  if (charging === undefined) return;
  const wasCharging = charging.before.value === ChargingState.CHARGING;
  const isCharging = charging.reading.value === ChargingState.CHARGING;
  if (wasCharging === isCharging) return;
  const state = charging.reading.value;
  const percent = readingNumber(context.after.get(WATCHED.battery));
  const at = charging.reading.at;
  if (isCharging) {
    context.emit('charging-started', at, WATCHED.charging, { state, percent });
    return;
  }
  const reason = finishReason(context, state, charging.before.at);
  if (reason === undefined) context.emit('charging-stopped', at, WATCHED.charging, { state, percent });
  else {
    const target = readingNumber(context.after.get(WATCHED.chargingTarget));
    context.emit('charging-finished', at, WATCHED.charging, { state, percent, target, reason });
  }
}
