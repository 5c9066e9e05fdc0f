import { join } from 'node:path';
import {
  isBimmerError,
  type LiveAccount,
  type LiveBudget,
  type LiveConnection,
  type LiveVehicle,
  type VehicleEvent,
} from '@bimmer/core';
import type { API, DynamicPlatformPlugin, Logging, PlatformAccessory, PlatformConfig } from 'homebridge';
import { VehicleAccessory } from '../accessory/vehicle-accessory';
import { parsePlatformConfig, settingsForVehicle } from '../config/parse-platform-config';
import type { PlatformSettings } from '../config/platform-config';
import { type OpenedLiveAccount, openLiveAccount } from '../live/open-live-account';
import { maskVin } from '../log/mask-vin';
import { PluginLog } from '../log/plugin-log';
import { type HomeGeofences, homeGeofences } from '../mapping/home-geofences';
import { homeKitName } from '../mapping/home-kit-name';
import { PLATFORM_NAME, PLUGIN_NAME, STORAGE_FOLDER } from '../settings';
import { type AccountClaim, claimAccount } from './account-claim';
import { accountKey } from './account-key';
import { pluginStatus, STATUS_FILE } from './plugin-status';
import { StatusWriter } from './status-writer';

/** Test hooks; Homebridge never passes them. */
export interface PlatformTestOptions {
  readonly commandPollIntervalMs?: number;
}

/**
 * The Bimmer dynamic platform: one accessory per VIN (UUID from the VIN), restored from Homebridge's
 * cache and kept current from one live account. Every entry point catches its own errors: a bad
 * configuration, a missing login or an unreachable BMW is logged, never thrown into Homebridge.
 */
export class BimmerPlatform implements DynamicPlatformPlugin {
  readonly #api: API;
  readonly #log: PluginLog;
  readonly #config: PlatformConfig;
  readonly #cached = new Map<string, PlatformAccessory>();
  readonly #accessories = new Map<string, VehicleAccessory>();
  readonly #test: PlatformTestOptions;
  #settings: PlatformSettings | undefined;
  #homes: HomeGeofences | undefined;
  #opened: OpenedLiveAccount | undefined;
  #claim: AccountClaim | undefined;
  #unsubscribe: (() => void)[] = [];
  #stopping = false;
  #status: StatusWriter | undefined;
  /** Ends the wait before the next attempt to reach the hub (shutdown). */
  #wakeRetry: (() => void) | undefined;

  constructor(log: Logging, config: PlatformConfig, api: API, test: PlatformTestOptions = {}) {
    this.#api = api;
    this.#log = new PluginLog(log);
    this.#config = config;
    this.#test = test;
    api.on('didFinishLaunching', () => {
      void this.#launch().catch((error: unknown) => this.#log.error(`Could not start: ${messageOf(error)}`));
    });
    api.on('shutdown', () => {
      void this.shutdown();
    });
  }

  /** Homebridge hands over each cached accessory before launch. */
  configureAccessory(accessory: PlatformAccessory): void {
    this.#cached.set(accessory.UUID, accessory);
  }

  /** The live account, once opened (tests, and the vehicle count in logs). */
  get account(): LiveAccount | undefined {
    return this.#opened?.account;
  }

  /** The accessory handlers by UUID. */
  get accessories(): ReadonlyMap<string, VehicleAccessory> {
    return this.#accessories;
  }

