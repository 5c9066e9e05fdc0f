/**
 * The one place where the account node's transport becomes a `LiveAccount`. Every node works
 * against the `LiveAccount` contract of `@bimmer/core` only; swapping the implementations behind it
 * touches this module and nothing else.
 *
 * INTERIM (for the integrator): until the live accounts of issue 12 and the hub client of issue 13
 * land, `cardata` uses `InterimCarDataLiveAccount`, `mybmw` and `demo` use
 * `InterimMyBMWLiveAccount` (both in `./interim/`), and `hub` refuses with a typed error. Swap:
 * - `openCarData`: the CarData live account of `@bimmer/cardata` (same token store and state path);
 * - `openMyBMW` and `openDemo`: the polling live account of `@bimmer/mybmw` (keep the
 *   `myBMWRemoteCommander` beside it: the contract has no remote commands);
 * - `openHub`: `openHubAccount({ url: settings.hubUrl, apiKey: settings.hubApiKey })` of `@bimmer/hub`;
 * then delete `./interim/`.
 */
import { FileTokenStore, MemoryTokenStore, type TokenStore } from '@bimmer/auth';
import { BimmerAuthError, BimmerUnsupportedError, type LiveAccount } from '@bimmer/core';
import { MyBMWAccount } from '@bimmer/mybmw';
import type { AccountSettings } from '../config/account-settings';
import { myBMWRemoteCommander, type RemoteCommander } from '../remote/remote-commander';
import { carDataTokenFileOf, myBMWTokenFileOf } from './account-files';
import { DEMO_CAPTCHA_TOKEN, startDemoSimulator } from './demo-simulator';
import { InterimCarDataLiveAccount } from './interim/interim-cardata-live-account';
import { InterimMyBMWLiveAccount } from './interim/interim-mybmw-live-account';

/** A live account with what the account node keeps beside it. */
export interface OpenedLiveAccount {
  readonly account: LiveAccount;
  /** Remote commands, when the transport can send them (MyBMW, demo); CarData and the hub cannot. */
  readonly remote?: RemoteCommander | undefined;
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
 * Opens the live account of an account node's settings, without starting it. Costs no REST call.
 *
 * @throws BimmerAuthError when no login is stored yet (the node shows "login needed"),
 *   BimmerUnsupportedError for the hub until the hub client is included.
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
  const account = await InterimCarDataLiveAccount.open({
    tokenStore: new FileTokenStore(tokenFile),
    tokenFile,
    baseUrl: settings.baseUrl,
    streamUrl: settings.streamUrl,
    staleMs: settings.staleMinutes * MINUTE,
  });
  return { account, close: async () => {} };
}

function myBMWLive(
  settings: AccountSettings,
  options: {
    baseUrl?: string | undefined;
    tokenStore: TokenStore;
    password: string;
    captchaToken?: string | undefined;
  },
  username: string,
  remotePollMs: number | undefined,
): { account: InterimMyBMWLiveAccount; remote: RemoteCommander } {
  const myBMW = new MyBMWAccount({
    username,
    password: options.password,
    region: settings.region ?? 'rest_of_world',
    tokenStore: options.tokenStore,
    ...(options.captchaToken === undefined ? {} : { captchaToken: options.captchaToken }),
    ...(options.baseUrl === undefined ? {} : { baseUrl: options.baseUrl }),
  });
  const account = new InterimMyBMWLiveAccount({
    account: myBMW,
    pollMs: settings.pollMinutes * MINUTE,
    staleMs: settings.staleMinutes * MINUTE,
  });
  const remote = myBMWRemoteCommander(myBMW, {
    pollIntervalMs: remotePollMs,
    afterStateChange: (vin) => void account.refreshVehicle(vin).catch(() => undefined),
  });
  return { account, remote };
}

async function openMyBMW(
  settings: AccountSettings,
  context: OpenLiveAccountContext,
): Promise<OpenedLiveAccount> {
  const tokenStore = new FileTokenStore(myBMWTokenFileOf(context.userDir, context.nodeId));
  const stored = await tokenStore.load();
  if (settings.password === undefined && stored === undefined) {
    throw new BimmerAuthError('The MyBMW account needs its password for the first login.', {
      action: 'mybmw-login',
      hint: 'Enter the password (and a captcha token outside China) in the account node and deploy.',
    });
  }
  const { account, remote } = myBMWLive(
    settings,
    {
      baseUrl: settings.baseUrl,
      tokenStore,
      password: settings.password ?? '',
      captchaToken: settings.captchaToken,
    },
    settings.username ?? '',
    undefined,
  );
  return { account, remote, close: async () => {} };
}

async function openDemo(settings: AccountSettings): Promise<OpenedLiveAccount> {
  const simulator = await startDemoSimulator();
  const demo = simulator.demoAccount ?? { username: 'demo@bimmer.dev', password: 'bimmer-demo' };
  const { account, remote } = myBMWLive(
    { ...settings, region: 'rest_of_world' },
    {
      baseUrl: simulator.url,
      tokenStore: new MemoryTokenStore(),
      password: demo.password,
      captchaToken: DEMO_CAPTCHA_TOKEN,
    },
    demo.username,
    300,
  );
  let closed: Promise<void> | undefined;
  return {
    account,
    remote,
    close: () => {
      closed ??= account.stop().then(() => simulator.stop());
      return closed;
    },
  };
}

async function openHub(_settings: AccountSettings): Promise<OpenedLiveAccount> {
  throw new BimmerUnsupportedError(
    'The hub transport is not available in this version of @bimmer/node-red yet: it needs the bimmer hub client.',
    {
      feature: 'hub',
      hint: 'Use the cardata transport for now, or update @bimmer/node-red once hub support is released.',
    },
  );
}
