import { LidState, LockState } from '../models/enums';
import { WATCHED } from './event-readings';
import { type EventRuleContext, transition } from './event-rule-context';

const LOCKED: ReadonlySet<unknown> = new Set([LockState.LOCKED, LockState.SECURED]);
const DOOR = /^(left|right)(Front|Rear)$/;

/**
 * What a lid of the doors-and-windows block is: one of the four doors (by the API's name, e.g.
 * `leftFront`), or a lid — `hood`, `trunk` or `sunroof` (any name ending in "roof": MyBMW says
 * `sunRoof`, `moonRoof`), else the API's own name.
 */
function openingOf(
  name: string,
): { readonly door: string } | { readonly lid: string; readonly name: string } {
  if (DOOR.test(name)) return { door: name };
  const lower = name.toLowerCase();
  if (lower === 'hood' || lower === 'bonnet') return { lid: 'hood', name };
  if (lower === 'trunk' || lower === 'tailgate' || lower === 'boot') return { lid: 'trunk', name };
  if (lower.endsWith('roof')) return { lid: 'sunroof', name };
  return { lid: name, name };
}

const isOpen = (state: unknown): boolean => state !== LidState.CLOSED;

/**
 * `locked` / `unlocked`: the combined lock state moved between locked (LOCKED, SECURED) and not
 * locked (UNLOCKED, SELECTIVE_LOCKED, PARTIALLY_LOCKED: a door can be opened from outside).
 * `door-opened` / `door-closed`, `lid-opened` / `lid-closed`, `window-opened` / `window-closed`:
 * one of them went from CLOSED to open (OPEN, OPEN_TILT, INTERMEDIATE) or back. Moves between two
 * open states (tilted to open) are no event.
 */
export function openingEvents(context: EventRuleContext): void {
  const lock = transition(context, WATCHED.lock);
  if (lock !== undefined) {
    const locked = LOCKED.has(lock.reading.value);
    if (locked !== LOCKED.has(lock.before.value)) {
      context.emit(locked ? 'locked' : 'unlocked', lock.reading.at, WATCHED.lock, {
        state: lock.reading.value,
      });
    }
  }
  for (const path of context.fresh.keys()) {
    const isLid = path.startsWith(WATCHED.lids);
    if (!isLid && !path.startsWith(WATCHED.windows)) continue;
    const change = transition(context, path);
    if (change === undefined) continue;
    const open = isOpen(change.reading.value);
    if (open === isOpen(change.before.value)) continue;
    const name = path.slice((isLid ? WATCHED.lids : WATCHED.windows).length);
    const state = change.reading.value;
    if (!isLid) {
      context.emit(open ? 'window-opened' : 'window-closed', change.reading.at, path, {
        window: name,
        state,
      });
      continue;
    }
    const opening = openingOf(name);
    if ('door' in opening) {
      context.emit(open ? 'door-opened' : 'door-closed', change.reading.at, path, { ...opening, state });
    } else {
      context.emit(open ? 'lid-opened' : 'lid-closed', change.reading.at, path, { ...opening, state });
    }
  }
}