  /** Stops the live account and releases the account; idempotent. */
  async shutdown(): Promise<void> {
    if (this.#stopping) return;
    this.#stopping = true;
    for (const unsubscribe of this.#unsubscribe) unsubscribe();
    this.#unsubscribe = [];
    this.#wakeRetry?.();
    try {
      await this.#opened?.stop();
    } catch (error) {
      this.#log.debug(`Stopping the live account: ${messageOf(error)}`);
    }
    await this.#status?.flush();
    this.#claim?.release();
    this.#claim = undefined;
  }

  async #launch(): Promise<void> {
    const storagePath = this.#api.user.storagePath();
    const parsed = parsePlatformConfig(this.#config, storagePath);
    if (!parsed.ok) {
      this.#log.error(
        `The configuration of the ${PLATFORM_NAME} platform has ${parsed.errors.length === 1 ? 'a problem' : 'problems'}; nothing is started until it is fixed:\n  - ${parsed.errors.join('\n  - ')}`,
      );
      return;
    }
    for (const note of parsed.notes) this.#log.info(note);
    const settings = parsed.settings;
    this.#settings = settings;
    this.#homes = homeGeofences(settings);
    const claim = claimAccount(join(storagePath, STORAGE_FOLDER, 'claims'), accountKey(settings));
    if (claim === 'this-process' || claim === 'other-process') {
      this.#log.error(
        `This ${settings.transport} account is already used by another "${PLATFORM_NAME}" platform entry${claim === 'other-process' ? ' (in another bridge)' : ''}: the platform is listed twice in config.json. Remove the duplicate entry; this one stays idle so the account runs once.`,
      );
      return;
    }
    this.#claim = claim;
    const opened = await this.#open(settings, storagePath);
    if (opened === undefined) return;
    if (this.#stopping) {
      await opened.stop();
      return;
    }
    this.#opened = opened;
    const account = opened.account;
    const status = new StatusWriter(join(storagePath, STORAGE_FOLDER, STATUS_FILE), () =>
      pluginStatus(account, settings, Date.now()),
    );
    this.#status = status;
    this.#unsubscribe.push(
      account.on('change', (change) => this.#safely(() => this.#changed(change.vin))),
      account.on('change', () => status.schedule()),
      account.on('connection', () => status.schedule()),
      account.on('budget', () => status.schedule()),
      account.on('event', (event) => this.#safely(() => this.#eventArrived(event))),
      account.on('connection', (connection) => this.#safely(() => this.#connectionChanged(connection))),
      account.on('warning', (warning) => this.#warning(warning.message)),
      account.on('budget', (budget) => this.#log.debug(`REST budget: ${budgetText(budget)}`)),
    );
    const restored = account.vehicles.filter((vehicle) => this.#wants(vehicle.vin));
    for (const vehicle of restored) this.#ensureAccessory(vehicle);
    if (restored.length > 0) {
      this.#log.info(
        `${restored.length} vehicle${restored.length === 1 ? '' : 's'} restored from the last run; connecting to ${describe(settings)}…`,
      );
    } else {
      this.#log.info(`Connecting to ${describe(settings)}…`);
    }
    await status.flush();
    await account.start();
    if (this.#stopping) return;
    this.#reconcile();
    status.schedule();
  }

  /**
   * Opens the live account. A hub that cannot be reached (not started yet after a power cut, or
   * restarting) is tried again with a growing wait, one warning an hour while it lasts; any other
   * failure (a refused API key, no login) needs the user and is logged once as an error.
   */
  async #open(settings: PlatformSettings, storagePath: string): Promise<OpenedLiveAccount | undefined> {
    for (let attempt = 0; !this.#stopping; attempt++) {
      try {
        const opened = await openLiveAccount(settings, {
          storagePath,
          onRequest: (request) => this.#log.debug(`BMW request: ${request.method} ${request.path}`),
          onMigration: (result) => {
            if (result === 'migrated')
              this.#log.info('The last vehicle values of the previous plugin version were kept.');
            else if (result === 'failed')
              this.#log.debug('The last values of the previous plugin version could not be moved yet.');
          },
          commandPollIntervalMs: this.#test.commandPollIntervalMs,
        });
        if (attempt > 0) this.#log.recovered('open', `${settings.name}: reached ${describe(settings)}.`);
        return opened;
      } catch (error) {
        if (settings.transport === 'hub' && isBimmerError(error, 'api')) {
          const waitMs = Math.min(HUB_RETRY_MAX_MS, HUB_RETRY_FIRST_MS * 2 ** Math.min(attempt, 10));
          this.#log.warn(
            'open',
            `${settings.name}: ${messageOf(error)} Trying again in ${Math.round(waitMs / 1000)} s.`,
          );
          await this.#retryDelay(waitMs);
          continue;
        }
        this.#log.error(
          `Could not open the ${settings.transport} account: ${messageOf(error)}${fixOf(settings, error)}`,
        );
        return undefined;
      }
    }
    return undefined;
  }

  /** Waits before the next attempt to open; shutdown ends the wait at once. */
  #retryDelay(ms: number): Promise<void> {
    return new Promise((resolve) => {
      const timer = setTimeout(() => {
        this.#wakeRetry = undefined;
        resolve();
      }, ms);
      this.#wakeRetry = () => {
        clearTimeout(timer);
        this.#wakeRetry = undefined;
        resolve();
      };
    });
  }

