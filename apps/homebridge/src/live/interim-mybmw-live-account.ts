import { readFileSync } from 'node:fs';
import { FileTokenStore } from '@bimmer/auth';
import { writeFileAtomic } from '@bimmer/auth/internal';
import {
  isBimmerError,
  type LiveAccount,
  type LiveAccountEventName,
  type LiveAccountEvents,
  type LiveConnection,
  type LiveVehicle,
  type VehicleEventSettings,
  VehicleEventTracker,
  type VehicleSnapshot,
  vehicleFromJSON,
  vehicleToJSON,
} from '@bimmer/core';
import { MyBMWAccount, type MyBMWVehicle } from '@bimmer/mybmw';
import { remoteServices } from '@bimmer/remote';
import { LiveEvents } from './live-events';
import { snapshotLiveVehicle } from './snapshot-live-vehicle';
import type { CommandProgress, VehicleCommands } from './vehicle-commands';

/*
 * INTERIM ADAPTER (the last one). A minimal polling `LiveAccount` over today's `MyBMWAccount`, until
 * the real MyBMW live account of @bimmer/mybmw (jittered polling, backoff on 429 and quota errors,
 * quiet hours, a refresh after each command, `failed` on 489) lands. The integrator replaces its use
 * in open-live-account.ts and deletes this file. The commands (lock, climate) stay: they come from
 * @bimmer/remote, which the contract does not cover. Derived events already come from core's
 * `VehicleEventTracker`, as in every live account (its memory is not persisted here).
 */

/** Options of {@link InterimMyBMWLiveAccount}. */
export interface InterimMyBMWOptions {
  readonly username: string;
  readonly password: string;
  readonly region: string;
  readonly captchaToken?: string | undefined;
  /** Where the MyBMW tokens are kept (inside Homebridge's storage path). */
  readonly tokenFile: string;
  /** Where the last snapshots are kept between restarts. */
  readonly liveStatePath: string;
  readonly baseUrl?: string | undefined;
  readonly staleAfterMs: number;
  /** Geofences (and thresholds) of the derived events, as every live account takes them. */
  readonly events?: VehicleEventSettings | undefined;
  /** Poll interval; default 5 minutes. */
  readonly pollIntervalMs?: number | undefined;
  /** Remote-service status polling (tests make it quick). */
  readonly commandPollIntervalMs?: number | undefined;
  readonly now?: (() => number) | undefined;
}

const DEFAULT_POLL_MS = 5 * 60_000;

/** A polling MyBMW live account with remote commands. */
export class InterimMyBMWLiveAccount implements LiveAccount, VehicleCommands {
  readonly kind = 'mybmw' as const;
  readonly canLock = true;
  readonly canClimate = true;
  readonly #options: InterimMyBMWOptions;
  readonly #now: () => number;
  readonly #events = new LiveEvents();
  readonly #snapshots = new Map<string, { snapshot: VehicleSnapshot; restored: boolean }>();
  readonly #account: MyBMWAccount;
  /** Derived events (trips inferred from mileage and position, arrived / left) as core defines them. */
  readonly #tracker: VehicleEventTracker;
  #connection: LiveConnection;
  #timer: NodeJS.Timeout | undefined;
  #running = false;
  #failures = 0;

