import { BimmerNotFoundError, type LiveVehicle } from '@bimmer/core';
import { fillDefaults, migrateConfig } from '../config/config-version';
import type { NodeConfig, NodeMessage, NodeRedRuntime, RuntimeNode } from '../node-red/node-red-api';
import { linkAccount, vinOf } from './account-link';
import { nodeErrorOf } from './node-errors';
import { vehicleMessageFields } from './vehicle-message';

/** The vehicle node's type name. */
export const VEHICLE_NODE_TYPE = 'bimmer-vehicle';

/** Defaults of the vehicle node's properties (configuration version 1). */
export const VEHICLE_DEFAULTS = { name: '', account: '', vin: '', refresh: false } as const;

/**
 * `bimmer-vehicle`: on input, emits the current snapshot of the vehicle (or of every vehicle) from
 * the live state, spending no call; with `msg.refresh === true` or the node's `refresh` option it
 * reads over REST first (`refresh(vin, { reason: 'flow' })`), which spends budget: when the budget
 * cannot pay for it the account refuses before sending anything, and the typed quota error (with
 * `retryAt` in `msg.bimmerError`) goes to `done(err)`.
 */
export function registerVehicleNode(RED: NodeRedRuntime): void {
  RED.nodes.registerType(
    VEHICLE_NODE_TYPE,
    function BimmerVehicleNode(this: RuntimeNode, stored: NodeConfig) {
      RED.nodes.createNode(this, stored);
      let config: Readonly<Record<string, unknown>> = stored;
      let configError: Error | undefined;
      try {
        config = migrateConfig(VEHICLE_NODE_TYPE, stored, [fillDefaults(VEHICLE_DEFAULTS)]).config;
      } catch (error) {
        configError = nodeErrorOf(error);
      }
      const link = linkAccount(RED, this, stored);
      this.on('input', (msg, send, done) => {
        const fail = (error: unknown) => {
          const nodeError = nodeErrorOf(error);
          msg.bimmerError = {
            code: nodeError.code,
            message: nodeError.message,
            ...(nodeError.retryAt === undefined ? {} : { retryAt: nodeError.retryAt }),
          };
          done(nodeError);
        };
        if (configError !== undefined) return fail(configError);
        const shared = link.account;
        if (shared === undefined) return fail(link.problem);
        const vin = vinOf(msg.vin, config.vin);
        const refresh = msg.refresh === true || config.refresh === true;
        void (async () => {
          const account = await shared.whenOpen();
          let vehicles: readonly LiveVehicle[];
          if (refresh) {
            vehicles = await account.refresh(vin === '' ? undefined : vin, { reason: 'flow' });
          } else if (vin !== '') {
            const vehicle = account.getVehicle(vin);
            vehicles = vehicle === undefined ? [] : [vehicle];
          } else {
            vehicles = account.vehicles;
          }
          if (vin !== '' && vehicles.length === 0) {
            throw new BimmerNotFoundError(`Vehicle ${vin} is not on this account (yet).`, {
              action: 'check-vin',
            });
          }
          const now = Date.now();
          const messages = vehicles.map((vehicle, index) => {
            const out: NodeMessage = index === vehicles.length - 1 ? msg : cloneMessage(RED, msg);
            Object.assign(out, vehicleMessageFields(vehicle, now, refresh ? 'rest' : undefined));
            delete out.refresh;
            return out;
          });
          for (const message of messages) send(message);
          done();
        })().catch(fail);
      });
      this.on('close', (_removed, done) => {
        link.close();
        done();
      });
    },
  );
}

/** A copy of a message for a second output (Node-RED's own clone keeps `req`/`res` shared). */
export function cloneMessage(RED: NodeRedRuntime, message: NodeMessage): NodeMessage {
  const clone = (RED as { util?: { cloneMessage?: (m: NodeMessage) => NodeMessage } }).util?.cloneMessage;
  return clone === undefined ? structuredClone(message) : clone(message);
}