  #wants(vin: string): boolean {
    return this.#settings !== undefined && settingsForVehicle(this.#settings, vin) !== undefined;
  }

  #uuidOf(vin: string): string {
    return this.#api.hap.uuid.generate(`bimmer:${vin}`);
  }

  #accessoryOf(vin: string): VehicleAccessory | undefined {
    return this.#accessories.get(this.#uuidOf(vin));
  }

  #changed(vin: string): void {
    const existing = this.#accessoryOf(vin);
    if (existing !== undefined) {
      existing.update();
      return;
    }
    const vehicle = this.#opened?.account.getVehicle(vin);
    if (vehicle !== undefined && this.#wants(vin)) this.#ensureAccessory(vehicle);
  }

  #ensureAccessory(vehicle: LiveVehicle): void {
    const settings = this.#settings && settingsForVehicle(this.#settings, vehicle.vin);
    const opened = this.#opened;
    if (settings === undefined || opened === undefined) return;
    const uuid = this.#uuidOf(vehicle.vin);
    if (this.#accessories.has(uuid)) return;
    const name = settings.name ?? vehicle.snapshot.name ?? 'BMW';
    let accessory = this.#cached.get(uuid);
    const isNew = accessory === undefined;
    if (accessory === undefined) {
      accessory = new this.#api.platformAccessory(
        homeKitName(settings.namePrefix === undefined ? name : `${settings.namePrefix} ${name}`),
        uuid,
      );
    }
    accessory.context.vin = vehicle.vin;
    const account = opened.account;
    const handler = new VehicleAccessory(accessory, {
      api: this.#api,
      log: this.#log,
      settings,
      commands: opened.commands,
      homeGeofence: this.#homes?.nameOf(settings.home),
      vehicle: () => account.getVehicle(vehicle.vin),
      connection: () => account.connection,
    });
    this.#accessories.set(uuid, handler);
    this.#cached.set(uuid, accessory);
    if (isNew) {
      this.#api.registerPlatformAccessories(PLUGIN_NAME, PLATFORM_NAME, [accessory]);
      this.#log.info(`Added ${accessory.displayName} (${maskVin(vehicle.vin)}).`);
    } else {
      this.#api.updatePlatformAccessories([accessory]);
    }
  }

  /**
   * Cars that left the account (or the configuration) leave Homebridge. Only once the account is
   * connected and knows its vehicles (restored, or read after a new login: the stream may connect
   * before the list is read): an account that cannot reach BMW, or has not read its list yet, keeps
   * every tile, so Home keeps its rooms and automations.
   */
  #reconcile(): void {
    const account = this.#opened?.account;
    if (account === undefined) return;
    for (const vehicle of account.vehicles) if (this.#wants(vehicle.vin)) this.#ensureAccessory(vehicle);
    if (account.connection.state !== 'connected' || account.vehicles.length === 0) return;
    const wanted = new Set(
      account.vehicles
        .filter((vehicle) => this.#wants(vehicle.vin))
        .map((vehicle) => this.#uuidOf(vehicle.vin)),
    );
    const stale = [...this.#cached.values()].filter((accessory) => !wanted.has(accessory.UUID));
    if (stale.length === 0) return;
    for (const accessory of stale) {
      this.#accessories.delete(accessory.UUID);
      this.#cached.delete(accessory.UUID);
    }
    this.#api.unregisterPlatformAccessories(PLUGIN_NAME, PLATFORM_NAME, stale);
    for (const accessory of stale) {
      this.#log.info(
        `Removed ${accessory.displayName}: the car is no longer on the account or in the configuration.`,
      );
    }
  }

  #eventArrived(event: VehicleEvent): void {
    const accessory = this.#accessoryOf(event.vin);
    if (accessory === undefined) return;
    const about = typeof event.detail.geofence === 'string' ? ` (${event.detail.geofence})` : '';
    this.#log.debug(`${accessory.accessory.displayName}: ${event.type}${about}.`);
    accessory.onEvent(event);
  }

  /**
   * A warning of the account, at most once an hour per cause. A vehicle BMW maps to a secondary
   * user is a fact of the account, not a fault (the settings page lists it): told at info level.
   */
  #warning(message: string): void {
    const name = this.#settings?.name ?? PLATFORM_NAME;
    if (/ is skipped: it is mapped as /.test(message)) {
      this.#log.info(`${name}: ${message}`);
      return;
    }
    this.#log.warn(`warning:${message.replace(/\d+/g, '#')}`, `${name}: ${message}`);
  }

  #connectionChanged(connection: LiveConnection): void {
    const name = this.#settings?.name ?? PLATFORM_NAME;
    switch (connection.state) {
      case 'connected':
        this.#log.recovered('connection', `${name}: connected again.`);
        this.#log.info(`${name}: connected to ${describe(this.#settings)}.`);
        this.#reconcile();
        break;
      case 'reconnecting':
        if (connection.reason === 'ID token expires soon')
          this.#log.debug(`${name}: reconnecting with a fresh token.`);
        else
          this.#log.warn(
            'connection',
            `${name}: connection lost (${connection.reason ?? 'no reason given'}); retrying.`,
          );
        break;
      case 'kicked':
        this.#log.warn(
          'connection',
          `${name}: ${connection.reason ?? 'another program took over the BMW stream.'}`,
        );
        break;
      case 'failed':
        this.#log.warn('failed', `${name}: ${connection.reason ?? 'the account cannot continue.'}`);
        break;
      default:
        break;
    }
    for (const accessory of this.#accessories.values()) accessory.update();
  }

  #safely(task: () => void): void {
    try {
      task();
    } catch (error) {
      this.#log.warn(
        `handler:${messageOf(error).slice(0, 40)}`,
        `Internal error (ignored): ${messageOf(error)}`,
      );
    }
  }
}

