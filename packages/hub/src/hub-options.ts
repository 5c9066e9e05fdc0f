import type { TokenStore } from '@bimmer/auth';
import type { CarDataStreamOptions, RestBudgetOptions } from '@bimmer/cardata';
import {
  BimmerValidationError,
  DEFAULT_STALE_AFTER_MS,
  type LiveAccount,
  type VehicleEventSettings,
} from '@bimmer/core';
import type { IClientOptions } from 'mqtt';
import { isLoopbackHost } from './host-address';
import type { HubLogger } from './hub-logger';

/**
 * Options of `startHub`. The first block maps one to one onto the flags of `bimmer hub` (see the
 * README's table); the rest is for programs that embed the hub (tests, other adapters).
 */
export interface HubOptions {
  /** `--mqtt-url`: publish into this broker (`mqtt://user:pass@host:port` or `mqtts://…`) instead of starting one. */
  readonly mqttUrl?: string | undefined;
  /** `--mqtt-port`: the embedded broker's port. Default 1883; 0 picks a free port. */
  readonly mqttPort?: number | undefined;
  /** `--http-port`: the HTTP API's port. Default 8124; 0 picks a free port. */
  readonly httpPort?: number | undefined;
  /** `--host`: the interface of the HTTP API and the embedded broker. Default `127.0.0.1`. */
  readonly host?: string | undefined;
  /** `--prefix`: the topic prefix. Default `bimmer`. */
  readonly prefix?: string | undefined;
  /** `--discovery-prefix`: Home Assistant's discovery prefix. Default `homeassistant`. */
  readonly discoveryPrefix?: string | undefined;
  /** `--no-discovery` sets false: no Home Assistant discovery. Default true. */
  readonly discovery?: boolean | undefined;
  /** `--demo`: the simulator with our fleet instead of BMW (no account, no network). */
  readonly demo?: boolean | undefined;
  /** `--api-key` (or `BIMMER_HUB_API_KEY`): required by every HTTP route; mandatory off loopback. */
  readonly apiKey?: string | undefined;
  /** `--mqtt-username` / `BIMMER_HUB_MQTT_USERNAME`: the embedded broker's login (mandatory off loopback). */
  readonly mqttUsername?: string | undefined;
  /** `--mqtt-password` / `BIMMER_HUB_MQTT_PASSWORD`. */
  readonly mqttPassword?: string | undefined;
  /**
   * `--transport`: `cardata` (default). For `mybmw` pass the MyBMW live account as `account`
   * (`openMyBMWLiveAccount` of `@bimmer/mybmw`; `bimmer hub --transport mybmw` opens it).
   */
  readonly transport?: 'cardata' | 'mybmw' | undefined;
  /** `--base-url`: BMW's login and REST host (the simulator's URL when testing). */
  readonly baseUrl?: string | undefined;
  /** `--stream-url`: BMW's stream broker. */
  readonly streamUrl?: string | undefined;
  /** `--token-file`: the CarData token file; the state file (ledger, last values) sits beside it. */
  readonly tokenFile?: string | undefined;
  /** `--client-id` (or `BIMMER_CARDATA_CLIENT_ID`): for the device-code login when there is no login yet. */
  readonly clientId?: string | undefined;

  /** Any live account instead of the CarData one the hub would open (a MyBMW one, a test's). The hub starts and stops it. */
  readonly account?: LiveAccount | undefined;
  /** A token store instead of `tokenFile` (then `statePath` is needed too). */
  readonly tokenStore?: TokenStore | undefined;
  /** The CarData state file when `tokenStore` is given. */
  readonly statePath?: string | undefined;
  /** Where `--demo` keeps its state; default a temporary directory removed at stop. */
  readonly stateDir?: string | undefined;
  /** BMW stream tuning of the CarData account (reconnect backoff, keepalive). */
  readonly stream?: Omit<CarDataStreamOptions, 'tokens' | 'url'> | undefined;
  /** How the CarData account may spend REST calls by itself. */
  readonly budget?: RestBudgetOptions | undefined;
  /** Geofences and battery thresholds of the derived events (`<VIN>/event`). */
  readonly events?: VehicleEventSettings | undefined;
  /** A value is published with `stale: true` this long after it was measured. Default 12 hours. */
  readonly staleAfterMs?: number | undefined;
  /** Progress and warnings (stderr by default). */
  readonly log?: HubLogger | undefined;
  /** Extra mqtt.js options for the external broker (`ca`, `rejectUnauthorized`, …). */
  readonly mqttOptions?: Partial<IClientOptions> | undefined;
  /** At most one `<VIN>/state` per vehicle per this interval. Default 1000 ms. */
  readonly stateIntervalMs?: number | undefined;
  /** Wait between attempts to reach the external broker. Default 2000 ms. */
  readonly reconnectPeriodMs?: number | undefined;
  /** How often the `stale` flags are checked. Default 60 s. */
  readonly staleCheckIntervalMs?: number | undefined;
  /** The clock in epoch ms. Default `Date.now`. */
  readonly now?: (() => number) | undefined;
}

