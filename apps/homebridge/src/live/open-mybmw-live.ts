import { rm } from 'node:fs/promises';
import { join } from 'node:path';
import { FileTokenStore } from '@bimmer/auth';
import type { VehicleEventSettings } from '@bimmer/core';
import { openMyBMWLiveAccount } from '@bimmer/mybmw';
import type { PlatformSettings } from '../config/platform-config';
import { MyBMWVehicleCommands } from './mybmw-vehicle-commands';
import type { OpenedLiveAccount } from './opened-live-account';

/** The MyBMW files in the plugin's folder. */
export const MYBMW_FILES = {
  /** The MyBMW login (tokens), so a restart does not log in (or ask for a captcha) again. */
  tokens: 'mybmw-tokens.json',
  /** The MyBMW live account's state: last values with their times, event memory, BMW's backoff. */
  state: 'mybmw-state.json',
  /** The last values as the plugin's first builds kept them; superseded by `state`. */
  firstBuildsState: 'mybmw-live-state.json',
} as const;

/** What opening the MyBMW live account of a platform entry needs. */
export interface OpenMyBMWLiveOptions {
  readonly settings: PlatformSettings;
  /** The plugin's folder (`<storage>/bimmer`): the token and state files live in it. */
  readonly folder: string;
  /** Home geofences for `arrived` / `left`. */
  readonly events: VehicleEventSettings;
  readonly staleAfterMs: number;
  /** Remote-command status polling interval (tests). */
  readonly commandPollIntervalMs?: number | undefined;
}

/**
 * The MyBMW live account of `@bimmer/mybmw` (`openMyBMWLiveAccount`): the last known state restored
 * from `<storage>/bimmer/mybmw-state.json` without a request, then polling at the configured
 * interval (with jitter, outside the quiet hours, backing off on BMW's rate limits; `failed` when
 * BMW blocks the client or refuses the login). Lock and climate go through its remote services,
 * which read the car again after each command. Opening sends nothing: the login happens at the
 * first poll, with the stored tokens when there are some.
 */
export async function openMyBMWLive(options: OpenMyBMWLiveOptions): Promise<OpenedLiveAccount> {
  const { settings, folder } = options;
  const account = await openMyBMWLiveAccount({
    username: settings.username ?? '',
    password: settings.password,
    region: settings.region ?? 'rest_of_world',
    captchaToken: settings.captchaToken,
    tokenStore: new FileTokenStore(join(folder, MYBMW_FILES.tokens)),
    baseUrl: settings.baseUrl,
    statePath: join(folder, MYBMW_FILES.state),
    pollIntervalMs: settings.pollIntervalMs,
    quietHours: settings.quietHours,
    events: options.events,
    staleAfterMs: options.staleAfterMs,
  });
  // The first builds' file held only what the first poll brings again; it goes, so no stale copy
  // of a car's data stays behind.
  await rm(join(folder, MYBMW_FILES.firstBuildsState), { force: true }).catch(() => {});
  return {
    account,
    commands: new MyBMWVehicleCommands(account, { pollIntervalMs: options.commandPollIntervalMs }),
    stop: () => account.stop(),
  };
}