/** The first wait before trying to reach the hub again, and the longest one. */
const HUB_RETRY_FIRST_MS = 5_000;
const HUB_RETRY_MAX_MS = 5 * 60_000;

/** What the user can do about an account that could not be opened, as a sentence (or nothing). */
function fixOf(settings: PlatformSettings, error: unknown): string {
  if (!isBimmerError(error, 'auth')) return '';
  return settings.transport === 'hub'
    ? ' Set "hubApiKey" to the API key the hub was started with (--api-key or BIMMER_HUB_API_KEY), then restart Homebridge.'
    : " Log in on the plugin's settings page (Homebridge UI, Plugins, Bimmer, Settings), then restart Homebridge.";
}

function describe(settings: PlatformSettings | undefined): string {
  switch (settings?.transport) {
    case 'mybmw':
      return 'MyBMW';
    case 'hub':
      return 'the bimmer hub';
    case 'demo':
      return 'the demo car park (simulated, no internet)';
    default:
      return 'BMW CarData';
  }
}

/** The budget in words: the plan's own sentence when the transport has one, else the numbers. */
function budgetText(budget: LiveBudget): string {
  return budget.summary !== undefined
    ? budget.summary
    : `${budget.used} of ${budget.limit} calls used, ${budget.left} left.`;
}

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
