import { type Lid, LidState, type VehicleSnapshot } from '@bimmer/core';
import { type HapBinary, HapValue } from './hap-values';

/** The doors among the lids (`leftFront`, `rightRear`, ...), as opposed to hood, trunk and roofs. */
const DOOR = /^(left|right|driver|passenger)(Front|Rear)$/;
const TRUNK = new Set(['trunk', 'tailgate']);
const HOOD = new Set(['hood', 'frunk']);
const SUNROOF = /roof$/i;

/** One door's contact sensor. */
export interface DoorContact {
  /** The lid's name (`leftFront`), stable: it becomes the service's subtype. */
  readonly key: string;
  /** A name Siri understands, e.g. "Front left door". */
  readonly label: string;
  readonly state: HapBinary;
}

/** What the contact sensors show; a part the car does not report is undefined (no tile). */
export interface ContactValues {
  /** Any door open. */
  readonly doors: HapBinary | undefined;
  readonly perDoor: readonly DoorContact[];
  /** Any window open (tilted or part-open counts as open). */
  readonly windows: HapBinary | undefined;
  readonly trunk: HapBinary | undefined;
  readonly hood: HapBinary | undefined;
  readonly sunroof: HapBinary | undefined;
}

/**
 * Contact states of doors, windows, trunk, hood and sunroof. "Open" is every state but CLOSED, so a
 * tilted sunroof or a window left ajar shows as open; a lid whose state is UNKNOWN or INVALID is
 * left out of the decision (it neither opens nor closes the group), and a group with no known lid
 * is undefined.
 */
export function contactValues(snapshot: VehicleSnapshot): ContactValues {
  const lids = snapshot.doorsAndWindows?.lids ?? [];
  const windows = snapshot.doorsAndWindows?.windows ?? [];
  const doors = lids.filter((lid) => DOOR.test(lid.name));
  return {
    doors: groupState(doors),
    perDoor: doors
      .filter(isKnown)
      .map((lid) => ({ key: lid.name, label: doorLabel(lid.name), state: contactOf(lid) })),
    windows: groupState(windows),
    trunk: groupState(lids.filter((lid) => TRUNK.has(lid.name))),
    hood: groupState(lids.filter((lid) => HOOD.has(lid.name))),
    sunroof: groupState(lids.filter((lid) => SUNROOF.test(lid.name))),
  };
}

function isKnown(lid: Lid): boolean {
  return lid.state !== LidState.UNKNOWN && lid.state !== LidState.INVALID;
}

function contactOf(lid: Lid): HapBinary {
  return lid.isClosed ? HapValue.CONTACT_DETECTED : HapValue.CONTACT_NOT_DETECTED;
}

function groupState(lids: readonly Lid[]): HapBinary | undefined {
  const known = lids.filter(isKnown);
  if (known.length === 0) return undefined;
  return known.some((lid) => !lid.isClosed) ? HapValue.CONTACT_NOT_DETECTED : HapValue.CONTACT_DETECTED;
}

/** "leftFront" -> "Front left door". */
export function doorLabel(name: string): string {
  const match = DOOR.exec(name);
  if (match === null) return name;
  return `${match[2]} ${match[1]?.toLowerCase()} door`;
}
