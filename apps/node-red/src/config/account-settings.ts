import { createHash } from 'node:crypto';
import { BimmerValidationError, parseRegion, REGIONS } from '@bimmer/core';
import { fillDefaults, migrateConfig, type StoredConfig } from './config-version';

/**
 * How an account node reaches the vehicles:
 * - `cardata`: BMW CarData directly (device-code login, stream, 50 REST calls a day);
 * - `hub`: a `bimmer hub` on the network, which holds the one BMW session for the whole house;
 * - `mybmw`: the MyBMW app API (username and password; BMW blocks third parties since 2025-09);
 * - `demo`: an embedded simulator with our fleet: no car, no account, no network.
 */
export type AccountTransport = 'cardata' | 'hub' | 'mybmw' | 'demo';

/** Every transport, in the order the editor lists them. */
export const ACCOUNT_TRANSPORTS: readonly AccountTransport[] = ['cardata', 'hub', 'mybmw', 'demo'];

/** Defaults of an account node's properties (configuration version 1). */
export const ACCOUNT_DEFAULTS = {
  name: '',
  transport: 'cardata',
  clientId: '',
  baseUrl: '',
  streamUrl: '',
  tokenFile: '',
  hubUrl: '',
  username: '',
  region: 'rest_of_world',
  staleMinutes: 60,
  pollMinutes: 5,
} as const;

/**
 * An account node's settings, validated: what {@link openLiveAccount} needs. Secrets (`password`,
 * `captchaToken`, `hubApiKey`, the hub broker's login) come from Node-RED's credentials and are
 * never logged or written to the flow.
 */
export interface AccountSettings {
  readonly transport: AccountTransport;
  /** CarData client ID (a UUID from the MyBMW portal). */
  readonly clientId?: string | undefined;
  /** Login and REST host of CarData, or the MyBMW host (the simulator's URL in tests). */
  readonly baseUrl?: string | undefined;
  /** CarData's MQTT broker. */
  readonly streamUrl?: string | undefined;
  /** A token file of a login made with the `bimmer` CLI, reused instead of our own. */
  readonly tokenFile?: string | undefined;
  /** The hub's HTTP URL (`bimmer hub` prints it: `hub http on …`). */
  readonly hubUrl?: string | undefined;
  /** The hub's API key (a hub listening beyond loopback always has one). */
  readonly hubApiKey?: string | undefined;
  /** The login of the hub's MQTT broker, when it has one (a hub beyond loopback, or the house's broker). */
  readonly hubMqttUsername?: string | undefined;
  readonly hubMqttPassword?: string | undefined;
  /** MyBMW username and region. */
  readonly username?: string | undefined;
  readonly region?: string | undefined;
  readonly password?: string | undefined;
  readonly captchaToken?: string | undefined;
  /** A vehicle counts as stale when its newest value is older than this. */
  readonly staleMinutes: number;
  /** MyBMW polling interval. */
  readonly pollMinutes: number;
}

/** The credentials an account node declares (Node-RED keeps them apart from the flow, encrypted). */
export const ACCOUNT_CREDENTIALS = {
  password: { type: 'password' },
  captchaToken: { type: 'password' },
  hubApiKey: { type: 'password' },
  hubMqttUsername: { type: 'text' },
  hubMqttPassword: { type: 'password' },
} as const;

function text(value: unknown): string | undefined {
  if (typeof value !== 'string') return undefined;
  const trimmed = value.trim();
  return trimmed === '' ? undefined : trimmed;
}

function positiveNumber(value: unknown, fallback: number, path: string): number {
  if (value === undefined || value === null || value === '') return fallback;
  const number = typeof value === 'number' ? value : Number(value);
  if (!Number.isFinite(number) || number <= 0) {
    throw new BimmerValidationError(`${path} must be a positive number of minutes.`, {
      paths: [path],
      action: 'check-input',
    });
  }
  return number;
}

