import { rm } from 'node:fs/promises';
import { homedir } from 'node:os';
import { isAbsolute, join, resolve } from 'node:path';
import { BimmerValidationError } from '@bimmer/core';
import type { AccountSettings } from '../config/account-settings';

/**
 * Node-RED's user directory: `settings.userDir`, else Node-RED's own default (`~/.node-red`).
 * Tokens and state live below it, in `bimmer/`, never in the flow file.
 */
export function userDirOf(settings: { readonly userDir?: string }): string {
  return typeof settings.userDir === 'string' && settings.userDir !== ''
    ? settings.userDir
    : join(homedir(), '.node-red');
}

/**
 * Checks a config node id before it becomes part of a path: Node-RED ids are hex with an optional
 * dot (`a1b2c3d4.e5f6a7`, or 16 hex digits). Anything else (`..`, slashes) is refused.
 */
export function checkNodeId(id: string): string {
  if (!/^[A-Za-z0-9_-][A-Za-z0-9_.-]{0,63}$/.test(id) || id.includes('..')) {
    throw new BimmerValidationError('That is not a Node-RED node id.', {
      paths: ['id'],
      action: 'check-input',
    });
  }
  return id;
}

/**
 * The folder of one account node's files, `<userDir>/bimmer/<node id>/`: named by the node id, so a
 * rename keeps the login, and removed with the node.
 */
export function accountDirectory(userDir: string, id: string): string {
  return join(userDir, 'bimmer', checkNodeId(id));
}

/**
 * The CarData token file of an account: the `tokenFile` setting (a CLI login to reuse, relative to
 * the user directory when not absolute), else `cardata-tokens.json` in the account's folder. The
 * quota ledger and last known state live beside it (`cardata-state.json`), so a CLI sharing the
 * token file shares the one budget too.
 */
export function carDataTokenFileOf(
  userDir: string,
  id: string,
  settings: Pick<AccountSettings, 'tokenFile'>,
): string {
  const custom = settings.tokenFile;
  if (custom !== undefined) {
    const expanded = custom.startsWith('~/') ? join(homedir(), custom.slice(2)) : custom;
    return isAbsolute(expanded) ? expanded : resolve(userDir, expanded);
  }
  return join(accountDirectory(userDir, id), 'cardata-tokens.json');
}

/** The MyBMW token file of an account (refresh token and session), in its folder. */
export function myBMWTokenFileOf(userDir: string, id: string): string {
  return join(accountDirectory(userDir, id), 'mybmw-tokens.json');
}

/**
 * The MyBMW live account's state file (last known state of every vehicle with its times, event
 * memory, BMW's rate-limit backoff), beside the token file: a restart shows the last state without
 * a request, and a backoff BMW asked for holds across it.
 */
export function myBMWStatePathOf(userDir: string, id: string): string {
  return join(accountDirectory(userDir, id), 'mybmw-state.json');
}

/**
 * Deletes an account's folder (tokens, ledger, state) when its node was deleted. A `tokenFile` of
 * the CLI lives elsewhere and is left alone: it belongs to the CLI.
 */
export async function removeAccountFiles(userDir: string, id: string): Promise<void> {
  await rm(accountDirectory(userDir, id), { recursive: true, force: true, maxRetries: 5 });
}
