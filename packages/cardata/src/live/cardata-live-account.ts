import {
  type BimmerErrorCode,
  changedFields,
  createLiveVehicle,
  type FieldChannel,
  isBimmerError,
  type LiveAccount,
  type LiveAccountEventName,
  type LiveAccountEvents,
  type LiveConnection,
  type LiveRefreshOptions,
  type LiveVehicle,
  type LiveWarning,
  type VehicleEventTracker,
} from '@bimmer/core';
import { checkVin, ListenerRegistry, LiveLifecycle } from '@bimmer/core/internal';
import { cachedMappingsOf, unreadableReason } from '../account/cached-mappings';
import { CarDataNotFoundError, CarDataQuotaError } from '../errors/cardata-errors';
import type { QuotaLedger } from '../quota/quota-ledger';
import { callsInWindow, nextFreeAt } from '../quota/quota-window';
import type { CarDataTokenSource } from '../rest/token-source';
import { accountState, type CarDataAccountState, type CarDataStateStore } from '../store/state-store';
import type { CarDataStreamOptions, StreamStateChange } from '../stream/stream-connection';
import type { StreamMessage } from '../stream/stream-message';
import { acquireCarDataStream, type StreamLease } from '../stream/stream-registry';
import { liveConnectionOf } from './live-connection';
import type { PersistedLiveState } from './live-state';
import { type PolicyDecision, type RestBudgetPlan, RestBudgetPolicy } from './rest-budget-policy';
import type { RestBudgetSettings } from './rest-budget-settings';
import { RestReader } from './rest-reader';
import { ThrottledWriter } from './throttled-writer';
import { type BasicData, TrackedVehicle } from './tracked-vehicle';

/** What a {@link CarDataLiveAccount} is made of; `openCarDataLiveAccount` builds it. */
export interface CarDataLiveAccountParts {
  readonly tokens: CarDataTokenSource;
  readonly store: CarDataStateStore;
  /** The account's entry in the state file (`carDataAccountKey(gcid, apiBaseUrl)`). */
  readonly accountKey: string;
  readonly ledger: QuotaLedger;
  readonly reader: RestReader;
  readonly statePath: string;
  readonly streamUrl: string | undefined;
  readonly stream: Omit<CarDataStreamOptions, 'tokens' | 'url'> | undefined;
  readonly budget: RestBudgetSettings;
  readonly tracker: VehicleEventTracker;
  readonly staleAfterMs: number;
  readonly persistIntervalMs: number;
  readonly now: () => number;
  /** The account's entry as read at open (the restored state and the caches). */
  readonly restoredAccount: CarDataAccountState | undefined;
  readonly restoredLive: PersistedLiveState | undefined;
  /** Filled by the account: told of every REST call sent and of the state store's warnings. */
  readonly hooks: LiveAccountHooks;
}

/**
 * Callbacks the parts built before the account call into it. Warnings raised before the account
 * exists (an unreadable state file kept aside while opening) wait in `early` for `start()`.
 */
export interface LiveAccountHooks {
  onRestCall?: (() => void) | undefined;
  onWarning?: ((text: string) => void) | undefined;
  readonly early: string[];
}

/** The last explicit `refresh()`, as the budget shows it. */
export interface LastRefresh {
  readonly at: Date;
  /** The `reason` given to `refresh()`, if any. */
  readonly reason: string | undefined;
  /** The VINs read (or the one asked for). */
  readonly vins: readonly string[];
}

/** One stream message exactly as BMW sent it, as {@link CarDataLiveAccount.onRawMessage} hands it out. */
export interface RawStreamMessage {
  /** The vehicle (the last level of BMW's topic `<gcid>/<vin>`). */
  readonly vin: string;
  /** BMW's payload, byte for byte (it may be malformed: it is passed on before it is read). */
  readonly payload: Uint8Array;
}

/** The budget of a live CarData account: the policy's plan and the last explicit refresh. */
export interface CarDataLiveBudget extends RestBudgetPlan {
  readonly lastRefresh?: LastRefresh | undefined;
}

/**
 * A live BMW CarData account (the live-account contract of `@bimmer/core`, kind `cardata`): every
 * vehicle's last known state from the first moment (restored from the state file without a REST
 * call), kept current by the stream, with REST spent only by the budget policy (what the stream
 * cannot deliver, or a silent stream) and by explicit `refresh()` calls. Derived vehicle events,
 * field times and staleness come from `@bimmer/core`, so they mean the same as on every transport.
 * Create it with `openCarDataLiveAccount`.
 */