function url(value: unknown, path: string, protocols: readonly string[]): string | undefined {
  const raw = text(value);
  if (raw === undefined) return undefined;
  let parsed: URL;
  try {
    parsed = new URL(raw);
  } catch {
    throw new BimmerValidationError(`${path} is not a URL.`, { paths: [path], action: 'check-input' });
  }
  if (!protocols.includes(parsed.protocol)) {
    throw new BimmerValidationError(
      `${path} must start with ${protocols.map((p) => `${p}//`).join(' or ')}.`,
      {
        paths: [path],
        action: 'check-input',
      },
    );
  }
  return raw.replace(/\/+$/, '');
}

/**
 * Turns an account node's stored configuration and credentials into validated settings, migrating
 * older configurations first.
 *
 * @throws BimmerValidationError naming the setting that is wrong (before anything is sent).
 */
export function accountSettingsOf(
  stored: StoredConfig,
  credentials: Readonly<Record<string, string | undefined>> = {},
): AccountSettings {
  const { config } = migrateConfig('bimmer-account', stored, [fillDefaults(ACCOUNT_DEFAULTS)]);
  const transport = config.transport;
  if (typeof transport !== 'string' || !ACCOUNT_TRANSPORTS.includes(transport as AccountTransport)) {
    throw new BimmerValidationError(
      `Unknown transport ${JSON.stringify(transport)}: use ${ACCOUNT_TRANSPORTS.join(', ')}.`,
      { paths: ['transport'], action: 'check-input' },
    );
  }
  const settings: AccountSettings = {
    transport: transport as AccountTransport,
    clientId: text(config.clientId),
    baseUrl: url(config.baseUrl, 'baseUrl', ['http:', 'https:']),
    streamUrl: url(config.streamUrl, 'streamUrl', ['mqtt:', 'mqtts:', 'ws:', 'wss:']),
    tokenFile: text(config.tokenFile),
    hubUrl: url(config.hubUrl, 'hubUrl', ['http:', 'https:']),
    hubApiKey: text(credentials.hubApiKey),
    hubMqttUsername: text(credentials.hubMqttUsername),
    hubMqttPassword:
      typeof credentials.hubMqttPassword === 'string' && credentials.hubMqttPassword !== ''
        ? credentials.hubMqttPassword
        : undefined,
    username: text(config.username),
    region: text(config.region),
    password:
      typeof credentials.password === 'string' && credentials.password !== ''
        ? credentials.password
        : undefined,
    captchaToken: text(credentials.captchaToken),
    staleMinutes: positiveNumber(config.staleMinutes, ACCOUNT_DEFAULTS.staleMinutes, 'staleMinutes'),
    pollMinutes: positiveNumber(config.pollMinutes, ACCOUNT_DEFAULTS.pollMinutes, 'pollMinutes'),
  };
  if (settings.transport === 'hub' && settings.hubUrl === undefined) {
    throw new BimmerValidationError(
      'The hub transport needs the hub URL (e.g. http://192.168.1.5:8124, the URL `bimmer hub` prints).',
      {
        paths: ['hubUrl'],
        action: 'check-input',
      },
    );
  }
  if (settings.transport === 'mybmw') {
    if (settings.username === undefined) {
      throw new BimmerValidationError('The mybmw transport needs the MyBMW username.', {
        paths: ['username'],
        action: 'check-input',
      });
    }
    if (parseRegion(settings.region) === undefined) {
      throw new BimmerValidationError(`Unknown region ${JSON.stringify(settings.region)}.`, {
        paths: ['region'],
        action: 'check-input',
        hint: `Use ${REGIONS.join(', ')}.`,
      });
    }
  }
  return settings;
}

/**
 * A digest of everything that shapes the live account (secrets included, hashed): two deploys with
 * the same fingerprint can keep the same live account and stream connection.
 */
export function settingsFingerprint(settings: AccountSettings): string {
  const ordered = Object.keys(settings)
    .sort()
    .map((key) => [key, settings[key as keyof AccountSettings] ?? null]);
  return createHash('sha256').update(JSON.stringify(ordered)).digest('hex');
}
