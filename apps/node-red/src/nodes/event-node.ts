import { type LiveChange, type VehicleEvent, VehicleEventTracker } from '@bimmer/core';
import { fillDefaults, migrateConfig } from '../config/config-version';
import {
  ACCOUNT_EVENT_TYPES,
  DOOR_LEFT_OPEN,
  type EventNodeSettings,
  eventNodeSettingsOf,
  SETTINGS_EVENT_TYPES,
} from '../events/event-settings';
import { applyOpening, NO_OPEN_DOORS, type OpenDoors, openSince } from '../events/open-doors';
import type { NodeConfig, NodeRedRuntime, RuntimeNode } from '../node-red/node-red-api';
import { linkAccount, vinOf } from './account-link';
import { nodeErrorOf } from './node-errors';

/** The event node's type name. */
export const EVENT_NODE_TYPE = 'bimmer-event';

/** Defaults of the event node's properties (configuration version 1). */
export const EVENT_DEFAULTS = {
  name: '',
  account: '',
  vin: '',
  types: ['charging-started', 'charging-finished', 'plugged-in', 'trip-ended'],
  geofences: [],
  batteryBelow: '',
  batteryAbove: '',
  doorOpenMinutes: '',
} as const;

/** The event as the node emits it in `msg.payload`: `{ type, vin, at, detail }` with `at` in ISO-8601. */
export interface EventPayload {
  readonly type: string;
  readonly vin: string;
  readonly at: string;
  readonly detail: Readonly<Record<string, unknown>>;
}

/** The plain payload of an event. */
export function eventPayload(
  event: Pick<VehicleEvent, 'vin' | 'at' | 'detail'> & { type: string },
): EventPayload {
  return { type: event.type, vin: event.vin, at: event.at.toISOString(), detail: { ...event.detail } };
}

const ACCOUNT_TYPES: ReadonlySet<string> = new Set(ACCOUNT_EVENT_TYPES);
const SETTINGS_TYPES: ReadonlySet<string> = new Set(SETTINGS_EVENT_TYPES);

/**
 * `bimmer-event`: emits derived vehicle events, `msg.payload` = `{ type, vin, at, detail }`.
 * - The account's own events (charging, plug, locks, doors, lids, trips, services, ...) are core's
 *   derived events as the live account tells them, chosen by type.
 * - Places (`arrived`, `left`) and battery thresholds (`battery-below`, `battery-above`) are set in
 *   the node: each node runs core's `VehicleEventTracker` with its own settings over the account's
 *   `change` snapshots, seeded with the state held when it starts, so several nodes on one account
 *   may watch different places, and a restart tells nothing again.
 * - "Door left open for N minutes" is this node's own timer on top of core's door and lid events.
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
    let settings: EventNodeSettings;
    let tracker: VehicleEventTracker | undefined;
    let wantedVin: string;
    try {
      const { config } = migrateConfig(EVENT_NODE_TYPE, stored, [fillDefaults(EVENT_DEFAULTS)]);
      settings = eventNodeSettingsOf(config);
      tracker =
        settings.events === undefined ? undefined : new VehicleEventTracker({ settings: settings.events });
      wantedVin = vinOf(undefined, config.vin);
    } catch (error) {
      this.error(nodeErrorOf(error));
      return;
    }
    const shared = link.account;
    if (shared === undefined) return;
    const { types, doorOpenMinutes } = settings;
    const concerns = (vin: string) => wantedVin === '' || vin === wantedVin;
    const emit = (event: EventPayload) => {
      if (concerns(event.vin) && types.has(event.type)) this.send({ topic: event.vin, payload: event });
    };

    const openDoors = new Map<string, OpenDoors>();
    const watchDoors = (event: VehicleEvent, minutes: number) => {
      const vin = event.vin;
      const before = openDoors.get(vin) ?? NO_OPEN_DOORS;
      const after = applyOpening(before, event);
      if (after === before) return;
      openDoors.set(vin, after);
      if (after.size === 0) {
        clearTimeout(timers.get(vin));
        timers.delete(vin);
        return;
      }
      if (timers.has(vin)) return;
      const timer = setTimeout(() => {
        timers.delete(vin);
        const open = openDoors.get(vin) ?? NO_OPEN_DOORS;
        const since = openSince(open);
        if (since === undefined) return;
        emit(
          eventPayload({
            type: DOOR_LEFT_OPEN,
            vin,
            at: since,
            detail: { minutes, lids: [...open.keys()] },
          }),
        );
      }, minutes * 60_000);
      timer.unref?.();
      timers.set(vin, timer);
    };

    link.keep(
      shared.on('event', (event) => {
        if (!concerns(event.vin)) return;
        if (ACCOUNT_TYPES.has(event.type)) emit(eventPayload(event));
        if (doorOpenMinutes !== undefined) watchDoors(event, doorOpenMinutes);
      }),
    );

    if (tracker === undefined) return;
    const ownTracker = tracker;
    // What the account holds when the node starts (restored or live) is where watching starts.
    const seed = () => {
      for (const vehicle of shared.account?.vehicles ?? []) ownTracker.seed(vehicle.snapshot);
    };
    seed();
    link.keep(shared.on('ready', seed));
    link.keep(
      shared.on('change', (change: LiveChange) => {
        if (!concerns(change.vin)) return;
        try {
          for (const event of ownTracker.track(change.snapshot)) {
            if (SETTINGS_TYPES.has(event.type)) emit(eventPayload(event));
          }
        } catch (error) {
          this.error(nodeErrorOf(error));
        }
      }),
    );
  });
}
