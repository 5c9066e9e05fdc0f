import { type FieldChannel, fieldTimeOf, type VehicleJSON, type VehicleSnapshot } from '@bimmer/core';
import { formatInstant, isJsonObject, jsonLeaves } from '@bimmer/core/internal';

/**
 * The payload of one per-field topic: the value (a number, string, boolean, position or list), its
 * unit when the JSON form has one, when the car measured it, how it arrived, and whether it is older
 * than the staleness threshold. Consumers that only want the value read `value`.
 */
export interface FieldPayload {
  readonly value: unknown;
  readonly unit?: string;
  /** When the car measured the value (ISO 8601, UTC). */
  readonly at: string;
  readonly channel: FieldChannel;
  /** Older than the hub's staleness threshold (12 hours unless configured). */
  readonly stale: boolean;
}

/** A leaf of the JSON form split into its value and unit (`{ value, unit }` leaves carry one). */
function valueAndUnit(leaf: unknown): { value: unknown; unit?: string } {
  if (
    isJsonObject(leaf) &&
    'value' in leaf &&
    typeof leaf.unit === 'string' &&
    Object.keys(leaf).length === 2
  ) {
    return { value: leaf.value, unit: leaf.unit };
  }
  return { value: leaf };
}

/** The channel a value without one in `fieldTimes` came by: MyBMW polls; CarData's first read is REST. */
function defaultChannel(snapshot: VehicleSnapshot): FieldChannel {
  return snapshot.source === 'mybmw' ? 'poll' : 'rest';
}

/**
 * One payload per leaf of the vehicle's JSON form (`json`, the form of `snapshot`) (the leaves `changedFields` compares: bookkeeping
 * and derived values left out), keyed by dot path. `stale` compares each value's own time with
 * `staleAfterMs` at `now`, so a lock state read twice a day goes stale on its own while the stream
 * keeps the battery fresh.
 */
export function fieldPayloads(
  snapshot: VehicleSnapshot,
  json: VehicleJSON,
  staleAfterMs: number,
  now: number,
): Map<string, FieldPayload> {
  const payloads = new Map<string, FieldPayload>();
  for (const [path, leaf] of jsonLeaves(json)) {
    if (leaf === undefined) continue;
    const time = fieldTimeOf(snapshot, path);
    const at = time?.at ?? snapshot.fetchedAt;
    payloads.set(path, {
      ...valueAndUnit(leaf),
      at: formatInstant(at),
      channel: time?.channel ?? defaultChannel(snapshot),
      stale: now - at.getTime() > staleAfterMs,
    });
  }
  return payloads;
}
