import { BimmerValidationError, type Geofence, type VehicleEventSettings } from '@bimmer/core';

/** Events the account derives by itself (the shared vocabulary of every bimmer adapter). */
export const ACCOUNT_EVENT_TYPES = [
  'plugged-in',
  'unplugged',
  'charging-started',
  'charging-stopped',
  'charging-finished',
  'locked',
  'unlocked',
  'door-opened',
  'door-closed',
  'window-opened',
  'window-closed',
  'lid-opened',
  'lid-closed',
  'trip-started',
  'trip-ended',
  'service-due',
  'check-control-message',
] as const;

/**
 * Events of core's vocabulary that depend on settings made in the event node (its places and
 * battery thresholds): each node derives them with its own settings, so two nodes on one account
 * may use different places without reopening the account.
 */
export const SETTINGS_EVENT_TYPES = ['arrived', 'left', 'battery-below', 'battery-above'] as const;

/** The node's own rule on top of core's events: a door, the trunk or the hood open for N minutes. */
export const DOOR_LEFT_OPEN = 'door-left-open';

/** Every event type the node offers. */
export const EVENT_NODE_TYPES: readonly string[] = [
  ...ACCOUNT_EVENT_TYPES,
  ...SETTINGS_EVENT_TYPES,
  DOOR_LEFT_OPEN,
];

/** What an event node derives and emits, read from its configuration. */
export interface EventNodeSettings {
  /** The chosen event types. */
  readonly types: ReadonlySet<string>;
  /** Places and thresholds for core's derived events; undefined when no chosen type needs them. */
  readonly events: VehicleEventSettings | undefined;
  /** Minutes after which an open door counts as left open; undefined unless `door-left-open` is chosen. */
  readonly doorOpenMinutes: number | undefined;
}

function optionalNumber(value: unknown, path: string, min: number, max: number): number | undefined {
  if (value === undefined || value === null || value === '') return undefined;
  const number = typeof value === 'number' ? value : Number(value);
  if (!Number.isFinite(number) || number < min || number > max) {
    throw new BimmerValidationError(`${path} must be a number from ${min} to ${max}.`, {
      paths: [path],
      action: 'check-input',
    });
  }
  return number;
}

/** Reads the geofences of the node (`[{ name, lat, lon, radius }]` as the editor stores them). */
export function geofencesOf(value: unknown): Geofence[] {
  if (value === undefined || value === null || value === '') return [];
  if (!Array.isArray(value)) {
    throw new BimmerValidationError('geofences must be a list.', {
      paths: ['geofences'],
      action: 'check-input',
    });
  }
  return value.map((raw, index) => {
    const fence = (raw ?? {}) as Record<string, unknown>;
    const name = typeof fence.name === 'string' ? fence.name.trim() : '';
    const latitude = optionalNumber(fence.lat, `geofences.${index}.lat`, -90, 90);
    const longitude = optionalNumber(fence.lon, `geofences.${index}.lon`, -180, 180);
    const radius = optionalNumber(fence.radius, `geofences.${index}.radius`, 1, 1_000_000);
    if (name === '' || latitude === undefined || longitude === undefined || radius === undefined) {
      throw new BimmerValidationError(`Geofence ${index + 1} needs a name, lat, lon and radius.`, {
        paths: [`geofences.${index}`],
        action: 'check-input',
      });
    }
    return { name, center: { latitude, longitude }, radiusMeters: radius };
  });
}

function threshold(types: ReadonlySet<string>, type: string, value: unknown, path: string): number[] {
  if (!types.has(type)) return [];
  const number = optionalNumber(value, path, 0, 100);
  if (number === undefined) {
    throw new BimmerValidationError(`Enter the percentage for "${type}".`, {
      paths: [path],
      action: 'check-input',
    });
  }
  return [number];
}

/**
 * Reads an event node's configuration (already migrated): the chosen types, the places and
 * thresholds as core's `VehicleEventSettings`, and the minutes of the door rule. A chosen type
 * without its setting (no place for `arrived`, no percentage for `battery-below`) is refused, so a
 * node never waits silently for an event it cannot derive.
 *
 * @throws BimmerValidationError naming the setting.
 */
export function eventNodeSettingsOf(config: Readonly<Record<string, unknown>>): EventNodeSettings {
  const types = new Set(Array.isArray(config.types) ? config.types.map(String) : []);
  const unknown = [...types].filter((type) => !EVENT_NODE_TYPES.includes(type));
  if (unknown.length > 0) {
    throw new BimmerValidationError(`Unknown event type ${JSON.stringify(unknown[0])}.`, {
      paths: ['types'],
      action: 'check-input',
    });
  }
  const wantsPlaces = types.has('arrived') || types.has('left');
  const geofences = wantsPlaces ? geofencesOf(config.geofences) : [];
  if (wantsPlaces && geofences.length === 0) {
    throw new BimmerValidationError('Add a place for "arrived" and "left".', {
      paths: ['geofences'],
      action: 'check-input',
    });
  }
  const batteryBelow = threshold(types, 'battery-below', config.batteryBelow, 'batteryBelow');
  const batteryAbove = threshold(types, 'battery-above', config.batteryAbove, 'batteryAbove');
  const needsSettings = SETTINGS_EVENT_TYPES.some((type) => types.has(type));
  const doorOpenMinutes = types.has(DOOR_LEFT_OPEN)
    ? optionalNumber(config.doorOpenMinutes, 'doorOpenMinutes', 0.01, 24 * 60)
    : undefined;
  if (types.has(DOOR_LEFT_OPEN) && doorOpenMinutes === undefined) {
    throw new BimmerValidationError('Enter the minutes for "door left open".', {
      paths: ['doorOpenMinutes'],
      action: 'check-input',
    });
  }
  return {
    types,
    events: needsSettings ? { geofences, batteryBelow, batteryAbove } : undefined,
    doorOpenMinutes,
  };
}