/** The defaults of {@link HubOptions}. */
export const HUB_DEFAULTS = {
  host: '127.0.0.1',
  mqttPort: 1883,
  httpPort: 8124,
  prefix: 'bimmer',
  discoveryPrefix: 'homeassistant',
  staleAfterMs: DEFAULT_STALE_AFTER_MS,
  stateIntervalMs: 1_000,
  reconnectPeriodMs: 2_000,
  staleCheckIntervalMs: 60_000,
} as const;

/** Where the hub's data comes from. */
export type HubSource =
  | { readonly kind: 'account'; readonly account: LiveAccount }
  | { readonly kind: 'demo'; readonly stateDir: string | undefined }
  | {
      readonly kind: 'cardata';
      readonly tokenFile: string | undefined;
      readonly tokenStore: TokenStore | undefined;
      readonly statePath: string | undefined;
      readonly clientId: string | undefined;
    };

/** Where the hub publishes. */
export type HubBroker =
  | {
      readonly kind: 'embedded';
      readonly port: number;
      readonly username: string | undefined;
      readonly password: string | undefined;
    }
  | {
      readonly kind: 'external';
      readonly url: string;
      /** The URL without user name and password, for logs and `/health`. */
      readonly publicUrl: string;
      readonly username: string | undefined;
      readonly password: string | undefined;
    };

/** {@link HubOptions} checked, with the defaults filled in. */
export interface ResolvedHubOptions {
  readonly host: string;
  readonly httpPort: number;
  readonly prefix: string;
  readonly discoveryPrefix: string;
  readonly discovery: boolean;
  readonly apiKey: string | undefined;
  readonly broker: HubBroker;
  readonly source: HubSource;
  readonly staleAfterMs: number;
  readonly stateIntervalMs: number;
  readonly reconnectPeriodMs: number;
  readonly staleCheckIntervalMs: number;
}

/** A broker URL for people: no user name or password. */
export function withoutCredentials(url: URL): string {
  const copy = new URL(url.href);
  copy.username = '';
  copy.password = '';
  return copy.href.replace(/\/$/, '');
}

function port(value: unknown, fallback: number, name: string, problems: string[]): number {
  if (value === undefined) return fallback;
  if (typeof value !== 'number' || !Number.isInteger(value) || value < 0 || value > 65_535)
    problems.push(name);
  return value as number;
}

function duration(value: unknown, fallback: number, name: string, problems: string[]): number {
  if (value === undefined) return fallback;
  if (typeof value !== 'number' || !Number.isFinite(value) || value <= 0) problems.push(name);
  return value as number;
}

function nonEmpty(value: string | undefined): string | undefined {
  return value === undefined || value === '' ? undefined : value;
}

/**
 * Checks the options before anything listens or connects, naming every bad one, and refuses a
 * hub reachable from the network without credentials: off loopback the HTTP API needs an API key
 * (at least 16 characters) and the embedded broker a user name and password.
 */
