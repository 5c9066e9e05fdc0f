/**
 * INTERIM (replace when the live accounts land): a handful of derived events so the event node works
 * end to end before `deriveVehicleEvents` (issue 12, section 4) is available. The real live accounts
 * emit the whole vocabulary; this covers locks, the charging plug and charging only.
 */
import type { VehicleEvent } from '@bimmer/core';
import { valueAtPath } from '../../fields/json-paths';

const LOCKED = new Set(['LOCKED', 'SECURED', 'SELECTIVE_LOCKED']);
const FINISHED = new Set(['COMPLETE', 'FULLY_CHARGED', 'FINISHED_FULLY_CHARGED', 'TARGET_REACHED']);

/** INTERIM: events between two JSON forms of one vehicle, each timed by the field that caused it. */
export function interimVehicleEvents(
  before: unknown,
  after: unknown,
  vin: string,
  timeOf: (path: string) => Date,
): VehicleEvent[] {
  const events: VehicleEvent[] = [];
  const pair = (path: string) => [valueAtPath(before, path), valueAtPath(after, path)] as const;

  const [lockBefore, lockAfter] = pair('doorsAndWindows.doorLockState');
  if (typeof lockBefore === 'string' && typeof lockAfter === 'string' && lockBefore !== lockAfter) {
    if (LOCKED.has(lockAfter) && !LOCKED.has(lockBefore))
      events.push({ type: 'locked', vin, at: timeOf('doorsAndWindows.doorLockState'), detail: {} });
    if (lockAfter === 'UNLOCKED' && LOCKED.has(lockBefore))
      events.push({ type: 'unlocked', vin, at: timeOf('doorsAndWindows.doorLockState'), detail: {} });
  }

  const [plugBefore, plugAfter] = pair('fuelAndBattery.isChargerConnected');
  if (typeof plugBefore === 'boolean' && typeof plugAfter === 'boolean' && plugBefore !== plugAfter) {
    events.push({
      type: plugAfter ? 'plugged-in' : 'unplugged',
      vin,
      at: timeOf('fuelAndBattery.isChargerConnected'),
      detail: {},
    });
  }

  const [chargeBefore, chargeAfter] = pair('fuelAndBattery.chargingStatus');
  if (typeof chargeBefore === 'string' && typeof chargeAfter === 'string' && chargeBefore !== chargeAfter) {
    const at = timeOf('fuelAndBattery.chargingStatus');
    const percent = valueAtPath(after, 'fuelAndBattery.remainingBatteryPercent');
    const detail = typeof percent === 'number' ? { percent } : {};
    if (chargeAfter === 'CHARGING') events.push({ type: 'charging-started', vin, at, detail });
    else if (chargeBefore === 'CHARGING')
      events.push({
        type: FINISHED.has(chargeAfter) ? 'charging-finished' : 'charging-stopped',
        vin,
        at,
        detail,
      });
  }
  return events;
}
