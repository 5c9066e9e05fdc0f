import { BimmerValidationError, type LiveChange, type LiveVehicle } from '@bimmer/core';
import { fillDefaults, migrateConfig } from '../config/config-version';
import { fieldEntry } from '../fields/field-catalogue';
import { isLeafObject, pickPaths, valueAtPath } from '../fields/json-paths';
import type { NodeConfig, NodeMessage, NodeRedRuntime, RuntimeNode } from '../node-red/node-red-api';
import { linkAccount, vinOf } from './account-link';
import { nodeErrorOf } from './node-errors';
import { type MessageSource, vehicleMessageFields } from './vehicle-message';

/** The watch node's type name. */
export const WATCH_NODE_TYPE = 'bimmer-watch';

/** What the watch node emits: the whole JSON form, only the changed fields, or one field's value. */
export type WatchOutput = 'json' | 'changes' | 'field';

/** Defaults of the watch node's properties (configuration version 1). */
export const WATCH_DEFAULTS = {
  name: '',
  account: '',
  vin: '',
  output: 'json',
  field: 'fuelAndBattery.remainingBatteryPercent',
  emitOnStart: false,
} as const;

/** True when a change of `changed` touches `field` (the field itself, a part of it, or its block). */
export function touches(changed: readonly string[], field: string): boolean {
  return changed.some(
    (path) => path === field || path.startsWith(`${field}.`) || field.startsWith(`${path}.`),
  );
}

/** The message of one watch emission, or undefined when this change does not concern the node. */
export function watchMessage(
  vehicle: LiveVehicle,
  changed: readonly string[] | undefined,
  output: WatchOutput,
  field: string,
  source: MessageSource | undefined,
  now: number = Date.now(),
): NodeMessage | undefined {
  const fields = vehicleMessageFields(vehicle, now, source);
  const message: NodeMessage = { ...fields };
  if (changed !== undefined) message.changed = [...changed];
  if (output === 'json') return message;
  if (output === 'changes') {
    if (changed === undefined) return message;
    message.payload = pickPaths(fields.payload, changed);
    return message;
  }
  if (changed !== undefined && !touches(changed, field)) return undefined;
  const value = valueAtPath(fields.payload, field);
  if (value === undefined) return undefined;
  const entry = fieldEntry(field);
  message.field = field;
  if (isLeafObject(value) && typeof value === 'object' && value !== null && 'unit' in value) {
    const withUnit = value as { value: unknown; unit: unknown };
    message.payload = withUnit.value;
    message.unit = withUnit.unit;
  } else {
    message.payload = value;
    if (entry?.unit !== undefined) message.unit = entry.unit;
  }
  const time = fields.fieldTimes[field];
  if (time !== undefined) message.at = time.at;
  return message;
}

/**
 * `bimmer-watch`: emits when a vehicle changes (no input needed): the whole JSON form, only the
 * changed fields, or one chosen field's value; optionally the restored state once at start.
 */
export function registerWatchNode(RED: NodeRedRuntime): void {
  RED.nodes.registerType(WATCH_NODE_TYPE, function BimmerWatchNode(this: RuntimeNode, stored: NodeConfig) {
    RED.nodes.createNode(this, stored);
    const link = linkAccount(RED, this, stored);
    this.on('close', (_removed, done) => {
      link.close();
      done();
    });
    let config: Readonly<Record<string, unknown>>;
    try {
      config = migrateConfig(WATCH_NODE_TYPE, stored, [fillDefaults(WATCH_DEFAULTS)]).config;
      if (!['json', 'changes', 'field'].includes(String(config.output))) {
        throw new BimmerValidationError(
          `Unknown output ${JSON.stringify(config.output)}: use json, changes or field.`,
          {
            paths: ['output'],
            action: 'check-input',
          },
        );
      }
    } catch (error) {
      this.error(nodeErrorOf(error));
      return;
    }
    const shared = link.account;
    if (shared === undefined) return;
    const wantedVin = vinOf(undefined, config.vin);
    const output = config.output as WatchOutput;
    const field = typeof config.field === 'string' ? config.field : '';
    const emit = (
      vehicle: LiveVehicle,
      changed: readonly string[] | undefined,
      source: MessageSource | undefined,
    ) => {
      if (wantedVin !== '' && vehicle.vin !== wantedVin) return;
      try {
        const message = watchMessage(vehicle, changed, output, field, source);
        if (message !== undefined) this.send(message);
      } catch (error) {
        this.error(nodeErrorOf(error));
      }
    };
    link.keep(
      shared.on('change', (change: LiveChange) => {
        const vehicle = shared.account?.getVehicle(change.vin) ?? liveVehicleOf(change);
        emit(
          vehicle,
          change.changes.map((entry) => entry.path),
          change.channel,
        );
      }),
    );
    if (config.emitOnStart === true) {
      let emitted = false;
      const emitRestored = () => {
        if (emitted) return;
        emitted = true;
        for (const vehicle of shared.account?.vehicles ?? []) emit(vehicle, undefined, undefined);
      };
      if (shared.account !== undefined) setImmediate(emitRestored);
      else link.keep(shared.on('ready', () => emitRestored()));
    }
  });
}

/** A vehicle view of a change's snapshot, for a change that arrives before the account is open. */
function liveVehicleOf(change: LiveChange): LiveVehicle {
  return {
    vin: change.vin,
    snapshot: change.snapshot,
    restored: false,
    ageOf: () => undefined,
    staleSince: undefined,
  };
}
