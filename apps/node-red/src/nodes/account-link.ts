import { BimmerValidationError } from '@bimmer/core';
import type { NodeConfig, NodeRedRuntime, RuntimeNode } from '../node-red/node-red-api';
import type { SharedAccount } from '../runtime/shared-account';
import type { AccountNode } from './account-node';
import { nodeErrorOf } from './node-errors';
import { statusOf } from './node-status';

/** A node's link to its account node: the shared account (or why there is none) and the cleanup. */
export interface AccountLink {
  readonly account: SharedAccount | undefined;
  /** Why there is no account (no account chosen, invalid account settings). */
  readonly problem: Error | undefined;
  /** Adds an unsubscribe to run when the node closes. */
  keep(unsubscribe: () => void): void;
  /** Runs every unsubscribe (call from the node's close handler). */
  close(): void;
}

/**
 * Links a node to the account node named by its `account` property and keeps the node's status
 * in step with the account (connection, last update, budget). Several nodes on one account share
 * one live account: linking adds no call and no connection.
 */
export function linkAccount(
  RED: NodeRedRuntime,
  node: RuntimeNode,
  config: NodeConfig,
  options: { statusPaused?: (() => boolean) | undefined } = {},
): AccountLink {
  const cleanups: (() => void)[] = [];
  const accountId = typeof config.account === 'string' ? config.account : '';
  const accountNode = (accountId === '' ? null : RED.nodes.getNode(accountId)) as AccountNode | null;
  const account = accountNode?.bimmerAccount;
  let problem: Error | undefined;
  if (account === undefined) {
    problem =
      accountNode?.bimmerError ??
      nodeErrorOf(
        new BimmerValidationError('Choose a bimmer account for this node (property "account").', {
          paths: ['account'],
          action: 'check-input',
        }),
      );
    node.status({ fill: 'red', shape: 'ring', text: accountNode === null ? 'no account' : 'check account' });
  } else {
    node.status(statusOf(account.view));
    cleanups.push(
      account.on('view', (view) => {
        if (options.statusPaused?.() !== true) node.status(statusOf(view));
      }),
    );
  }
  return {
    account,
    problem,
    keep: (unsubscribe) => cleanups.push(unsubscribe),
    close: () => {
      for (const cleanup of cleanups.splice(0)) cleanup();
    },
  };
}

/** The VIN a node works on: the message's `vin` (when a string), else the node's; empty means every vehicle. */
export function vinOf(messageVin: unknown, configVin: unknown): string {
  if (typeof messageVin === 'string' && messageVin.trim() !== '') return messageVin.trim().toUpperCase();
  return typeof configVin === 'string' ? configVin.trim().toUpperCase() : '';
}
