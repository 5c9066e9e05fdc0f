/**
 * The one place where the account node's transport becomes a `LiveAccount`. Every node works
 * against the `LiveAccount` contract of `@bimmer/core` only; swapping the implementations behind it
 * touches this module and nothing else.
 *
 * - `cardata`: the CarData live account of `@bimmer/cardata` (persisted last state, REST budget
 *   policy, kicked/failed connection states, derived events), tokens and state file in the
 *   account's folder or beside the user's `tokenFile`.
 * - `hub`: `openHubAccount` of `@bimmer/hub`: reads through a `bimmer hub` (its HTTP API and MQTT
 *   topics), with no BMW login of its own; the connection and the budget are the hub's, and a
 *   refresh spends from the hub's one shared budget.
 * - `mybmw`: `openMyBMWLiveAccount` of `@bimmer/mybmw` (polling, persisted last state, `failed` when
 *   BMW blocks the client), tokens and state file in the account's folder; its remote services are
 *   what the remote node sends commands through.
 * - `demo`: `./demo-account`: the shared demo account of `@bimmer/hub` (the simulator with our fleet
 *   and the CarData live account on it) together with the MyBMW live account of the same simulator's
 *   MyBMW car, one fleet (`./demo-fleet-account`).
 */
import { FileTokenStore } from '@bimmer/auth';
import { carDataStatePathFor, openCarDataLiveAccount } from '@bimmer/cardata';
import { BimmerAuthError, type LiveAccount } from '@bimmer/core';
import { openHubAccount } from '@bimmer/hub';
import { openMyBMWLiveAccount } from '@bimmer/mybmw';
import type { AccountSettings } from '../config/account-settings';
import { carDataTokenFileOf, myBMWStatePathOf, myBMWTokenFileOf } from './account-files';
import { openDemoAccount } from './demo-account';

/** A live account with what the account node keeps beside it. */
export interface OpenedLiveAccount {
  readonly account: LiveAccount;
  /**
   * How often a remote command's progress is asked for, when the transport wants another pace than
   * BMW's app (the demo's car answers at once).
   */
  readonly remotePollIntervalMs?: number | undefined;
  /** Stops what the transport started beside the account (the demo's simulator). Idempotent. */
  close(): Promise<void>;
}

/** Where the account node lives. */
export interface OpenLiveAccountContext {
  /** Node-RED's user directory (tokens and state go to `<userDir>/bimmer/<node id>/`). */
  readonly userDir: string;
  /** The account node's id. */
  readonly nodeId: string;
}

const MINUTE = 60_000;

/**
 * Opens the live account of an account node's settings, without starting it. Costs no REST call
 * (the demo reads its simulator's vehicles once, which costs BMW nothing).
 *
 * @throws BimmerAuthError when no login is stored yet, or the hub refuses the API key (the node
 *   shows "login needed"); BimmerApiError when the hub cannot be reached (the account retries).
 */
export function openLiveAccount(
  settings: AccountSettings,
  context: OpenLiveAccountContext,
): Promise<OpenedLiveAccount> {
  switch (settings.transport) {
    case 'cardata':
      return openCarData(settings, context);
    case 'mybmw':
      return openMyBMW(settings, context);
    case 'demo':
      return openDemo(settings);
    case 'hub':
      return openHub(settings);
  }
}

/** Reads the stored CarData login (never a REST call). */
export async function storedCarDataLogin(tokenFile: string): Promise<boolean> {
  const tokens = await new FileTokenStore(tokenFile).load();
  return tokens?.kind === 'cardata';
}

/**
 * The CarData live account: the last known state is restored from the state file beside the token
 * file before this returns (zero REST calls), and `start()` connects the stream and the budget policy.
 */
async function openCarData(
  settings: AccountSettings,
  context: OpenLiveAccountContext,
): Promise<OpenedLiveAccount> {
  const tokenFile = carDataTokenFileOf(context.userDir, context.nodeId, settings);
  if (!(await storedCarDataLogin(tokenFile))) {
    throw new BimmerAuthError('This account is not logged in to BMW CarData yet.', {
      action: 'cardata-login',
      hint: 'Open the account node and press "Log in with BMW", then approve the code on BMW\'s page.',
    });
  }
  const account = await openCarDataLiveAccount({
    tokenStore: new FileTokenStore(tokenFile),
    statePath: carDataStatePathFor(tokenFile),
    apiBaseUrl: settings.baseUrl,
    loginBaseUrl: settings.baseUrl,
    streamUrl: settings.streamUrl,
    staleAfterMs: settings.staleMinutes * MINUTE,
  });
  return { account, close: async () => {} };
}

/**
 * The MyBMW live account of `@bimmer/mybmw`: polling with jitter and backoff on BMW's rate limits,
 * `failed` with the CarData hint when BMW blocks the client (HTTP 489), the last known state restored
 * from its state file before this returns (zero requests), and remote services that refresh the
 * vehicle after each command. Tokens and state file live in the account's folder.
 */
async function openMyBMW(
  settings: AccountSettings,
  context: OpenLiveAccountContext,
): Promise<OpenedLiveAccount> {
  const tokenStore = new FileTokenStore(myBMWTokenFileOf(context.userDir, context.nodeId));
  const stored = await tokenStore.load();
  if (settings.password === undefined && stored?.kind !== 'mybmw') {
    throw new BimmerAuthError('The MyBMW account needs its password for the first login.', {
      action: 'mybmw-login',
      hint: 'Enter the password (and a captcha token outside China) in the account node and deploy.',
    });
  }
  const account = await openMyBMWLiveAccount({
    username: settings.username ?? '',
    password: settings.password,
    captchaToken: settings.captchaToken,
    region: settings.region ?? 'rest_of_world',
    tokenStore,
    baseUrl: settings.baseUrl,
    statePath: myBMWStatePathOf(context.userDir, context.nodeId),
    pollIntervalMs: settings.pollMinutes * MINUTE,
    staleAfterMs: settings.staleMinutes * MINUTE,
  });
  return { account, close: async () => {} };
}

async function openDemo(settings: AccountSettings): Promise<OpenedLiveAccount> {
  const demo = await openDemoAccount({
    staleAfterMs: settings.staleMinutes * MINUTE,
    pollIntervalMs: settings.pollMinutes * MINUTE,
  });
  return { account: demo.account, remotePollIntervalMs: demo.remotePollIntervalMs, close: demo.close };
}

/**
 * Reads through a `bimmer hub`: what the hub holds at once (from its HTTP API), kept current from its
 * MQTT topics. The hub holds the one BMW login, stream and budget: this account node has no login of
 * its own and costs BMW no stream connection.
 */
async function openHub(settings: AccountSettings): Promise<OpenedLiveAccount> {
  const account = await openHubAccount({
    url: settings.hubUrl ?? '',
    apiKey: settings.hubApiKey,
    mqttUsername: settings.hubMqttUsername,
    mqttPassword: settings.hubMqttPassword,
    staleAfterMs: settings.staleMinutes * MINUTE,
  });
  return { account, close: async () => {} };
}
