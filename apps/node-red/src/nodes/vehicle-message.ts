import { type LiveVehicle, newestFieldTime, type VehicleJSON, vehicleToJSON } from '@bimmer/core';

/** Where the values of a message came from. */
export type MessageSource = 'stream' | 'rest' | 'poll' | 'restored';

/** The properties a vehicle message carries besides `payload` (see the help of the vehicle node). */
export interface VehicleMessageFields {
  topic: string;
  payload: VehicleJSON;
  /** Each field's time and channel (`fieldTimes` of the JSON form); `{}` when none is known. */
  fieldTimes: NonNullable<VehicleJSON['fieldTimes']>;
  /** True when the newest value is older than the account's staleness threshold. */
  stale: boolean;
  /** Seconds since the newest value was measured. */
  age: number;
  source: MessageSource;
}

/**
 * A vehicle's current state as message properties: `topic` = VIN, `payload` = the JSON form,
 * `fieldTimes`, `stale`, `age` (seconds) and `source` (`restored` while nothing new arrived since the
 * start; else the channel of the newest value, or `forced` by the caller for a REST read).
 */
export function vehicleMessageFields(
  vehicle: LiveVehicle,
  now: number = Date.now(),
  forced?: MessageSource,
): VehicleMessageFields {
  const payload = vehicleToJSON(vehicle.snapshot);
  const newest = newestFieldTime(vehicle.snapshot);
  return {
    topic: vehicle.vin,
    payload,
    fieldTimes: payload.fieldTimes ?? {},
    stale: vehicle.staleSince !== undefined,
    age: Math.max(0, Math.round((now - newest.getTime()) / 1000)),
    source: forced ?? (vehicle.restored ? 'restored' : newestChannel(payload)),
  };
}

function newestChannel(payload: VehicleJSON): MessageSource {
  let newest: { at: string; channel?: string | undefined } | undefined;
  for (const time of Object.values(payload.fieldTimes ?? {})) {
    if (newest === undefined || Date.parse(time.at) > Date.parse(newest.at)) newest = time;
  }
  const channel = newest?.channel;
  if (channel === 'stream' || channel === 'rest' || channel === 'poll') return channel;
  return payload.source === 'mybmw' ? 'poll' : 'rest';
}
