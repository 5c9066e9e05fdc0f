import type { VehicleEventSettings } from '@bimmer/core';
import { DEFAULT_STALE_AFTER_MS } from '@bimmer/core';
import type { OpenedLiveAccount } from '../account/open-live-account';
import type { CliContext } from '../context';
import { nonEmpty } from '../util/non-empty';

/** What a command reading through a hub asks for. */
export interface HubClientRequest {
  /** The hub's HTTP URL, as `bimmer hub` printed it (`hub http on <url>`). */
  readonly url: string;
  /** Geofences and battery thresholds of this client's derived events. */
  readonly events?: VehicleEventSettings | undefined;
}

/** A live account through a hub, with the hub's URL as the account names it. */
export interface OpenedHubAccount extends OpenedLiveAccount {
  /** The hub's HTTP URL, without a trailing slash. */
  readonly hubUrl: string;
}

/**
 * Opens a live account through a running `bimmer hub` (`status --hub`, `stream --hub`): no BMW
 * login and no BMW connection of its own, so it costs the account neither a stream connection nor
 * a REST call. The hub's API key and broker login come from the same variables the hub reads
 * (`BIMMER_HUB_API_KEY`, `BIMMER_HUB_MQTT_USERNAME`, `BIMMER_HUB_MQTT_PASSWORD`), which keep them out
 * of the process list. Reads what the hub holds at once; `start()` follows its MQTT topics.
 *
 * @throws BimmerApiError when the hub cannot be reached, BimmerAuthError when it refuses the key.
 */
export async function openHubCliAccount(
  context: CliContext,
  request: HubClientRequest,
): Promise<OpenedHubAccount> {
  const { env } = context.io;
  const { openHubAccount } = await import('@bimmer/hub');
  context.log.debug(`reading through the hub at ${request.url}`);
  const account = await openHubAccount({
    url: request.url,
    apiKey: nonEmpty(env.BIMMER_HUB_API_KEY),
    mqttUsername: nonEmpty(env.BIMMER_HUB_MQTT_USERNAME),
    mqttPassword: nonEmpty(env.BIMMER_HUB_MQTT_PASSWORD),
    events: request.events,
    staleAfterMs: DEFAULT_STALE_AFTER_MS,
  });
  return {
    account,
    staleAfterMs: DEFAULT_STALE_AFTER_MS,
    sourceName: `the hub at ${account.hubUrl}`,
    flush: async () => undefined,
    hubUrl: account.hubUrl,
  };
}
