import type { LiveAccount, VehicleEventSettings } from '@bimmer/core';
import type { CliContext } from '../context';
import type { Transport } from './load-fleet';

/** What a command asks of a live account, whichever transport stands behind it. */
export interface LiveAccountRequest {
  readonly transport: Transport;
  /** Geofences and battery thresholds of the derived events (checked by the caller). */
  readonly events?: VehicleEventSettings | undefined;
  /** CarData: automatic REST reads per vehicle per day (0: the stream only); default the SDK's (2). */
  readonly restReadsPerDay?: number | undefined;
  /** MyBMW: time between polls, ms; default the SDK's (5 minutes). */
  readonly pollIntervalMs?: number | undefined;
  /** Only what was kept is read (`status --cached`): the token file's folder need not be writable. */
  readonly readOnly?: boolean | undefined;
}

/** A live account opened for the CLI: the contract of `@bimmer/core`, plus what the CLI must finish. */
export interface OpenedLiveAccount {
  readonly account: LiveAccount;
  /** After this long without a newer value a vehicle counts as stale (the account's threshold). */
  readonly staleAfterMs: number;
  /** What the user knows the source as: `the CarData stream`. */
  readonly sourceName: string;
  /** Waits for token writes still under way (after `stop()`, before the process exits). */
  flush(): Promise<void>;
}

/**
 * The one place a command picks the transport of a live account: every command that runs one
 * (`stream`, `status --transport cardata` with and without `--cached`) gets the `LiveAccount`
 * contract of `@bimmer/core` from here and never touches a transport itself, so a new transport is
 * one more case below. Opening sends nothing: the account restores what it kept and starts only
 * when the command calls `start()` (`status` never starts it: it only calls `refresh(vin)`).
 */
export async function openLiveAccount(
  context: CliContext,
  request: LiveAccountRequest,
): Promise<OpenedLiveAccount> {
  switch (request.transport) {
    case 'cardata': {
      const { openCarDataLiveCliAccount } = await import('./open-cardata-live-account');
      return openCarDataLiveCliAccount(context, request);
    }
    case 'mybmw': {
      const { openMyBMWLiveCliAccount } = await import('./open-mybmw-live-account');
      return openMyBMWLiveCliAccount(context, request);
    }
  }
}