  constructor(options: InterimMyBMWOptions) {
    this.#options = options;
    this.#now = options.now ?? Date.now;
    this.#connection = { state: 'idle', since: new Date(this.#now()) };
    this.#tracker = new VehicleEventTracker({ settings: options.events });
    this.#account = new MyBMWAccount({
      username: options.username,
      password: options.password,
      region: options.region,
      ...(options.captchaToken === undefined ? {} : { captchaToken: options.captchaToken }),
      tokenStore: new FileTokenStore(options.tokenFile),
      ...(options.baseUrl === undefined ? {} : { baseUrl: options.baseUrl }),
    });
    try {
      const saved = JSON.parse(readFileSync(options.liveStatePath, 'utf8')) as { vehicles?: unknown[] };
      for (const json of saved.vehicles ?? []) {
        const snapshot = vehicleFromJSON(json);
        this.#snapshots.set(snapshot.vin, { snapshot, restored: true });
        this.#tracker.seed(snapshot);
      }
    } catch {
      // No saved state yet (or unreadable): the first poll fills it.
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

  get budget(): undefined {
    return undefined;
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
    await this.#poll();
  }

  async stop(): Promise<void> {
    this.#running = false;
    clearTimeout(this.#timer);
    this.#timer = undefined;
    if (this.#connection.state !== 'idle') this.#setConnection({ state: 'stopped' });
  }

  async refresh(vin?: string): Promise<readonly LiveVehicle[]> {
    await this.#account.getVehicles();
    this.#take(this.#account.vehicles, true);
    return vin === undefined ? this.vehicles : [this.getVehicle(vin)].flatMap((v) => v ?? []);
  }

  async setLocked(
    vin: string,
    locked: boolean,
    onProgress: (progress: CommandProgress) => void,
  ): Promise<void> {
    const vehicle = this.#vehicle(vin);
    const services = remoteServices(vehicle, this.#commandOptions(onProgress));
    const result = locked ? await services.triggerRemoteDoorLock() : await services.triggerRemoteDoorUnlock();
    this.#take([vehicle], true);
    if (result.followUpError !== undefined) throw result.followUpError;
  }

  async setClimate(vin: string, on: boolean, onProgress: (progress: CommandProgress) => void): Promise<void> {
    const vehicle = this.#vehicle(vin);
    const services = remoteServices(vehicle, this.#commandOptions(onProgress));
    const result = on
      ? await services.triggerRemoteAirConditioning()
      : await services.triggerRemoteAirConditioningStop();
    this.#take([vehicle], true);
    if (result.followUpError !== undefined) throw result.followUpError;
  }

  #commandOptions(onProgress: (progress: CommandProgress) => void) {
    const interval = this.#options.commandPollIntervalMs;
    return {
      onProgress: (transition: { state: string; elapsedMs: number }) =>
        onProgress({ state: transition.state, elapsedMs: transition.elapsedMs }),
      ...(interval === undefined ? {} : { pollIntervalMs: interval, refreshDelayMs: interval }),
    };
  }

  #vehicle(vin: string): MyBMWVehicle {
    const vehicle = this.#account.getVehicle(vin);
    if (vehicle === undefined) throw new Error('This vehicle is not loaded from MyBMW yet.');
    return vehicle;
  }

  async #poll(): Promise<void> {
    if (!this.#running) return;
    let wait = this.#options.pollIntervalMs ?? DEFAULT_POLL_MS;
    try {
      await this.#account.getVehicles();
      const listed = new Set(this.#account.vehicles.map((vehicle) => vehicle.vin));
      for (const vin of [...this.#snapshots.keys()]) if (!listed.has(vin)) this.#snapshots.delete(vin);
      this.#take(this.#account.vehicles, true);
      this.#failures = 0;
      this.#setConnection({ state: 'connected' });
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error);
      if (
        isBimmerError(error, 'auth') ||
        isBimmerError(error, 'blocked') ||
        isBimmerError(error, 'captcha-required')
      ) {
        this.#setConnection({ state: 'failed', reason: message, code: error.code });
        return;
      }
      this.#failures++;
      wait = Math.min(60 * 60_000, wait * 2 ** Math.min(this.#failures, 4));
      this.#setConnection({ state: 'reconnecting', reason: message, retryAt: new Date(this.#now() + wait) });
    }
    if (!this.#running) return;
    this.#timer = setTimeout(() => void this.#poll(), wait);
    this.#timer.unref?.();
  }

  #take(vehicles: readonly MyBMWVehicle[], emit: boolean): void {
    for (const vehicle of vehicles) {
      const snapshot = vehicle.snapshot;
      const previous = this.#snapshots.get(vehicle.vin)?.snapshot;
      this.#snapshots.set(vehicle.vin, { snapshot, restored: false });
      const before =
        previous === undefined
          ? undefined
          : JSON.stringify(vehicleToJSON({ ...previous, fetchedAt: snapshot.fetchedAt }));
      if (emit && before !== JSON.stringify(vehicleToJSON(snapshot))) {
        this.#events.emit('change', {
          vin: vehicle.vin,
          changes: [{ path: '', time: { at: snapshot.fetchedAt, source: 'mybmw', channel: 'poll' } }],
          snapshot,
          channel: 'poll',
        });
      }
      const events = this.#tracker.track(snapshot);
      if (emit) for (const event of events) this.#events.emit('event', event);
    }
    void writeFileAtomic(
      this.#options.liveStatePath,
      `${JSON.stringify({ vehicles: [...this.#snapshots.values()].map((held) => vehicleToJSON(held.snapshot)) })}\n`,
    ).catch(() => {});
  }

  #setConnection(connection: Omit<LiveConnection, 'since'>): void {
    if (connection.state === this.#connection.state && connection.reason === this.#connection.reason) return;
    this.#connection = { ...connection, since: new Date(this.#now()) };
    this.#events.emit('connection', this.#connection);
  }
}
