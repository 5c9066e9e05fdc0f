import { FileTokenStore } from '@bimmer/auth';
import {
  type CarDataAccount,
  type CarDataStreamHandle,
  type CarDataVehicle,
  carDataStatePathFor,
  openCarDataAccount,
  type StreamStateChange,
  toVehicleSnapshot,
} from '@bimmer/cardata';
import {
  isBimmerError,
  type LiveAccount,
  type LiveAccountEventName,
  type LiveAccountEvents,
  type LiveBudget,
  type LiveConnection,
  type LiveFieldChange,
  type LiveVehicle,
  type VehicleSnapshot,
} from '@bimmer/core';
import {
  type PersistedVehicle,
  persistTelemetry,
  readTelemetryState,
  restoreTelemetry,
  telemetryOf,
  writeTelemetryState,
} from './interim-telemetry-state';
import { LiveEvents } from './live-events';
import { snapshotLiveVehicle } from './snapshot-live-vehicle';

/*
 * INTERIM ADAPTER. This file wraps today's `CarDataAccount` (@bimmer/cardata) in a minimal
 * `LiveAccount` until the real CarData live account (persisted state beside the ledger, a REST
 * budget policy, derived vehicle events) lands. The integrator replaces its use in
 * open-live-account.ts and deletes it together with interim-telemetry-state.ts.
 */

/** Options of {@link InterimCarDataLiveAccount}. */
export interface InterimCarDataOptions {
  /** The CarData token file (the login of the settings page or `bimmer login --cardata`). */
  readonly tokenFile: string;
  /** BMW's login and REST host (the simulator in tests). */
  readonly baseUrl?: string | undefined;
  /** BMW's stream broker. */
  readonly streamUrl?: string | undefined;
  /** Where the last value of every field is kept between restarts. */
  readonly liveStatePath: string;
  readonly staleAfterMs: number;
  /** Observes every REST call sent. */
  readonly onRequest?: ((request: { method: string; path: string }) => void) | undefined;
  readonly now?: (() => number) | undefined;
}

const PERSIST_DELAY_MS = 5_000;
const FIRST_RETRY_MS = 60_000;
const MAX_RETRY_MS = 30 * 60_000;

/**
 * A minimal CarData {@link LiveAccount}: restores the last values at construction, then loads the
 * vehicles from the cached mappings (no REST call once cached), reads over REST only vehicles it
 * knows nothing about, and streams. No budget policy and no derived events.
 */
export class InterimCarDataLiveAccount implements LiveAccount {
  readonly kind = 'cardata' as const;
  readonly #options: InterimCarDataOptions;
  readonly #now: () => number;
  readonly #events = new LiveEvents();
  readonly #snapshots = new Map<string, { snapshot: VehicleSnapshot; restored: boolean }>();
  readonly #persisted: Map<string, PersistedVehicle>;
  #account: CarDataAccount | undefined;
  #stream: CarDataStreamHandle | undefined;
  #connection: LiveConnection;
  #budget: LiveBudget | undefined;
  #persistTimer: NodeJS.Timeout | undefined;
  #retryTimer: NodeJS.Timeout | undefined;
  #retryMs = FIRST_RETRY_MS;
  #running = false;
  #unsubscribe: (() => void)[] = [];

