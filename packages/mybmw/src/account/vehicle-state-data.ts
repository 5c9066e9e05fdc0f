import { isJsonObject, type JsonObject } from '@bimmer/core/internal';

/**
 * One state of a vehicle as MyBMW sent it: the state response exactly as received (`{ capabilities,
 * state }`, handed to `parseMyBMWVehicle` unchanged), the charging details, and when they were
 * requested. `capabilities` and `state` read the response, so it is never split and re-wrapped.
 */
export class VehicleStateData {
  /** The `GET /eadrax-vcs/v4/vehicles/state` response as parsed JSON, unchanged. */
  readonly response: unknown;
  /** The charging details response, or null when the vehicle does not support charging settings. */
  readonly chargingSettings: JsonObject | null;
  /** When the state was requested (whole seconds). */
  readonly fetchedAt: Date;

  /** @param init the responses and when they were requested. */
  constructor(init: { response: unknown; chargingSettings: JsonObject | null; fetchedAt: Date }) {
    this.response = init.response;
    this.chargingSettings = init.chargingSettings;
    this.fetchedAt = init.fetchedAt;
  }

  /** `capabilities` of the state response (empty when it has none). */
  get capabilities(): JsonObject {
    return objectAt(this.response, 'capabilities');
  }

  /** `state` of the state response (empty when it has none). */
  get state(): JsonObject {
    return objectAt(this.response, 'state');
  }
}

/** The object under `key` of `value`, or an empty object. */
function objectAt(value: unknown, key: string): JsonObject {
  if (!isJsonObject(value)) return {};
  const inner = value[key];
  return isJsonObject(inner) ? inner : {};
}
