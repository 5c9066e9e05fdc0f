import type { VehicleEvent } from '@bimmer/core';

/** The doors and lids (trunk, hood, sunroof) of one vehicle that are open, by name, since when. */
export type OpenDoors = ReadonlyMap<string, Date>;

/** No door open. */
export const NO_OPEN_DOORS: OpenDoors = new Map();

/**
 * The door or lid an event of core's vocabulary is about, and whether it opened: `door-opened`,
 * `door-closed` (`detail.door`), `lid-opened` and `lid-closed` (`detail.lid`: trunk, hood, sunroof).
 * Undefined for every other event.
 */
export function openingOf(event: VehicleEvent): { name: string; open: boolean } | undefined {
  const open = event.type === 'door-opened' || event.type === 'lid-opened';
  const closed = event.type === 'door-closed' || event.type === 'lid-closed';
  if (!open && !closed) return undefined;
  const name = event.type.startsWith('door') ? event.detail.door : event.detail.lid;
  return typeof name === 'string' ? { name, open } : undefined;
}

/**
 * The open doors after an event: an opening adds the door (keeping the first time it was seen
 * open), a closing removes it, anything else changes nothing. Core's events already ignore late
 * and repeated values, so the state follows the car's latest report of each door.
 */
export function applyOpening(doors: OpenDoors, event: VehicleEvent): OpenDoors {
  const opening = openingOf(event);
  if (opening === undefined) return doors;
  if (opening.open === doors.has(opening.name)) return doors;
  const next = new Map(doors);
  if (opening.open) next.set(opening.name, event.at);
  else next.delete(opening.name);
  return next;
}

/** When the earliest of the open doors was opened; undefined when none is open. */
export function openSince(doors: OpenDoors): Date | undefined {
  let earliest: Date | undefined;
  for (const at of doors.values()) if (earliest === undefined || at < earliest) earliest = at;
  return earliest;
}
