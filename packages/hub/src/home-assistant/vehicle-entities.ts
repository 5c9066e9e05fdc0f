import { ChargingState, ClimateActivityState, LiveConnectionStateValues, LockState } from './enum-options';

/** The Home Assistant platforms the hub announces. */
export type HomeAssistantPlatform = 'sensor' | 'binary_sensor' | 'device_tracker';

/**
 * One Home Assistant entity of a vehicle, read from one of the hub's topics. `source` says which:
 * a per-field topic (`field`, by dot path; announced only when the vehicle has that field) or a
 * hub-wide topic (`connection`, `budget`).
 */
export interface VehicleEntity {
  /** Unique within the vehicle: the component id and the end of the unique id. */
  readonly key: string;
  readonly name: string;
  readonly platform: HomeAssistantPlatform;
  readonly source: { readonly field: string } | { readonly hub: 'connection' | 'budget' };
  readonly deviceClass?: string | undefined;
  readonly unit?: string | undefined;
  readonly stateClass?: 'measurement' | 'total' | 'total_increasing' | undefined;
  /** Jinja template over the topic's JSON payload. */
  readonly valueTemplate?: string | undefined;
  /** The states of an `enum` sensor. */
  readonly options?: readonly string[] | undefined;
  readonly icon?: string | undefined;
  readonly diagnostic?: boolean | undefined;
}

const VALUE = '{{ value_json.value }}';
const ON_IF_TRUE = "{{ 'ON' if value_json.value else 'OFF' }}";
/** A binary sensor's `None` payload makes the state unknown instead of guessing. */
const LID_OPEN =
  "{% if value_json.value == 'CLOSED' %}OFF{% elif value_json.value in ['UNKNOWN', 'INVALID'] %}None{% else %}ON{% endif %}";
/** Home Assistant's lock class: on means unlocked. */
const UNLOCKED =
  "{% if value_json.value in ['LOCKED', 'SECURED', 'SELECTIVE_LOCKED'] %}OFF{% elif value_json.value in ['UNLOCKED', 'PARTIALLY_LOCKED'] %}ON{% else %}None{% endif %}";
const ANY_NOT_OK =
  "{{ 'ON' if value_json.value | selectattr('state', 'ne', 'OK') | list | length > 0 else 'OFF' }}";

