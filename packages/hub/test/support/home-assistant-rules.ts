/**
 * The rules of Home Assistant's MQTT discovery that the hub relies on, as a checker for our tests.
 * The lists are Home Assistant's own (its sensor and binary-sensor device classes, the units each
 * sensor class accepts, the state classes each allows, the device-based discovery payload with `dev`,
 * `o` and `cmps`, a `p` and `unique_id` per component, and a device tracker that reads a state or an
 * attributes topic), copied from its constants in December 2026. A config that breaks one of them is
 * what Home Assistant rejects or logs as an error, so the hub must never publish one.
 */

import { isJsonObject } from '@bimmer/core/internal';

/** Every sensor device class Home Assistant knows. */
export const SENSOR_DEVICE_CLASSES: ReadonlySet<string> = new Set([
  'date',
  'enum',
  'timestamp',
  'apparent_power',
  'aqi',
  'area',
  'atmospheric_pressure',
  'battery',
  'blood_glucose_concentration',
  'carbon_monoxide',
  'carbon_dioxide',
  'conductivity',
  'current',
  'data_rate',
  'data_size',
  'distance',
  'duration',
  'energy',
  'energy_distance',
  'energy_storage',
  'frequency',
  'gas',
  'humidity',
  'illuminance',
  'irradiance',
  'moisture',
  'monetary',
  'nitrogen_dioxide',
  'nitrogen_monoxide',
  'nitrous_oxide',
  'ozone',
  'ph',
  'pm1',
  'pm10',
  'pm25',
  'power_factor',
  'power',
  'precipitation',
  'precipitation_intensity',
  'pressure',
  'reactive_power',
  'signal_strength',
  'sound_pressure',
  'speed',
  'sulphur_dioxide',
  'temperature',
  'temperature_delta',
  'volatile_organic_compounds',
  'volatile_organic_compounds_parts',
  'voltage',
  'volume',
  'volume_storage',
  'volume_flow_rate',
  'water',
  'weight',
  'wind_direction',
  'wind_speed',
]);

/** Sensor classes that take no unit and no state class. */
const NON_NUMERIC = new Set(['date', 'enum', 'timestamp']);

const LENGTH = ['mm', 'cm', 'm', 'km', 'in', 'ft', 'yd', 'mi', 'nmi'];
const VOLUME = ['L', 'mL', 'm³', 'ft³', 'CCF', 'fl. oz.', 'gal'];
const PRESSURE = ['mPa', 'Pa', 'hPa', 'kPa', 'bar', 'cbar', 'mbar', 'mmHg', 'inHg', 'psi'];

/**
 * The units Home Assistant accepts per sensor device class, for the classes the hub may use (and a
 * few neighbours). A class missing here cannot be checked, and the checker says so.
 */
export const SENSOR_DEVICE_CLASS_UNITS: ReadonlyMap<string, ReadonlySet<string>> = new Map(
  Object.entries({
    battery: ['%'],
    humidity: ['%'],
    moisture: ['%'],
    distance: LENGTH,
    volume: VOLUME,
    volume_storage: VOLUME,
    current: ['A', 'mA'],
    voltage: ['V', 'mV', 'µV', 'kV', 'MV'],
    power: ['W', 'kW', 'MW', 'GW', 'TW'],
    energy_storage: [
      'J',
      'kJ',
      'MJ',
      'GJ',
      'mWh',
      'Wh',
      'kWh',
      'MWh',
      'GWh',
      'TWh',
      'cal',
      'kcal',
      'Mcal',
      'Gcal',
    ],
    pressure: PRESSURE,
    atmospheric_pressure: PRESSURE,
    temperature: ['°C', '°F', 'K'],
    duration: ['d', 'h', 'min', 's', 'ms'],
    speed: ['m/s', 'km/h', 'mph', 'ft/s', 'kn', 'mm/s', 'in/s', 'mm/d', 'mm/h', 'in/d', 'in/h', 'Beaufort'],
  }).map(([deviceClass, units]) => [deviceClass, new Set(units)]),
);

const ALL_STATE_CLASSES = ['measurement', 'total', 'total_increasing'];