export class CarDataLiveAccount implements LiveAccount {
  readonly kind = 'cardata' as const;
  /** The state file the account persists to (beside the ledger). */
  readonly statePath: string;
  /** The REST budget settings in force (defaults filled in). */
  readonly budgetSettings: RestBudgetSettings;
  readonly #parts: CarDataLiveAccountParts;
  readonly #now: () => number;
  readonly #policy: RestBudgetPolicy;
  readonly #tracker: VehicleEventTracker;
  readonly #listeners: ListenerRegistry<LiveAccountEvents>;
  readonly #lifecycle = new LiveLifecycle({ start: () => this.#start(), stop: () => this.#stop() });
  readonly #vehicles = new Map<string, TrackedVehicle>();
  readonly #live = new Map<string, LiveVehicle>();
  readonly #writer: ThrottledWriter;
  /** Basic data cached beside the tokens, by VIN, for vehicles first seen on the stream. */
  readonly #basicDataCache = new Map<string, BasicData>();
  readonly #pendingWarnings: LiveWarning[] = [];
  readonly #rawListeners = new Set<{ readonly listener: (message: RawStreamMessage) => void }>();
  #connection: LiveConnection;
  #budget!: CarDataLiveBudget;
  #lastBudgetKey = '';
  #lastRefresh: LastRefresh | undefined;
  #discoveryAttemptAt: number | undefined;
  #lease: StreamLease | undefined;
  #detachStream: (() => void) | undefined;
  #policyTimer: NodeJS.Timeout | undefined;
  #evaluating: Promise<void> | undefined;
  /** REST work runs one task at a time (policy reads and refreshes never overlap). */
  #restQueue: Promise<unknown> = Promise.resolve();
  #budgetQueue: Promise<unknown> = Promise.resolve();