/** The entities every vehicle may have, each announced when its field is known. */
export const VEHICLE_ENTITIES: readonly VehicleEntity[] = [
  {
    key: 'battery',
    name: 'Battery',
    platform: 'sensor',
    source: { field: 'fuelAndBattery.remainingBatteryPercent' },
    deviceClass: 'battery',
    unit: '%',
    stateClass: 'measurement',
    valueTemplate: VALUE,
  },
  {
    key: 'range_electric',
    name: 'Electric range',
    platform: 'sensor',
    source: { field: 'fuelAndBattery.remainingRangeElectric' },
    deviceClass: 'distance',
    unit: 'km',
    stateClass: 'measurement',
    valueTemplate: VALUE,
  },
  {
    key: 'range_fuel',
    name: 'Fuel range',
    platform: 'sensor',
    source: { field: 'fuelAndBattery.remainingRangeFuel' },
    deviceClass: 'distance',
    unit: 'km',
    stateClass: 'measurement',
    valueTemplate: VALUE,
  },
  {
    key: 'range_total',
    name: 'Total range',
    platform: 'sensor',
    source: { field: 'fuelAndBattery.remainingRangeTotal' },
    deviceClass: 'distance',
    unit: 'km',
    stateClass: 'measurement',
    valueTemplate: VALUE,
  },
  {
    key: 'mileage',
    name: 'Mileage',
    platform: 'sensor',
    source: { field: 'mileage' },
    deviceClass: 'distance',
    unit: 'km',
    stateClass: 'total_increasing',
    valueTemplate: VALUE,
    icon: 'mdi:counter',
  },
  {
    key: 'fuel',
    name: 'Fuel',
    platform: 'sensor',
    source: { field: 'fuelAndBattery.remainingFuel' },
    deviceClass: 'volume_storage',
    unit: 'L',
    stateClass: 'measurement',
    valueTemplate: VALUE,
  },
  {
    key: 'fuel_percent',
    name: 'Fuel level',
    platform: 'sensor',
    source: { field: 'fuelAndBattery.remainingFuelPercent' },
    unit: '%',
    stateClass: 'measurement',
    valueTemplate: VALUE,
    icon: 'mdi:gas-station',
  },
  {
    key: 'charging_status',
    name: 'Charging status',
    platform: 'sensor',
    source: { field: 'fuelAndBattery.chargingStatus' },
    deviceClass: 'enum',
    options: ChargingState,
    valueTemplate: VALUE,
    icon: 'mdi:ev-station',
  },
  {
    key: 'charging',
    name: 'Charging',
    platform: 'binary_sensor',
    source: { field: 'fuelAndBattery.chargingStatus' },
    deviceClass: 'battery_charging',
    valueTemplate: "{{ 'ON' if value_json.value == 'CHARGING' else 'OFF' }}",
  },
  {
    key: 'plug',
    name: 'Charging plug',
    platform: 'binary_sensor',
    source: { field: 'fuelAndBattery.isChargerConnected' },
    deviceClass: 'plug',
    valueTemplate: ON_IF_TRUE,
  },
  {
    key: 'charging_target',
    name: 'Charging target',
    platform: 'sensor',
    source: { field: 'fuelAndBattery.chargingTarget' },
    unit: '%',
    stateClass: 'measurement',
    valueTemplate: VALUE,
    icon: 'mdi:battery-charging-high',
  },
  {
    key: 'charging_end',
    name: 'Charging end',
    platform: 'sensor',
    source: { field: 'fuelAndBattery.chargingEndTime' },
    deviceClass: 'timestamp',
    valueTemplate: VALUE,
  },
  {
    key: 'ac_limit',
    name: 'AC charging limit',
    platform: 'sensor',
    source: { field: 'chargingProfile.acCurrentLimit' },
    deviceClass: 'current',
    unit: 'A',
    stateClass: 'measurement',
    valueTemplate: VALUE,
    diagnostic: true,
  },
  {
    key: 'lock',
    name: 'Lock',
    platform: 'binary_sensor',
    source: { field: 'doorsAndWindows.doorLockState' },
    deviceClass: 'lock',
    valueTemplate: UNLOCKED,
  },
  {
    key: 'lock_state',
    name: 'Lock state',
    platform: 'sensor',
    source: { field: 'doorsAndWindows.doorLockState' },
    deviceClass: 'enum',
    options: LockState,
    valueTemplate: VALUE,
    icon: 'mdi:car-key',
  },
  {
    key: 'location',
    name: 'Location',
    platform: 'device_tracker',
    source: { field: 'vehicleLocation.location' },
    icon: 'mdi:car',
  },
  {
    key: 'climate',
    name: 'Climate',
    platform: 'sensor',
    source: { field: 'climate.activity' },
    deviceClass: 'enum',
    options: ClimateActivityState,
    valueTemplate: VALUE,
    icon: 'mdi:air-conditioner',
  },
  {
    key: 'service_required',
    name: 'Service required',
    platform: 'binary_sensor',
    source: { field: 'conditionBasedServices.messages' },
    deviceClass: 'problem',
    valueTemplate: ANY_NOT_OK,
    icon: 'mdi:car-wrench',
  },
  {
    key: 'check_control',
    name: 'Check-control messages',
    platform: 'binary_sensor',
    source: { field: 'checkControlMessages.messages' },
    deviceClass: 'problem',
    valueTemplate: ANY_NOT_OK,
  },
  {
    key: 'stream',
    name: 'BMW stream',
    platform: 'sensor',
    source: { hub: 'connection' },
    deviceClass: 'enum',
    options: LiveConnectionStateValues,
    valueTemplate: '{{ value_json.state }}',
    icon: 'mdi:lan-connect',
    diagnostic: true,
  },
  {
    key: 'rest_calls_left',
    name: 'REST calls left',
    platform: 'sensor',
    source: { hub: 'budget' },
    unit: 'calls',
    stateClass: 'measurement',
    valueTemplate: '{{ value_json.left }}',
    icon: 'mdi:counter',
    diagnostic: true,
  },
];

const DOOR_NAMES: Readonly<Record<string, string>> = {
  leftFront: 'Door front left',
  rightFront: 'Door front right',
  leftRear: 'Door rear left',
  rightRear: 'Door rear right',
};

/** Words of a camel-case name: `sunRoof` → `sun roof`. */
function words(name: string): string {
  return name.replace(/([a-z0-9])([A-Z])/g, '$1 $2').toLowerCase();
}

/** A key for a component id: letters, digits and `_` only. */
function keyOf(name: string): string {
  return words(name).replace(/[^a-z0-9]+/g, '_');
}

/**
 * The entities of a vehicle's lids (doors, hood, trunk, sunroof) and windows, one binary sensor
 * each, for the names the vehicle reports (`doorsAndWindows.lids.<name>`).
 */
export function openingEntities(lids: readonly string[], windows: readonly string[]): VehicleEntity[] {
  const entities: VehicleEntity[] = [];
  for (const name of lids) {
    const door = DOOR_NAMES[name];
    const roof = name.toLowerCase().includes('roof');
    const label =
      door ?? (roof ? 'Sunroof' : `${words(name).charAt(0).toUpperCase()}${words(name).slice(1)}`);
    entities.push({
      key: `lid_${keyOf(name)}`,
      name: label,
      platform: 'binary_sensor',
      source: { field: `doorsAndWindows.lids.${name}` },
      deviceClass: door !== undefined ? 'door' : roof ? 'window' : 'opening',
      valueTemplate: LID_OPEN,
    });
  }
  for (const name of windows) {
    const door = DOOR_NAMES[name];
    entities.push({
      key: `window_${keyOf(name)}`,
      name: door === undefined ? `Window ${words(name)}` : door.replace('Door', 'Window'),
      platform: 'binary_sensor',
      source: { field: `doorsAndWindows.windows.${name}` },
      deviceClass: 'window',
      valueTemplate: LID_OPEN,
    });
  }
  return entities;
}
