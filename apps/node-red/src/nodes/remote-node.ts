import { carDataReadOnlyError } from '@bimmer/cardata/internal';
import { BimmerUnsupportedError, BimmerValidationError, isRemoteOutcomeUnknown } from '@bimmer/core';
import { fillDefaults, migrateConfig } from '../config/config-version';
import type { NodeConfig, NodeRedRuntime, RuntimeNode } from '../node-red/node-red-api';
import { remoteServicesOf, runRemoteCommand } from '../remote/remote-commander';
import { parseRemoteCommand } from '../remote/remote-commands';
import { linkAccount, vinOf } from './account-link';
import { nodeErrorOf } from './node-errors';
import { statusOf } from './node-status';

/** The remote node's type name. */
export const REMOTE_NODE_TYPE = 'bimmer-remote';

/** Defaults of the remote node's properties (configuration version 1). */
export const REMOTE_DEFAULTS = {
  name: '',
  account: '',
  vin: '',
  command: 'lights',
  targetSoc: '',
  acLimit: '',
  lat: '',
  lon: '',
  poiName: '',
} as const;

/**
 * The pace at which a command's progress is asked for: Node-RED's setting
 * `bimmer.remotePollIntervalMs` (settings.js), else the transport's own (the demo's), else BMW
 * app's (3.5 s).
 */
function remotePollIntervalOf(RED: NodeRedRuntime, transportPace: number | undefined): number | undefined {
  const configured = (RED.settings.bimmer as { remotePollIntervalMs?: unknown } | undefined)
    ?.remotePollIntervalMs;
  return typeof configured === 'number' && Number.isFinite(configured) && configured > 0
    ? configured
    : transportPace;
}

/**
 * `bimmer-remote`: sends a MyBMW remote service (lock, unlock, climate, charging, POI, horn, lights,
 * vehicle finder), named by the node or by `msg.payload.command`, with its progress in the node
 * status. It goes through the live account's remote services, so the account refreshes the vehicle
 * afterwards and every node sees the change. Sent once, never repeated on its own; when the outcome
 * cannot be known (the answer was lost), the node says so instead of reporting a failure. Over
 * CarData (read-only) or the hub it fails with the typed `unsupported` error before anything is sent.
 */
export function registerRemoteNode(RED: NodeRedRuntime): void {
  RED.nodes.registerType(REMOTE_NODE_TYPE, function BimmerRemoteNode(this: RuntimeNode, stored: NodeConfig) {
    RED.nodes.createNode(this, stored);
    let config: Readonly<Record<string, unknown>> = stored;
    let configError: Error | undefined;
    try {
      config = migrateConfig(REMOTE_NODE_TYPE, stored, [fillDefaults(REMOTE_DEFAULTS)]).config;
    } catch (error) {
      configError = nodeErrorOf(error);
    }
    let busy = 0;
    const link = linkAccount(RED, this, stored, { statusPaused: () => busy > 0 });
    this.on('input', (msg, send, done) => {
      const fail = (error: unknown) => {
        const nodeError = nodeErrorOf(error);
        msg.bimmerError = { code: nodeError.code, message: nodeError.message };
        done(nodeError);
      };
      void (async () => {
        if (configError !== undefined) throw configError;
        const shared = link.account;
        if (shared === undefined) throw link.problem;
        const command = parseRemoteCommand(msg.payload, {
          command: config.command,
          targetSoc: config.targetSoc,
          acLimit: config.acLimit,
          lat: config.lat,
          lon: config.lon,
          name: config.poiName,
        });
        const transport = shared.settings.transport;
        if (transport === 'cardata') throw carDataReadOnlyError(command.command);
        if (transport === 'hub') {
          throw new BimmerUnsupportedError(
            `Remote commands cannot go through a bimmer hub: "${command.command}" was not sent.`,
            { feature: command.command, hint: 'A hub shares BMW CarData, which is read-only.' },
          );
        }
        const account = await shared.whenOpen();
        const remote = remoteServicesOf(account);
        if (remote === undefined) throw carDataReadOnlyError(command.command);
        let vin = vinOf(msg.vin, config.vin);
        if (vin === '') {
          const vehicles = account.vehicles;
          if (vehicles.length !== 1 || vehicles[0] === undefined) {
            throw new BimmerValidationError(
              vehicles.length === 0
                ? `Choose the vehicle for "${command.command}": no vehicle of this account is known yet (a new account knows them after its first read). Nothing was sent.`
                : `Choose the vehicle for "${command.command}": this account has ${vehicles.length} vehicles. Nothing was sent.`,
              { paths: ['vin'], action: 'check-input' },
            );
          }
          vin = vehicles[0].vin;
        }
        busy++;
        this.status({ fill: 'blue', shape: 'ring', text: `${command.command}: sending` });
        try {
          const outcome = await runRemoteCommand(remote, vin, command, {
            onProgress: (transition) => {
              this.status({ fill: 'blue', shape: 'ring', text: `${command.command}: ${transition.state}` });
            },
            pollIntervalMs: remotePollIntervalOf(RED, shared.remotePollIntervalMs),
          });
          this.status({
            fill: outcome.state === 'EXECUTED' ? 'green' : 'yellow',
            shape: 'dot',
            text: `${command.command}: ${outcome.state}`,
          });
          msg.topic = vin;
          msg.payload = outcome;
          send(msg);
          done();
        } catch (error) {
          this.status(
            isRemoteOutcomeUnknown(error)
              ? { fill: 'yellow', shape: 'ring', text: `${command.command}: outcome unknown` }
              : { fill: 'red', shape: 'ring', text: `${command.command}: failed` },
          );
          throw error;
        } finally {
          busy--;
        }
      })().catch((error: unknown) => {
        if (busy === 0 && link.account !== undefined && !(nodeErrorOf(error).code === 'remote-service')) {
          this.status(statusOf(link.account.view));
        }
        fail(error);
      });
    });
    this.on('close', (_removed, done) => {
      link.close();
      done();
    });
  });
}