  /** @internal Use `openCarDataLiveAccount`: restores the state and plans the budget before returning. */
  static async create(parts: CarDataLiveAccountParts): Promise<CarDataLiveAccount> {
    const account = new CarDataLiveAccount(parts);
    const plan = (await account.#decide()).plan;
    account.#budget = { ...plan, lastRefresh: undefined };
    account.#lastBudgetKey = budgetKey(account.#budget, parts.now());
    return account;
  }

  private constructor(parts: CarDataLiveAccountParts) {
    this.#parts = parts;
    this.statePath = parts.statePath;
    this.budgetSettings = parts.budget;
    this.#now = parts.now;
    this.#policy = new RestBudgetPolicy(parts.budget);
    this.#tracker = parts.tracker;
    this.#connection = { state: 'idle', since: new Date(parts.now()) };
    this.#listeners = new ListenerRegistry<LiveAccountEvents>({
      onListenerError: (error, event) => {
        // A throwing warning listener must not cause warnings without end.
        if (event === 'warning') return;
        this.#warn(`A listener of the "${String(event)}" event failed: ${messageOf(error)}`);
      },
    });
    this.#writer = new ThrottledWriter(
      () => this.#persist(),
      parts.persistIntervalMs,
      (error) => this.#warn(`Could not write the CarData state file: ${messageOf(error)}`, error),
    );
    parts.hooks.onRestCall = () => this.#queueBudget();
    parts.hooks.onWarning = (text) => this.#warn(text);
    for (const text of parts.hooks.early.splice(0)) this.#warn(text);
    this.#restore();
  }

  /** Every vehicle known, restored or live, in the order they became known. */
  get vehicles(): readonly LiveVehicle[] {
    return [...this.#live.values()];
  }

  /** One vehicle by VIN. */
  getVehicle(vin: string): LiveVehicle | undefined {
    return this.#live.get(vin);
  }

  /** Where the stream stands (`idle` until `start()`). */
  get connection(): LiveConnection {
    return this.#connection;
  }

  /** The REST budget with the policy's plan ("next REST read at 18:00, 37 calls left"). */
  get budget(): CarDataLiveBudget {
    return this.#budget;
  }

  /** Subscribes to an event; returns the function that unsubscribes. Throwing listeners are isolated. */
  on<E extends LiveAccountEventName>(
    event: E,
    listener: (payload: LiveAccountEvents[E]) => void,
  ): () => void {
    return this.#listeners.on(event, listener);
  }

  /**
   * Subscribes to BMW's stream messages exactly as they arrive, before they are read: for relays
   * that pass BMW's own format on to tools that already parse it (the hub's `raw/<VIN>` topics).
   * Only messages of this account's stream while it runs; a listener that throws is isolated and
   * told as a `warning`. Returns the function that unsubscribes.
   */
  onRawMessage(listener: (message: RawStreamMessage) => void): () => void {
    const subscription = { listener };
    this.#rawListeners.add(subscription);
    return () => {
      this.#rawListeners.delete(subscription);
    };
  }

  /**
   * Starts the stream and the budget policy. Resolves once started, not once connected (watch the
   * `connection` event). Calling it again while running does nothing; after `stop()` it starts anew.
   */
  start(): Promise<void> {
    return this.#lifecycle.start();
  }

  /**
   * Stops the stream and the policy, waits for a REST read under way, and writes the state file.
   * Afterwards nothing of the account runs (no timer, socket or lock file). Idempotent.
   */
  stop(): Promise<void> {
    return this.#lifecycle.stop();
  }

  /**
   * Reads the vehicle (or every vehicle) now over REST, spending budget, the reserve included. When
   * the budget cannot pay for it (calls left, BMW's block, a lost ledger) it rejects with a
   * `CarDataQuotaError` carrying `retryAt`, before anything is sent. Resolves with the vehicles read.
   */
  refresh(vin?: string, options: LiveRefreshOptions = {}): Promise<readonly LiveVehicle[]> {
    try {
      if (vin !== undefined) checkVin(vin);
    } catch (error) {
      return Promise.reject(error);
    }
    return this.#serial(() => this.#refresh(vin, options.reason));
  }

  // ---------------------------------------------------------------- restore and persist

  #restore(): void {
    const now = this.#now();
    const account = this.#parts.restoredAccount;
    for (const [vin, cached] of Object.entries(account?.basicData ?? {})) {
      this.#basicDataCache.set(vin, cached.value as BasicData);
    }
    const live = this.#parts.restoredLive;
    this.#discoveryAttemptAt = live?.discoveryAttemptAt;
    for (const [vin, persisted] of Object.entries(live?.vehicles ?? {})) {
      const vehicle = TrackedVehicle.restore(vin, persisted, this.#basicDataCache.get(vin));
      this.#vehicles.set(vin, vehicle);
      const snapshot = vehicle.snapshot(now);
      this.#tracker.seed(snapshot, persisted.memory);
      this.#live.set(vin, this.#liveVehicle(vehicle, now));
    }
    // Vehicles the account maps but never saw live (the CLI read the list): known, without data.
    for (const mapping of cachedMappingsOf(account)?.mappings ?? []) {
      if (!mapping.readable || this.#vehicles.has(mapping.vin)) continue;
      const vehicle = new TrackedVehicle(mapping.vin, this.#basicDataCache.get(mapping.vin));
      vehicle.restored = true;
      this.#vehicles.set(mapping.vin, vehicle);
      this.#tracker.seed(vehicle.snapshot(now));
      this.#live.set(mapping.vin, this.#liveVehicle(vehicle, now));
    }
  }

  #liveVehicle(vehicle: TrackedVehicle, now: number): LiveVehicle {
    return createLiveVehicle(vehicle.snapshot(now), {
      restored: vehicle.restored,
      staleAfterMs: this.#parts.staleAfterMs,
      now: this.#now,
    });
  }

  /** The `live` entry as it stands now. */
  #persistedState(): PersistedLiveState {
    const now = this.#now();
    const vehicles: PersistedLiveState['vehicles'] = Object.fromEntries(
      [...this.#vehicles].map(([vin, vehicle]) => [
        vin,
        vehicle.toPersisted(this.#tracker.memoryOf(vin), now),
      ]),
    );
    return { version: 1, vehicles, discoveryAttemptAt: this.#discoveryAttemptAt };
  }

  async #persist(): Promise<void> {
    const live = this.#persistedState();
    await this.#parts.store.update((state) => {
      accountState(state, this.#parts.accountKey).live = live;
    });
  }

  // ---------------------------------------------------------------- start and stop

  async #start(): Promise<void> {
    for (const warning of this.#pendingWarnings.splice(0)) this.#listeners.emit('warning', warning);
    this.#setConnection({ state: 'connecting', since: new Date(this.#now()) });
    let lease: StreamLease | undefined;
    try {
      lease = await acquireCarDataStream(this.#parts.tokens, {
        ...this.#parts.stream,
        url: this.#parts.streamUrl,
      });
    } catch (error) {
      const code: BimmerErrorCode | undefined = isBimmerError(error) ? error.code : undefined;
      this.#warn(`The CarData stream could not start: ${messageOf(error)}`, error);
      this.#setConnection({
        state: 'failed',
        since: new Date(this.#now()),
        reason: `the stream could not start: ${messageOf(error)}`,
        code,
      });
    }
    if (!this.#lifecycle.running) {
      await lease?.release();
      return;
    }
    if (lease !== undefined) this.#attach(lease);
    this.#schedulePolicy(0);
  }

  #attach(lease: StreamLease): void {
    this.#lease = lease;
    const connection = lease.connection;
    const onMessage = (message: StreamMessage) => this.#onStreamMessage(message);
    const onState = (change: StreamStateChange) => this.#setConnection(liveConnectionOf(change, this.#now()));
    const onWarning = (text: string) => this.#warn(text);
    const onRaw = (payload: Uint8Array, topic: string) => this.#onRawMessage(payload, topic);
    connection.on('raw', onRaw);
    connection.on('message', onMessage);
    connection.on('state', onState);
    connection.on('warning', onWarning);
    this.#detachStream = () => {
      connection.off('raw', onRaw);
      connection.off('message', onMessage);
      connection.off('state', onState);
      connection.off('warning', onWarning);
    };
    // A connection shared with another consumer of this process may already be up.
    this.#setConnection(liveConnectionOf({ state: connection.state }, this.#now()));
  }

  async #stop(): Promise<void> {
    clearTimeout(this.#policyTimer);
    this.#policyTimer = undefined;
    this.#detachStream?.();
    this.#detachStream = undefined;
    const lease = this.#lease;
    this.#lease = undefined;
    await lease?.release();
    // A REST read under way finishes (its call is spent) and is persisted with the rest.
    await this.#evaluating;
    await this.#restQueue.catch(() => {});
    await this.#budgetQueue.catch(() => {});
    await this.#writer.flush(true);
    this.#setConnection({ state: 'stopped', since: new Date(this.#now()) });
  }

  #setConnection(connection: LiveConnection): void {
    const previous = this.#connection;
    if (
      previous.state === connection.state &&
      previous.reason === connection.reason &&
      previous.retryAt?.getTime() === connection.retryAt?.getTime()
    ) {
      return;
    }
    // `since` is when the state began: a new wait in the same state keeps it.
    this.#connection =
      previous.state === connection.state ? { ...connection, since: previous.since } : connection;
    this.#listeners.emit('connection', this.#connection);
  }

  // ---------------------------------------------------------------- data

  #onRawMessage(payload: Uint8Array, topic: string): void {
    if (!this.#lifecycle.running || this.#rawListeners.size === 0) return;
    const message: RawStreamMessage = { vin: topic.slice(topic.lastIndexOf('/') + 1), payload };
    for (const { listener } of [...this.#rawListeners]) {
      try {
        listener(message);
      } catch (error) {
        this.#warn(`A listener of raw stream messages failed: ${messageOf(error)}`, error);
      }
    }
  }

  #onStreamMessage(message: StreamMessage): void {
    if (!this.#lifecycle.running) return;
    const now = this.#now();
    let vehicle = this.#vehicles.get(message.vin);
    if (vehicle === undefined) {
      vehicle = new TrackedVehicle(message.vin, this.#basicDataCache.get(message.vin));
      this.#vehicles.set(message.vin, vehicle);
    }
    const tracked = vehicle;
    tracked.lastStreamAt = now;
    this.#update(tracked, 'stream', () => tracked.telemetry.mergeStream(message.data).length > 0);
  }

  /**
   * Applies a change to a vehicle: `mutate` merges new data and says whether anything was taken.
   * Then the snapshot is rebuilt, the changed fields and the derived events are told, and the state
   * is written within the persist interval. Older values were already dropped by the telemetry, so
   * they neither change anything nor cause an event.
   */
  #update(vehicle: TrackedVehicle, channel: FieldChannel, mutate: () => boolean): void {
    const now = this.#now();
    const isNew = !this.#live.has(vehicle.vin);
    const previous = isNew ? undefined : vehicle.snapshot(now);
    const taken = mutate();
    if (!taken && !isNew) {
      this.#writer.request();
      return;
    }
    vehicle.updatedAt = now;
    vehicle.restored = false;
    vehicle.invalidate();
    const snapshot = vehicle.snapshot(now);
    const changes = changedFields(previous, snapshot);
    const events = this.#tracker.track(snapshot);
    this.#live.set(vehicle.vin, this.#liveVehicle(vehicle, now));
    this.#writer.request();
    if (changes.length > 0) {
      this.#listeners.emit('change', { vin: vehicle.vin, changes, snapshot, channel });
    }
    for (const event of events) this.#listeners.emit('event', event);
  }

  // ---------------------------------------------------------------- REST

  #serial<T>(task: () => Promise<T>): Promise<T> {
    const run = this.#restQueue.then(task, task);
    this.#restQueue = run.catch(() => {});
    return run;
  }

  /** Reads one vehicle's telematic data (and its basic data when missing). Throws what REST threw. */
  async #readVehicle(vehicle: TrackedVehicle): Promise<void> {
    let basicData: BasicData | undefined;
    if (vehicle.basicData === undefined) {
      try {
        basicData = await this.#parts.reader.basicData(vehicle.vin);
        this.#basicDataCache.set(vehicle.vin, basicData);
      } catch (error) {
        if (isBimmerError(error, 'auth') || isBimmerError(error, 'quota')) throw error;
        this.#warn(
          `Vehicle ${vehicle.vin}: its basic data (brand, model) could not be read: ${messageOf(error)}`,
          error,
        );
      }
    }
    const data = await this.#parts.reader.telematicData(vehicle.vin);
    vehicle.lastRestReadAt = this.#now();
    this.#update(vehicle, 'rest', () => {
      const changedBasics = basicData !== undefined;
      if (changedBasics) vehicle.basicData = basicData;
      return vehicle.telemetry.mergeRest(data).length > 0 || changedBasics;
    });
  }

  /** Reads the vehicle list (and each new vehicle's basic data); vehicles not PRIMARY are told once. */
  async #discover(): Promise<void> {
    const mappings = await this.#parts.reader.mappings();
    for (const mapping of mappings) {
      const unreadable = unreadableReason(mapping.mappingType);
      if (unreadable !== undefined) {
        this.#warn(`Vehicle ${mapping.vin} is skipped: ${unreadable}.`);
        continue;
      }
      if (this.#vehicles.has(mapping.vin)) continue;
      let basicData: BasicData | undefined;
      try {
        basicData = await this.#parts.reader.basicData(mapping.vin);
        this.#basicDataCache.set(mapping.vin, basicData);
      } catch (error) {
        if (isBimmerError(error, 'auth')) throw error;
        this.#warn(
          `Vehicle ${mapping.vin}: its basic data (brand, model) could not be read: ${messageOf(error)}`,
          error,
        );
      }
      const vehicle = this.#vehicles.get(mapping.vin) ?? new TrackedVehicle(mapping.vin, basicData);
      vehicle.basicData ??= basicData;
      this.#vehicles.set(mapping.vin, vehicle);
      this.#update(vehicle, 'rest', () => true);
    }
  }

  async #refresh(vin: string | undefined, reason: string | undefined): Promise<readonly LiveVehicle[]> {
    const discover = this.#vehicles.size === 0;
    if (vin !== undefined && !discover && !this.#vehicles.has(vin)) {
      throw new CarDataNotFoundError(`Vehicle ${vin} is not a vehicle of this CarData account.`, {
        hint: 'Only vehicles mapped to the account as PRIMARY can be read; check the VIN.',
        action: 'check-vin',
      });
    }
    const state = await this.#parts.store.read();
    const account = state.accounts[this.#parts.accountKey];
    const targets = vin !== undefined ? [vin] : [...this.#vehicles.keys()];
    let cost = targets.reduce((sum, target) => sum + RestReader.readCost(account, target), 0);
    // Discovery reads the vehicle list, then at least one vehicle (basic data, container, data).
    if (discover) cost += 1 + (vin === undefined ? RestReader.readCost(account, '') : 0);
    try {
      await this.#checkAffordable(cost, account, vin);
    } catch (error) {
      // The ledger may have moved under us (another program spent): show the budget as it stands,
      // before the caller hears of the refusal.
      this.#queueBudget();
      await this.#budgetQueue;
      throw error;
    }

    const now = this.#now();
    if (discover) await this.#discover();
    const reads = vin !== undefined ? [vin] : [...this.#vehicles.keys()];
    this.#lastRefresh = { at: new Date(now), reason, vins: reads };
    const refreshed: LiveVehicle[] = [];
    let firstError: unknown;
    for (const target of reads) {
      const vehicle = this.#vehicles.get(target);
      if (vehicle === undefined) {
        firstError ??= new CarDataNotFoundError(
          `Vehicle ${target} is not a vehicle of this CarData account.`,
          {
            action: 'check-vin',
          },
        );
        continue;
      }
      try {
        await this.#readVehicle(vehicle);
        const live = this.#live.get(target);
        if (live !== undefined) refreshed.push(live);
      } catch (error) {
        firstError ??= error;
        this.#warn(`Vehicle ${target} could not be refreshed: ${messageOf(error)}`, error);
      }
    }
    // The budget counts this read once refresh() settles (the hub answers with it).
    this.#queueBudget();
    await this.#budgetQueue;
    // A stopped account writes at once: no timer may outlive stop().
    if (!this.#lifecycle.running) await this.#writer.flush();
    if (refreshed.length === 0 && firstError !== undefined) throw firstError;
    return refreshed;
  }

  /** Refuses a refresh the budget cannot pay for, before anything is sent. */
  async #checkAffordable(
    cost: number,
    account: CarDataAccountState | undefined,
    vin: string | undefined,
  ): Promise<void> {
    const usage = await this.#parts.ledger.usage();
    const now = this.#now();
    const what = vin === undefined ? 'every vehicle' : `vehicle ${vin}`;
    if (usage.blockedUntil !== undefined || usage.lostLedger !== undefined) {
      const retryAt = usage.nextFreeAt;
      const why =
        usage.blockedUntil !== undefined
          ? 'BMW reported the CarData quota used up'
          : 'the quota ledger was lost, so the calls already spent are unknown';
      throw new CarDataQuotaError(
        `The refresh of ${what} was not sent: ${why}. The next call is free at ${retryAt.toISOString()}.`,
        { retryAt, action: 'wait', hint: 'The stream keeps the vehicles current meanwhile.' },
      );
    }
    if (usage.remaining >= cost) return;
    const calls = callsInWindow(this.budgetSettings.quotaWindow, account?.calls ?? [], now);
    const allowed = usage.limit - cost + 1;
    const retryAt =
      allowed > 0
        ? new Date(nextFreeAt(this.budgetSettings.quotaWindow, calls, allowed, now))
        : usage.nextFreeAt;
    throw new CarDataQuotaError(
      `The refresh of ${what} needs ${cost} REST call${cost === 1 ? '' : 's'} and ${usage.remaining} of ` +
        `${usage.limit} are left; nothing was sent. Enough calls are free at ${retryAt.toISOString()}.`,
      { retryAt, action: 'wait', hint: 'The stream keeps the vehicles current meanwhile.' },
    );
  }

  // ---------------------------------------------------------------- budget policy

  #schedulePolicy(delayMs: number): void {
    clearTimeout(this.#policyTimer);
    if (!this.#lifecycle.running) return;
    this.#policyTimer = setTimeout(() => {
      this.#policyTimer = undefined;
      this.#evaluating = this.#evaluate().finally(() => {
        this.#evaluating = undefined;
      });
    }, delayMs);
  }

  /** Decides, spends what is due (one action at a time, re-deciding after each), plans the next look. */
  async #evaluate(): Promise<void> {
    let nextDelay = this.budgetSettings.checkIntervalMs;
    try {
      for (let round = 0; round <= this.#vehicles.size + 1 && this.#lifecycle.running; round++) {
        const decision = await this.#decide();
        this.#setBudget(decision.plan);
        nextDelay = this.#delayUntil(decision);
        const due = decision.due;
        if (due === undefined || !this.#lifecycle.running) break;
        await this.#serial(async () => {
          if (!this.#lifecycle.running) return;
          if (due.kind === 'discover') {
            this.#discoveryAttemptAt = this.#now();
            this.#writer.request();
            try {
              await this.#discover();
            } catch (error) {
              this.#warn(`The automatic read of the vehicle list failed: ${messageOf(error)}`, error);
            }
            return;
          }
          const vehicle = this.#vehicles.get(due.vin);
          if (vehicle === undefined) return;
          // The attempt counts whatever happens: a failed read is never retried in a loop.
          vehicle.recordAutomaticRead(this.#now());
          this.#writer.request();
          try {
            await this.#readVehicle(vehicle);
          } catch (error) {
            this.#warn(
              `The automatic REST read (${due.reason}) of vehicle ${due.vin} failed: ${messageOf(error)}`,
              error,
            );
          }
        });
      }
    } catch (error) {
      this.#warn(`The REST budget could not be planned: ${messageOf(error)}`, error);
    }
    this.#schedulePolicy(nextDelay);
  }

  #delayUntil(decision: PolicyDecision): number {
    const interval = this.budgetSettings.checkIntervalMs;
    const next = decision.plan.nextRestReadAt?.getTime();
    if (next === undefined) return interval;
    return Math.min(interval, Math.max(10, next - this.#now()));
  }

  async #decide(): Promise<PolicyDecision> {
    const state = await this.#parts.store.read();
    const account = state.accounts[this.#parts.accountKey];
    const usage = await this.#parts.ledger.usage();
    const now = this.#now();
    return this.#policy.decide({
      now,
      usage,
      calls: callsInWindow(this.budgetSettings.quotaWindow, account?.calls ?? [], now),
      vehicles: [...this.#vehicles.values()].map((vehicle) => ({
        vin: vehicle.vin,
        lastRestReadAt: vehicle.lastRestReadAt,
        lastStreamAt: vehicle.lastStreamAt,
        newestFieldAt: vehicle.newestFieldAt,
        automaticReads: vehicle.automaticReads,
        cost: RestReader.readCost(account, vehicle.vin),
      })),
      discovery: this.#vehicles.size === 0 ? { lastAttemptAt: this.#discoveryAttemptAt, cost: 1 } : undefined,
    });
  }

  /** Re-plans after a spend (every REST call) and tells the `budget` event when anything moved. */
  #queueBudget(): void {
    this.#budgetQueue = this.#budgetQueue
      .then(async () => this.#setBudget((await this.#decide()).plan))
      .catch((error: unknown) => this.#warn(`The REST budget could not be read: ${messageOf(error)}`, error));
  }

  #setBudget(plan: RestBudgetPlan): void {
    const budget: CarDataLiveBudget = { ...plan, lastRefresh: this.#lastRefresh };
    this.#budget = budget;
    const key = budgetKey(budget, this.#now());
    if (key === this.#lastBudgetKey) return;
    this.#lastBudgetKey = key;
    this.#listeners.emit('budget', budget);
  }

  #warn(message: string, error?: unknown): void {
    const warning: LiveWarning = {
      message,
      code: isBimmerError(error) ? error.code : undefined,
      at: new Date(this.#now()),
    };
    if (this.#lifecycle.idle) {
      // Before start, nobody listens yet: told when the account starts.
      this.#pendingWarnings.push(warning);
      return;
    }
    this.#listeners.emit('warning', warning);
  }
}

/**
 * What makes two budgets different for a listener: the clock moving alone does not (a time that
 * has come counts as "now" whenever it was).
 */
function budgetKey(budget: CarDataLiveBudget, now: number): string {
  const time = (date: Date | undefined) =>
    date === undefined ? null : date.getTime() <= now ? 'now' : date.getTime();
  return JSON.stringify([
    budget.used,
    budget.left,
    time(budget.nextFreeAt),
    time(budget.nextRestReadAt),
    time(budget.blockedUntil),
    time(budget.discoveryAt),
    budget.vehicles.map((vehicle) => [
      vehicle.vin,
      vehicle.automaticReadsToday,
      time(vehicle.nextReadAt),
      vehicle.reason,
      vehicle.heldBy,
      vehicle.lastRestReadAt?.getTime(),
    ]),
    budget.lastRefresh?.at.getTime(),
  ]);
}

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
