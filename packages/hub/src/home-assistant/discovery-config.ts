import { CAR_BRAND_NAMES, parseCarBrand, type VehicleJSON } from '@bimmer/core';
import { discoveryDeviceId, type HubTopics } from '../mqtt/hub-topics';
import { HUB_VERSION } from '../version';
import { openingEntities, VEHICLE_ENTITIES, type VehicleEntity } from './vehicle-entities';

/** Where bimmer is, for Home Assistant's `origin` (shown in its logs beside each discovery). */
export const ORIGIN_URL = 'https://github.com/bimmer-ts/bimmer';

/** Shows `at`, `channel` and `stale` of the per-field payload as entity attributes. */
const FIELD_ATTRIBUTES =
  "{{ {'at': value_json.at, 'channel': value_json.channel, 'stale': value_json.stale} | tojson }}";
/** A device tracker takes its position from the attributes `latitude` and `longitude`. */
const POSITION_ATTRIBUTES =
  "{{ {'latitude': value_json.value.latitude, 'longitude': value_json.value.longitude, 'gps_accuracy': 0, 'at': value_json.at, 'stale': value_json.stale} | tojson }}";

/** The part of a vehicle the discovery config is built from. */
export interface DiscoveryVehicle {
  readonly vin: string;
  readonly json: VehicleJSON;
  /** The dot paths of the vehicle's known fields (its per-field topics). */
  readonly fields: ReadonlySet<string>;
  /** Units by dot path, as the per-field payloads carry them. */
  readonly units: ReadonlyMap<string, string>;
}

function namesOf(list: unknown): string[] {
  if (!Array.isArray(list)) return [];
  return list
    .map((item) =>
      typeof item === 'object' && item !== null ? (item as { name?: unknown }).name : undefined,
    )
    .filter((name): name is string => typeof name === 'string' && /^[A-Za-z0-9]+$/.test(name));
}

function component(
  entity: VehicleEntity,
  vehicle: DiscoveryVehicle,
  topics: HubTopics,
): Record<string, unknown> {
  const id = discoveryDeviceId(vehicle.vin);
  const topic =
    'field' in entity.source
      ? topics.field(vehicle.vin, entity.source.field)
      : entity.source.hub === 'connection'
        ? topics.connection
        : topics.budget;
  const config: Record<string, unknown> = {
    p: entity.platform,
    name: entity.name,
    unique_id: `${id}_${entity.key}`,
  };
  if (entity.platform === 'device_tracker') {
    config.json_attributes_topic = topic;
    config.json_attributes_template = POSITION_ATTRIBUTES;
    config.source_type = 'gps';
  } else {
    config.state_topic = topic;
    if (entity.valueTemplate !== undefined) config.value_template = entity.valueTemplate;
    if ('field' in entity.source) {
      config.json_attributes_topic = topic;
      config.json_attributes_template = FIELD_ATTRIBUTES;
    }
  }
  if (entity.deviceClass !== undefined) config.device_class = entity.deviceClass;
  const unit =
    'field' in entity.source ? (vehicle.units.get(entity.source.field) ?? entity.unit) : entity.unit;
  if (unit !== undefined && entity.platform === 'sensor' && entity.deviceClass !== 'enum')
    config.unit_of_measurement = unit;
  if (entity.stateClass !== undefined) config.state_class = entity.stateClass;
  if (entity.options !== undefined) config.options = [...entity.options];
  if (entity.icon !== undefined) config.icon = entity.icon;
  if (entity.diagnostic === true) config.entity_category = 'diagnostic';
  return config;
}

/**
 * Home Assistant's device-based discovery config of one vehicle (`<discovery prefix>/device/
 * bimmer_<VIN>/config`, Home Assistant 2024.11 and newer): the device, `origin`, availability on
 * `<prefix>/status`, and one component per entity whose field the vehicle has (battery, ranges,
 * mileage, fuel, charging status and plug, target, lock, every door, window, hood, trunk and the
 * sunroof, the location as a device tracker, climate, services, check-control messages) plus the
 * hub's stream state and REST calls left. Each entity reads its own per-field topic, so its
 * attributes show when the value was measured, how it arrived and whether it is stale. Undefined
 * when the vehicle has no field an entity reads yet.
 */
export function discoveryConfig(
  vehicle: DiscoveryVehicle,
  topics: HubTopics,
): Record<string, unknown> | undefined {
  const doors = vehicle.json.doorsAndWindows;
  const entities = [
    ...VEHICLE_ENTITIES,
    ...openingEntities(namesOf(doors?.lids), namesOf(doors?.windows)),
  ].filter((entity) => !('field' in entity.source) || vehicle.fields.has(entity.source.field));
  if (!entities.some((entity) => 'field' in entity.source)) return undefined;
  const brand = parseCarBrand(vehicle.json.brand);
  const manufacturer = brand === undefined ? 'BMW Group' : CAR_BRAND_NAMES[brand];
  const model = typeof vehicle.json.name === 'string' ? vehicle.json.name : undefined;
  const device: Record<string, unknown> = {
    ids: [discoveryDeviceId(vehicle.vin)],
    name: model === undefined ? `${manufacturer} ${vehicle.vin}` : `${manufacturer} ${model}`,
    mf: manufacturer,
    sn: vehicle.vin,
  };
  if (model !== undefined) device.mdl = model;
  return {
    dev: device,
    o: { name: 'bimmer', sw: HUB_VERSION, url: ORIGIN_URL },
    availability: [{ topic: topics.status, payload_available: 'online', payload_not_available: 'offline' }],
    cmps: Object.fromEntries(entities.map((entity) => [entity.key, component(entity, vehicle, topics)])),
  };
}