  constructor(options: InterimCarDataOptions) {
    this.#options = options;
    this.#now = options.now ?? Date.now;
    this.#connection = { state: 'idle', since: new Date(this.#now()) };
    this.#persisted = readTelemetryState(options.liveStatePath);
    for (const [vin, persisted] of this.#persisted) {
      const snapshot = toVehicleSnapshot({
        vin,
        basicData: persisted.basicData,
        telemetry: telemetryOf(vin, persisted),
        fetchedAt: new Date(this.#now()),
      });
      this.#snapshots.set(vin, { snapshot, restored: true });
    }
  }

  get vehicles(): readonly LiveVehicle[] {
    return [...this.#snapshots.keys()].flatMap((vin) => this.getVehicle(vin) ?? []);
  }

  getVehicle(vin: string): LiveVehicle | undefined {
    const held = this.#snapshots.get(vin);
    return held === undefined
      ? undefined
      : snapshotLiveVehicle(held.snapshot, held.restored, this.#options.staleAfterMs, this.#now);
  }

  get connection(): LiveConnection {
    return this.#connection;
  }

  get budget(): LiveBudget | undefined {
    return this.#budget;
  }

  on<E extends LiveAccountEventName>(
    event: E,
    listener: (payload: LiveAccountEvents[E]) => void,
  ): () => void {
    return this.#events.on(event, listener);
  }

  async start(): Promise<void> {
    if (this.#running) return;
    this.#running = true;
    this.#setConnection({ state: 'connecting' });
    await this.#connect();
  }

  async stop(): Promise<void> {
    this.#running = false;
    clearTimeout(this.#retryTimer);
    for (const unsubscribe of this.#unsubscribe) unsubscribe();
    this.#unsubscribe = [];
    const stream = this.#stream;
    this.#stream = undefined;
    await stream?.stop().catch(() => {});
    this.#account = undefined;
    await this.#persistNow();
    if (this.#connection.state !== 'idle') this.#setConnection({ state: 'stopped' });
  }

  async refresh(vin?: string): Promise<readonly LiveVehicle[]> {
    const account = this.#account;
    if (account === undefined) throw new Error('The CarData account is not started.');
    const targets = vin === undefined ? account.vehicles : [account.getVehicle(vin)].flatMap((v) => v ?? []);
    for (const vehicle of targets) {
      await vehicle.getVehicleState();
    }
    await this.#updateBudget();
    return targets.flatMap((vehicle) => this.getVehicle(vehicle.vin) ?? []);
  }

  async #connect(): Promise<void> {
    try {
      const account = await openCarDataAccount({
        tokenStore: new FileTokenStore(this.#options.tokenFile),
        statePath: carDataStatePathFor(this.#options.tokenFile),
        refreshLockPath: `${this.#options.tokenFile}.lock`,
        ...(this.#options.baseUrl === undefined
          ? {}
          : { loginBaseUrl: this.#options.baseUrl, apiBaseUrl: this.#options.baseUrl }),
        ...(this.#options.streamUrl === undefined ? {} : { streamUrl: this.#options.streamUrl }),
        ...(this.#options.onRequest === undefined ? {} : { onRequest: this.#options.onRequest }),
      });
      if (!this.#running) return;
      this.#account = account;
      const onChange = (event: { vin: string; descriptors: string[] }) =>
        this.#changed(event.vin, event.descriptors);
      const onConnection = (change: StreamStateChange) => this.#streamState(change);
      const onWarning = (text: string) => {
        // A SECONDARY vehicle is a fact of the account, told on every load; the settings page lists it.
        if (/ is skipped: /.test(text)) return;
        this.#events.emit('warning', { message: text, at: new Date(this.#now()) });
      };
      account.on('change', onChange);
      account.on('connection', onConnection);
      account.on('warning', onWarning);
      this.#unsubscribe.push(() => {
        account.off('change', onChange);
        account.off('connection', onConnection);
        account.off('warning', onWarning);
      });
      await account.getVehicles({ fetchState: false });
      const known = new Set(account.vehicles.map((vehicle) => vehicle.vin));
      for (const vin of [...this.#snapshots.keys()]) {
        if (!known.has(vin)) {
          this.#snapshots.delete(vin);
          this.#persisted.delete(vin);
        }
      }
      const unknown = account.vehicles.filter((vehicle) => !this.#persisted.has(vehicle.vin));
      for (const vehicle of account.vehicles) {
        const persisted = this.#persisted.get(vehicle.vin);
        if (persisted !== undefined) restoreTelemetry(vehicle.telemetry, persisted);
        this.#hold(vehicle, this.#snapshots.get(vehicle.vin)?.restored ?? false);
      }
      for (const vehicle of unknown) {
        if (this.#running) await vehicle.getVehicleState();
      }
      await this.#updateBudget();
      if (!this.#running) return;
      this.#stream = await account.stream();
      this.#retryMs = FIRST_RETRY_MS;
    } catch (error) {
      if (!this.#running) return;
      const message = error instanceof Error ? error.message : String(error);
      if (isBimmerError(error, 'auth')) {
        this.#setConnection({
          state: 'failed',
          code: 'auth',
          reason: `${message} Log in on the plugin's settings page (Homebridge UI, Bimmer, Settings).`,
        });
        return;
      }
      const wait = this.#retryMs;
      this.#retryMs = Math.min(MAX_RETRY_MS, this.#retryMs * 2);
      this.#setConnection({
        state: 'reconnecting',
        reason: message,
        retryAt: new Date(this.#now() + wait),
        ...(isBimmerError(error) ? { code: error.code } : {}),
      });
      this.#retryTimer = setTimeout(() => void this.#connect(), wait);
      this.#retryTimer.unref?.();
    }
  }

  #hold(vehicle: CarDataVehicle, restored: boolean): VehicleSnapshot {
    const snapshot = vehicle.snapshot;
    this.#snapshots.set(vehicle.vin, { snapshot, restored });
    this.#persisted.set(vehicle.vin, persistTelemetry(vehicle.telemetry, vehicle.basicData));
    return snapshot;
  }

  #changed(vin: string, descriptors: readonly string[]): void {
    try {
      this.#take(vin, descriptors);
    } catch (error) {
      // Called from the stream's message handler: nothing may escape into it.
      this.#events.emit('warning', {
        message: `Could not apply a change: ${error instanceof Error ? error.message : String(error)}`,
        at: new Date(this.#now()),
      });
    }
  }

  #take(vin: string, descriptors: readonly string[]): void {
    const vehicle = this.#account?.getVehicle(vin);
    if (vehicle === undefined) return;
    const snapshot = this.#hold(vehicle, false);
    const wanted = new Set(descriptors);
    const changes: LiveFieldChange[] = [];
    for (const [path, time] of Object.entries(snapshot.fieldTimes ?? {})) {
      if (time?.descriptor !== undefined && wanted.has(time.descriptor)) changes.push({ path, time });
    }
    const channel = changes.some((change) => change.time.channel === 'rest') ? 'rest' : 'stream';
    this.#events.emit('change', { vin, changes, snapshot, channel });
    this.#schedulePersist();
  }

  #streamState(change: StreamStateChange): void {
    if (!this.#running) return;
    switch (change.state) {
      case 'connected':
        this.#setConnection({ state: 'connected' });
        break;
      case 'connecting':
        this.#setConnection({ state: 'connecting' });
        break;
      case 'reconnecting': {
        const kicked = change.reason?.includes('another client') === true;
        this.#setConnection({
          state: kicked ? 'kicked' : 'reconnecting',
          reason: kicked
            ? 'BMW closed the stream: another program may use the same CarData account (BMW allows one stream). Share it through bimmer hub.'
            : change.reason,
          retryAt: change.retryInMs === undefined ? undefined : new Date(this.#now() + change.retryInMs),
        });
        break;
      }
      case 'closed':
        this.#setConnection({ state: 'stopped' });
        break;
      default:
        break;
    }
  }

  #setConnection(connection: Omit<LiveConnection, 'since'>): void {
    this.#connection = { ...connection, since: new Date(this.#now()) };
    this.#events.emit('connection', this.#connection);
  }

  async #updateBudget(): Promise<void> {
    try {
      const usage = await this.#account?.quota();
      if (usage === undefined) return;
      this.#budget = {
        limit: usage.limit,
        used: usage.used,
        left: usage.remaining,
        reserve: 0,
        nextFreeAt: usage.nextFreeAt,
        blockedUntil: usage.blockedUntil,
      };
      this.#events.emit('budget', this.#budget);
    } catch {
      // The budget display is informative; a read failure leaves the last one.
    }
  }

  #schedulePersist(): void {
    if (this.#persistTimer !== undefined) return;
    this.#persistTimer = setTimeout(() => {
      this.#persistTimer = undefined;
      void this.#persistNow();
    }, PERSIST_DELAY_MS);
    this.#persistTimer.unref?.();
  }

  async #persistNow(): Promise<void> {
    clearTimeout(this.#persistTimer);
    this.#persistTimer = undefined;
    try {
      await writeTelemetryState(this.#options.liveStatePath, this.#persisted);
    } catch (error) {
      this.#events.emit('warning', {
        message: `Could not save the last vehicle state: ${error instanceof Error ? error.message : String(error)}`,
        at: new Date(this.#now()),
      });
    }
  }
}
