import { ACCOUNT_CREDENTIALS, type AccountSettings, accountSettingsOf } from '../config/account-settings';
import type { NodeConfig, NodeRedRuntime, RuntimeNode } from '../node-red/node-red-api';
import { removeAccountFiles } from '../runtime/account-files';
import type { BimmerRuntime } from '../runtime/bimmer-runtime';
import type { SharedAccount } from '../runtime/shared-account';
import { nodeErrorOf } from './node-errors';

/** The config node's type name. */
export const ACCOUNT_NODE_TYPE = 'bimmer-account';

/** An account node as the other nodes see it through `RED.nodes.getNode(config.account)`. */
export interface AccountNode extends RuntimeNode {
  /** The shared live account; undefined when the settings are invalid (`bimmerError` says why). */
  bimmerAccount?: SharedAccount | undefined;
  bimmerError?: Error | undefined;
  bimmerSettings?: AccountSettings | undefined;
}

/**
 * `bimmer-account`: one live account per config node, shared by every node that uses it and kept
 * across deploys that leave it unchanged. Its login (tokens) and state live in
 * `<userDir>/bimmer/<node id>/`; deleting the node (close with `removed`) deletes that folder.
 */
export function registerAccountNode(RED: NodeRedRuntime, runtime: BimmerRuntime): void {
  RED.nodes.registerType(
    ACCOUNT_NODE_TYPE,
    function BimmerAccountNode(this: RuntimeNode, config: NodeConfig) {
      RED.nodes.createNode(this, config);
      const node = this as AccountNode;
      const id = node.id;
      let shared: SharedAccount | undefined;
      let unsubscribeWarnings: (() => void) | undefined;
      try {
        const settings = accountSettingsOf(config, node.credentials ?? {});
        node.bimmerSettings = settings;
        shared = runtime.registry.acquire(id, settings, {
          userDir: runtime.userDir(),
          log: { warn: (message) => node.warn(message) },
        });
        node.bimmerAccount = shared;
        // What the live account warns about (a skipped read, a state file kept aside, a malformed
        // message) goes to Node-RED's log, until the node has closed; warnings never carry a secret.
        const offWarnings = shared.on('warning', (warning) => node.warn(`bimmer: ${warning.message}`));
        // An account that cannot go on by itself (BMW blocks the client, refuses the login) says why
        // and what to do, once per failure: the node statuses have room for a few words only.
        const offConnection = shared.on('connection', (connection) => {
          if (connection.state === 'failed' && connection.reason !== undefined)
            node.warn(`bimmer: ${connection.reason}`);
        });
        unsubscribeWarnings = () => {
          offWarnings();
          offConnection();
        };
      } catch (error) {
        node.bimmerError = nodeErrorOf(error);
        node.error(node.bimmerError);
      }
      node.on('close', (removed, done) => {
        const userDir = runtime.userDir();
        const release =
          shared === undefined ? Promise.resolve() : runtime.registry.release(id, shared, removed);
        release
          .then(async () => {
            if (!removed) return;
            runtime.logins.forget(id);
            await removeAccountFiles(userDir, id);
          })
          .catch((error: unknown) => node.warn(`Closing the account failed: ${nodeErrorOf(error).message}`))
          .finally(() => {
            unsubscribeWarnings?.();
            done();
          });
      });
    },
    { credentials: { ...ACCOUNT_CREDENTIALS } },
  );
}