export function resolveHubOptions(options: HubOptions): ResolvedHubOptions {
  const problems: string[] = [];
  const host = options.host ?? HUB_DEFAULTS.host;
  if (typeof host !== 'string' || host.trim() === '') problems.push('host');
  const httpPort = port(options.httpPort, HUB_DEFAULTS.httpPort, 'httpPort', problems);
  const mqttPort = port(options.mqttPort, HUB_DEFAULTS.mqttPort, 'mqttPort', problems);
  const staleAfterMs = duration(options.staleAfterMs, HUB_DEFAULTS.staleAfterMs, 'staleAfterMs', problems);
  const stateIntervalMs = duration(
    options.stateIntervalMs,
    HUB_DEFAULTS.stateIntervalMs,
    'stateIntervalMs',
    problems,
  );
  const reconnectPeriodMs = duration(
    options.reconnectPeriodMs,
    HUB_DEFAULTS.reconnectPeriodMs,
    'reconnectPeriodMs',
    problems,
  );
  const staleCheckIntervalMs = duration(
    options.staleCheckIntervalMs,
    HUB_DEFAULTS.staleCheckIntervalMs,
    'staleCheckIntervalMs',
    problems,
  );
  if (problems.length > 0) {
    throw new BimmerValidationError(
      `Invalid hub options: ${problems.join(', ')}. Ports are whole numbers from 0 to 65535 (0 picks a free one), the host is an interface name or address, durations are milliseconds above zero.`,
      { paths: problems, action: 'check-input' },
    );
  }

  let broker: HubBroker;
  const username = nonEmpty(options.mqttUsername);
  const password = nonEmpty(options.mqttPassword);
  if (options.mqttUrl !== undefined) {
    let url: URL;
    try {
      url = new URL(options.mqttUrl);
    } catch {
      throw new BimmerValidationError(
        'The MQTT URL is not a URL: use mqtt://host:1883 or mqtts://user:password@host:8883.',
        {
          paths: ['mqttUrl'],
          action: 'check-input',
        },
      );
    }
    if (url.protocol !== 'mqtt:' && url.protocol !== 'mqtts:') {
      throw new BimmerValidationError(
        `The MQTT URL must start with mqtt:// or mqtts://, not ${url.protocol}//.`,
        {
          paths: ['mqttUrl'],
          action: 'check-input',
        },
      );
    }
    if (options.mqttPort !== undefined) {
      throw new BimmerValidationError(
        'The MQTT port is for the embedded broker; with an MQTT URL the port belongs in the URL.',
        { paths: ['mqttPort', 'mqttUrl'], action: 'check-input' },
      );
    }
    broker = {
      kind: 'external',
      url: url.href,
      publicUrl: withoutCredentials(url),
      username: nonEmpty(decodeURIComponent(url.username)) ?? username,
      password: nonEmpty(decodeURIComponent(url.password)) ?? password,
    };
  } else {
    broker = { kind: 'embedded', port: mqttPort, username, password };
  }

  const apiKey = nonEmpty(options.apiKey);
  if (!isLoopbackHost(host)) {
    const missing: string[] = [];
    if (apiKey === undefined || apiKey.length < 16) missing.push('apiKey');
    if (broker.kind === 'embedded' && (broker.username === undefined || broker.password === undefined))
      missing.push('mqttUsername', 'mqttPassword');
    if (missing.length > 0) {
      throw new BimmerValidationError(
        `The hub refuses to listen on ${host}, which other machines can reach, without credentials: ` +
          `${missing.includes('apiKey') ? 'an API key of at least 16 characters for the HTTP API' : ''}` +
          `${missing.length === 3 ? ' and ' : ''}` +
          `${missing.includes('mqttUsername') ? 'a user name and password for the embedded MQTT broker' : ''}. ` +
          'Keep the default host 127.0.0.1 to serve this machine only.',
        { paths: missing, action: 'check-input' },
      );
    }
  }

  const modes = [options.account !== undefined, options.demo === true].filter(Boolean).length;
  if (modes > 1) {
    throw new BimmerValidationError('Give the hub either an account or the demo, not both.', {
      paths: ['account', 'demo'],
      action: 'check-input',
    });
  }
  let source: HubSource;
  if (options.account !== undefined) source = { kind: 'account', account: options.account };
  else if (options.demo === true) source = { kind: 'demo', stateDir: options.stateDir };
  else if (options.transport === 'mybmw') {
    throw new BimmerValidationError(
      'The hub reads MyBMW through a MyBMW live account given as `account`: open one with openMyBMWLiveAccount from @bimmer/mybmw (bimmer hub --transport mybmw does this for you).',
      { paths: ['account'], action: 'check-input' },
    );
  } else {
    if (
      options.tokenFile === undefined &&
      (options.tokenStore === undefined || options.statePath === undefined)
    ) {
      throw new BimmerValidationError(
        'The hub needs the CarData token file (the state file sits beside it), or a token store and a state path.',
        { paths: ['tokenFile'], action: 'check-input' },
      );
    }
    source = {
      kind: 'cardata',
      tokenFile: options.tokenFile,
      tokenStore: options.tokenStore,
      statePath: options.statePath,
      clientId: nonEmpty(options.clientId),
    };
  }

  return {
    host,
    httpPort,
    prefix: options.prefix ?? HUB_DEFAULTS.prefix,
    discoveryPrefix: options.discoveryPrefix ?? HUB_DEFAULTS.discoveryPrefix,
    discovery: options.discovery ?? true,
    apiKey,
    broker,
    source,
    staleAfterMs,
    stateIntervalMs,
    reconnectPeriodMs,
    staleCheckIntervalMs,
  };
}