/** The state classes Home Assistant allows per sensor device class (same classes as the units). */
export const SENSOR_DEVICE_CLASS_STATE_CLASSES: ReadonlyMap<string, ReadonlySet<string>> = new Map(
  Object.entries({
    battery: ['measurement'],
    humidity: ['measurement'],
    moisture: ['measurement'],
    distance: ALL_STATE_CLASSES,
    volume: ['total', 'total_increasing'],
    volume_storage: ['measurement'],
    current: ['measurement'],
    voltage: ['measurement'],
    power: ['measurement'],
    energy_storage: ['measurement'],
    pressure: ['measurement'],
    atmospheric_pressure: ['measurement'],
    temperature: ['measurement'],
    duration: ALL_STATE_CLASSES,
    speed: ['measurement'],
    date: [],
    enum: [],
    timestamp: [],
  }).map(([deviceClass, stateClasses]) => [deviceClass, new Set(stateClasses)]),
);

/** Every binary-sensor device class Home Assistant knows. */
export const BINARY_SENSOR_DEVICE_CLASSES: ReadonlySet<string> = new Set([
  'battery',
  'battery_charging',
  'carbon_monoxide',
  'cold',
  'connectivity',
  'door',
  'garage_door',
  'gas',
  'heat',
  'light',
  'lock',
  'moisture',
  'motion',
  'moving',
  'occupancy',
  'opening',
  'plug',
  'power',
  'presence',
  'problem',
  'running',
  'safety',
  'smoke',
  'sound',
  'tamper',
  'update',
  'vibration',
  'window',
]);

/** The state classes of sensors. */
export const STATE_CLASSES: ReadonlySet<string> = new Set(ALL_STATE_CLASSES);

/** A device tracker's source types. */
export const SOURCE_TYPES: ReadonlySet<string> = new Set(['gps', 'router', 'bluetooth', 'bluetooth_le']);

/** The platforms the hub announces (Home Assistant supports more; a hub config with another is a bug). */
export const HUB_PLATFORMS: ReadonlySet<string> = new Set(['sensor', 'binary_sensor', 'device_tracker']);

/** Ids in a discovery topic and component ids: what Home Assistant's topic matcher accepts. */
const ID = /^[a-zA-Z0-9_-]+$/;

function object(value: unknown): Record<string, unknown> | undefined {
  return isJsonObject(value) ? value : undefined;
}

function pick(config: Record<string, unknown>, long: string, short: string): unknown {
  return config[long] ?? config[short];
}

/** What the checker expects besides Home Assistant's own rules. */
export interface DiscoveryExpectations {
  readonly discoveryPrefix: string;
  /** The topic every entity's availability must follow (the hub's `<prefix>/status`). */
  readonly availabilityTopic: string;
}

/**
 * Checks one retained discovery message of the device-based schema. Returns the problems found
 * (empty when Home Assistant would take the config as it is), each naming the component.
 */
