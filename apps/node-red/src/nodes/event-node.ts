import {
  BimmerValidationError,
  type Geofence,
  type LiveChange,
  type VehicleEvent,
  type VehicleJSON,
  vehicleToJSON,
} from '@bimmer/core';
import { fillDefaults, migrateConfig } from '../config/config-version';
import {
  applyNodeEventRules,
  EMPTY_RULE_STATE,
  type NodeEventRules,
  type RuleState,
} from '../events/node-event-rules';
import type { NodeConfig, NodeRedRuntime, RuntimeNode } from '../node-red/node-red-api';
import { linkAccount, vinOf } from './account-link';
import { nodeErrorOf } from './node-errors';

/** The event node's type name. */
export const EVENT_NODE_TYPE = 'bimmer-event';

/** Events the account derives (the shared vocabulary of every bimmer adapter). */
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

/** Events this node derives from its own settings (geofences, threshold, timer). */
export const NODE_EVENT_TYPES = ['arrived', 'left', 'battery-below', 'door-left-open'] as const;

/** Defaults of the event node's properties (configuration version 1). */
export const EVENT_DEFAULTS = {
  name: '',
  account: '',
  vin: '',
  types: ['charging-started', 'charging-finished', 'plugged-in', 'trip-ended'],
  geofences: [],
  batteryBelow: '',
  doorOpenMinutes: '',
} as const;

/** The event as the node emits it in `msg.payload`: `{ type, vin, at, detail }` with `at` in ISO-8601. */
export interface EventPayload {
  readonly type: string;
  readonly vin: string;
  readonly at: string;
  readonly detail: Readonly<Record<string, unknown>>;
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

/** Reads the geofences of the node (`[{ name, lat, lon, radius }]`), refusing incomplete ones. */
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

/** The plain payload of an event. */
export function eventPayload(event: VehicleEvent): EventPayload {
  return { type: event.type, vin: event.vin, at: event.at.toISOString(), detail: { ...event.detail } };
}

function timeOf(json: VehicleJSON, path: string): Date {
  const at = json.fieldTimes?.[path]?.at ?? json.fieldTimes?.[path.split('.')[0] ?? '']?.at ?? json.fetchedAt;
  return new Date(at);
}

/**
 * `bimmer-event`: emits derived vehicle events, `msg.payload` = `{ type, vin, at, detail }`. The
 * account's events (charging, plug, locks, doors, trips, ...) are chosen by type; geofences, a battery
 * threshold and "door left open for N minutes" are set in the node itself.
 */
export function registerEventNode(RED: NodeRedRuntime): void {
  RED.nodes.registerType(EVENT_NODE_TYPE, function BimmerEventNode(this: RuntimeNode, stored: NodeConfig) {
    RED.nodes.createNode(this, stored);
    const link = linkAccount(RED, this, stored);
    const timers = new Map<string, NodeJS.Timeout>();
    this.on('close', (_removed, done) => {
      link.close();
      for (const timer of timers.values()) clearTimeout(timer);
      timers.clear();
      done();
    });
    let types: Set<string>;
    let rules: NodeEventRules;
    let doorOpenMinutes: number | undefined;
    let wantedVin: string;
    try {
      const { config } = migrateConfig(EVENT_NODE_TYPE, stored, [fillDefaults(EVENT_DEFAULTS)]);
      types = new Set(Array.isArray(config.types) ? config.types.map(String) : []);
      rules = {
        geofences: types.has('arrived') || types.has('left') ? geofencesOf(config.geofences) : [],
        batteryBelow: types.has('battery-below')
          ? optionalNumber(config.batteryBelow, 'batteryBelow', 1, 100)
          : undefined,
        hysteresis: 2,
      };
      doorOpenMinutes = types.has('door-left-open')
        ? optionalNumber(config.doorOpenMinutes, 'doorOpenMinutes', 0.01, 24 * 60)
        : undefined;
      wantedVin = vinOf(undefined, config.vin);
    } catch (error) {
      this.error(nodeErrorOf(error));
      return;
    }
    const shared = link.account;
    if (shared === undefined) return;
    const emit = (event: VehicleEvent) => {
      if (wantedVin !== '' && event.vin !== wantedVin) return;
      if (!types.has(event.type)) return;
      this.send({ topic: event.vin, payload: eventPayload(event) });
    };
    link.keep(shared.on('event', emit));

    const ruleStates = new Map<string, RuleState>();
    const onChange = (change: Pick<LiveChange, 'vin' | 'snapshot'>) => {
      const json = vehicleToJSON(change.snapshot);
      const location = json.vehicleLocation?.location;
      const percent = json.fuelAndBattery?.remainingBatteryPercent;
      const { state, events } = applyNodeEventRules(
        ruleStates.get(change.vin) ?? EMPTY_RULE_STATE,
        {
          vin: change.vin,
          location:
            location === undefined
              ? undefined
              : { value: location, at: timeOf(json, 'vehicleLocation.location') },
          batteryPercent:
            percent === undefined
              ? undefined
              : { value: percent, at: timeOf(json, 'fuelAndBattery.remainingBatteryPercent') },
        },
        rules,
      );
      ruleStates.set(change.vin, state);
      for (const event of events) emit(event);
      if (doorOpenMinutes !== undefined) watchDoors(change.vin, json, doorOpenMinutes);
    };
    const watchDoors = (vin: string, json: VehicleJSON, minutes: number) => {
      const open = json.doorsAndWindows?.openLids ?? [];
      if (open.length === 0) {
        clearTimeout(timers.get(vin));
        timers.delete(vin);
        return;
      }
      if (timers.has(vin)) return;
      const openedAt = timeOf(json, 'doorsAndWindows');
      const timer = setTimeout(() => {
        timers.delete(vin);
        const current = shared.account?.getVehicle(vin);
        const still =
          current === undefined ? [] : (vehicleToJSON(current.snapshot).doorsAndWindows?.openLids ?? []);
        if (still.length === 0) return;
        emit({
          type: 'door-left-open' as VehicleEvent['type'],
          vin,
          at: openedAt,
          detail: { minutes, lids: still.map((lid) => lid.name) },
        });
      }, minutes * 60_000);
      timer.unref?.();
      timers.set(vin, timer);
    };
    // The state held at start (restored or live) is the baseline: nothing is replayed.
    const seed = () => {
      for (const vehicle of shared.account?.vehicles ?? []) {
        if (!ruleStates.has(vehicle.vin)) onChange({ vin: vehicle.vin, snapshot: vehicle.snapshot });
      }
    };
    if (shared.account !== undefined) seed();
    link.keep(shared.on('ready', seed));
    link.keep(
      shared.on('change', (change) => {
        try {
          onChange(change);
        } catch (error) {
          this.error(nodeErrorOf(error));
        }
      }),
    );
  });
}
