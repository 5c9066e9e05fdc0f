import {
  BimmerValidationError,
  DEFAULT_STALE_AFTER_MS,
  type VehicleEventSettings,
  VehicleEventTracker,
  type VehicleSnapshot,
  vehicleFromJSON,
} from '@bimmer/core';
import { isJsonObject } from '@bimmer/core/internal';
import { brokerUrlFor } from './broker-url';
import { HubLiveAccount } from './hub-live-account';
import { readBudget, readConnection } from './hub-payloads';
import { getJson, type HubRequestOptions } from './hub-requests';

/** Options of {@link openHubAccount}; only `url` is required. */
export interface HubAccountOptions {
  /** The hub's HTTP URL (`http://127.0.0.1:8124`): it tells the client where the hub's MQTT is. */
  readonly url: string;
  /** The hub's API key, when it has one (always, when it listens beyond loopback). */
  readonly apiKey?: string | undefined;
  /** The broker's login, when the hub's broker needs one. */
  readonly mqttUsername?: string | undefined;
  readonly mqttPassword?: string | undefined;
  /** Another broker URL than the one the hub names (e.g. the broker's address as seen from a container). */
  readonly mqttUrl?: string | undefined;
  /** Geofences and battery thresholds for this client's derived events. */
  readonly events?: VehicleEventSettings | undefined;
  /** A vehicle is stale this long after its newest field time. Default 12 hours. */
  readonly staleAfterMs?: number | undefined;
  /** Wait between attempts to reach the hub's broker again. Default 1000 ms. */
  readonly reconnectPeriodMs?: number | undefined;
  readonly fetch?: typeof fetch | undefined;
  readonly now?: (() => number) | undefined;
}

/**
 * Opens a live account that reads through a running `bimmer hub` (the Node-RED nodes, the
 * Homebridge plugin and `bimmer status --hub` use it): no BMW login and no BMW connection of its own,
 * so any number of programs share the hub's one stream and one budget. Before it returns, `vehicles`
 * holds what the hub holds (read from its HTTP API); `start()` subscribes to the hub's MQTT topics.
 *
 * Throws a `BimmerValidationError` for bad options, a `BimmerAuthError` when the hub refuses the API
 * key and a `BimmerApiError` when the hub cannot be reached.
 */
export async function openHubAccount(options: HubAccountOptions): Promise<HubLiveAccount> {
  let url: URL | undefined;
  try {
    url = new URL(options.url);
  } catch {
    url = undefined;
  }
  const problems: string[] = [];
  if (url === undefined || (url.protocol !== 'http:' && url.protocol !== 'https:')) problems.push('url');
  for (const key of ['staleAfterMs', 'reconnectPeriodMs'] as const) {
    const value = options[key];
    if (value !== undefined && (typeof value !== 'number' || !Number.isFinite(value) || value <= 0))
      problems.push(key);
  }
  if (problems.length > 0) {
    throw new BimmerValidationError(
      `Invalid hub client options: ${problems.join(', ')}. The URL is the hub's HTTP URL (http://host:8124); durations are milliseconds above zero.`,
      { paths: problems, action: 'check-input' },
    );
  }
  const tracker = new VehicleEventTracker({ settings: options.events });
  const http: HubRequestOptions = {
    url: (url as URL).href.replace(/\/$/, ''),
    apiKey: options.apiKey === '' ? undefined : options.apiKey,
    fetch: options.fetch ?? globalThis.fetch,
  };
  const info = await getJson(http, '/api/hub');
  const prefix = isJsonObject(info) && typeof info.prefix === 'string' ? info.prefix : 'bimmer';
  const reported = isJsonObject(info) && typeof info.mqttUrl === 'string' ? info.mqttUrl : undefined;
  if (reported === undefined && options.mqttUrl === undefined) {
    throw new BimmerValidationError(
      `The service at ${http.url} does not say where its MQTT broker is: is it a bimmer hub?`,
      {
        paths: ['url'],
        action: 'check-input',
      },
    );
  }
  const health = await getJson(http, '/health');
  const vehicles = await getJson(http, '/api/vehicles');
  const snapshots: VehicleSnapshot[] = [];
  for (const json of Array.isArray(vehicles) ? vehicles : []) {
    try {
      snapshots.push(vehicleFromJSON(json));
    } catch {
      // A vehicle the hub holds in a form this client cannot read: it follows with the next state.
    }
  }
  return new HubLiveAccount({
    http,
    mqttUrl: options.mqttUrl ?? brokerUrlFor(http.url, reported ?? ''),
    mqttUsername: options.mqttUsername,
    mqttPassword: options.mqttPassword,
    prefix,
    tracker,
    staleAfterMs: options.staleAfterMs ?? DEFAULT_STALE_AFTER_MS,
    reconnectPeriodMs: options.reconnectPeriodMs ?? 1_000,
    now: options.now ?? Date.now,
    snapshots,
    budget: isJsonObject(health) ? readBudget(health.budget) : undefined,
    hubConnection: isJsonObject(health) ? readConnection(health.stream) : undefined,
  });
}