export function checkDeviceDiscovery(
  topic: string,
  payload: string,
  expected: DiscoveryExpectations,
): string[] {
  const problems: string[] = [];
  const match = new RegExp(`^${expected.discoveryPrefix}/device/([^/]+)/config$`).exec(topic);
  if (match === null || !ID.test(match[1] ?? ''))
    problems.push(`topic ${topic} is not <prefix>/device/<id>/config`);
  let config: Record<string, unknown> | undefined;
  try {
    config = object(JSON.parse(payload));
  } catch {
    return [...problems, 'payload is not JSON'];
  }
  if (config === undefined) return [...problems, 'payload is not a JSON object'];

  const device = object(pick(config, 'device', 'dev'));
  const ids = device === undefined ? undefined : pick(device, 'identifiers', 'ids');
  if (device === undefined) problems.push('device (dev) is missing');
  else {
    if (!(typeof ids === 'string' || (Array.isArray(ids) && ids.length > 0)))
      problems.push('device has no identifiers');
    if (typeof device.name !== 'string' || device.name === '') problems.push('device has no name');
  }
  const origin = object(pick(config, 'origin', 'o'));
  if (origin === undefined || typeof origin.name !== 'string' || origin.name === '')
    problems.push('origin (o) with a name is missing');

  const availability = pick(config, 'availability', 'avty');
  const availabilityTopics = Array.isArray(availability)
    ? availability.map((entry) => object(entry)?.topic ?? object(entry)?.t)
    : [pick(config, 'availability_topic', 'avty_t')];
  if (!availabilityTopics.includes(expected.availabilityTopic))
    problems.push(`availability does not follow ${expected.availabilityTopic}`);

  const components = object(pick(config, 'components', 'cmps'));
  if (components === undefined || Object.keys(components).length === 0) {
    problems.push('components (cmps) are missing');
    return problems;
  }
  const uniqueIds = new Set<string>();
  for (const [id, raw] of Object.entries(components)) {
    const component = object(raw);
    const where = `component ${id}`;
    if (!ID.test(id)) problems.push(`${where}: id has characters Home Assistant does not accept`);
    if (component === undefined) {
      problems.push(`${where}: not an object`);
      continue;
    }
    const platform = pick(component, 'platform', 'p');
    if (typeof platform !== 'string' || !HUB_PLATFORMS.has(platform)) {
      problems.push(`${where}: platform ${String(platform)} is not one the hub announces`);
      continue;
    }
    const uniqueId = pick(component, 'unique_id', 'uniq_id');
    if (typeof uniqueId !== 'string' || uniqueId === '') problems.push(`${where}: unique_id is missing`);
    else if (uniqueIds.has(uniqueId)) problems.push(`${where}: unique_id ${uniqueId} is used twice`);
    else uniqueIds.add(uniqueId);
    const stateTopic = pick(component, 'state_topic', 'stat_t') ?? pick(config, 'state_topic', 'stat_t');
    const attributesTopic = pick(component, 'json_attributes_topic', 'json_attr_t');
    const deviceClass = pick(component, 'device_class', 'dev_cla');
    const unit = pick(component, 'unit_of_measurement', 'unit_of_meas');
    const stateClass = pick(component, 'state_class', 'stat_cla');
    const category = pick(component, 'entity_category', 'ent_cat');
    if (category !== undefined && category !== 'diagnostic')
      problems.push(`${where}: entity_category ${String(category)} is not allowed here`);
    if (platform === 'sensor') {
      if (typeof stateTopic !== 'string') problems.push(`${where}: a sensor needs a state_topic`);
      if (stateClass !== undefined && !STATE_CLASSES.has(String(stateClass)))
        problems.push(`${where}: state_class ${String(stateClass)} does not exist`);
      if (deviceClass !== undefined) {
        const name = String(deviceClass);
        if (!SENSOR_DEVICE_CLASSES.has(name))
          problems.push(`${where}: sensor device class ${name} does not exist`);
        else if (NON_NUMERIC.has(name)) {
          if (unit !== undefined) problems.push(`${where}: a ${name} sensor takes no unit`);
          if (stateClass !== undefined) problems.push(`${where}: a ${name} sensor takes no state class`);
          if (name === 'enum' && !(Array.isArray(component.options) && component.options.length > 0))
            problems.push(`${where}: an enum sensor needs its options`);
        } else {
          const units = SENSOR_DEVICE_CLASS_UNITS.get(name);
          if (units === undefined) problems.push(`${where}: the checker has no unit list for ${name}`);
          else if (!units.has(String(unit)))
            problems.push(`${where}: unit ${String(unit)} is not one of ${name}'s`);
          const allowed = SENSOR_DEVICE_CLASS_STATE_CLASSES.get(name);
          if (stateClass !== undefined && allowed !== undefined && !allowed.has(String(stateClass)))
            problems.push(`${where}: state class ${String(stateClass)} is not allowed for ${name}`);
        }
      } else if (component.options !== undefined) problems.push(`${where}: options belong to enum sensors`);
    }
    if (platform === 'binary_sensor') {
      if (typeof stateTopic !== 'string') problems.push(`${where}: a binary sensor needs a state_topic`);
      if (deviceClass !== undefined && !BINARY_SENSOR_DEVICE_CLASSES.has(String(deviceClass)))
        problems.push(`${where}: binary sensor device class ${String(deviceClass)} does not exist`);
      if (unit !== undefined || stateClass !== undefined)
        problems.push(`${where}: a binary sensor takes no unit or state class`);
    }
    if (platform === 'device_tracker') {
      if (typeof stateTopic !== 'string' && typeof attributesTopic !== 'string')
        problems.push(`${where}: a device tracker needs a state_topic or a json_attributes_topic`);
      const source = pick(component, 'source_type', 'src_type');
      if (source !== undefined && !SOURCE_TYPES.has(String(source)))
        problems.push(`${where}: source_type ${String(source)} does not exist`);
      if (deviceClass !== undefined || unit !== undefined)
        problems.push(`${where}: a device tracker takes no device class or unit`);
    }
  }
  return problems;
}
