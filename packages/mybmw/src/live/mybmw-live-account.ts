import {
  type BimmerError,
  BimmerQuotaError,
  BimmerValidationError,
  changedFields,
  createLiveVehicle,
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
import type { MyBMWAccount } from '../account/mybmw-account';
import type { MyBMWVehicle } from '../account/vehicle';
import type { ResolvedLiveSettings } from './live-account-options';
import {
  BLOCKED_LIVE_REASON,
  loginFailedReason,
  pollFailedReason,
  quietHoursReason,
  rateLimitedReason,
} from './live-connection';
import { type MyBMWLiveState, saveLiveStateFile } from './live-state';
import { type PollPlan, planPoll, pollBackoffMs } from './poll-schedule';
import { mergePolledSnapshot, type PolledVehicle } from './polled-snapshot';
import { type CheckedQuietHours, quietHoursEnd } from './quiet-hours';

/** The vehicle lists (and profiles) are loaded again once a day, so a car added to the account shows up. */
const LISTS_RELOAD_MS = 24 * 3_600_000;
/** The longest delay `setTimeout` holds (2^31 - 1 ms); a longer one would fire at once. */
const MAX_TIMER_MS = 2_147_483_647;
/** A report dated further ahead than this (a car with a wrong clock) is dated now plus this. */
const MAX_CLOCK_SKEW_MS = 10 * 60_000;

/** What a {@link MyBMWLiveAccount} is made of; `openMyBMWLiveAccount` builds it. */
export interface MyBMWLiveAccountParts {
  readonly account: MyBMWAccount;
  readonly statePath: string;
  /** The login's key in the state file (a hash of region and username), when the username is known. */
  readonly accountKey: string | undefined;
  /** The state file as read at open. */
  readonly restored: MyBMWLiveState | undefined;
  /** What opening found to tell (a damaged state file kept aside); told at `start()`. */
  readonly warnings: readonly string[];
  readonly tracker: VehicleEventTracker;
  readonly settings: ResolvedLiveSettings;
  readonly quietHours: CheckedQuietHours | undefined;
  readonly now: () => number;
  readonly random: () => number;
}

interface HeldVehicle {
  readonly polled: PolledVehicle;
  /** True until a poll brings something newer than the persisted state. */
  readonly restored: boolean;
  /** The raw answer of a car that sends no report time: the same answer again is the same measurement. */
  readonly answer?: string | undefined;
}

/**
 * A live MyBMW account (the live-account contract of `@bimmer/core`, kind `mybmw`): every
 * vehicle's last known state from the first moment (restored from the state file without a
 * request), kept current by polling MyBMW at an interval with jitter, quiet hours and backoff on
 * BMW's rate limits, with every field dated by the car's own report time (channel `poll`). Derived
 * vehicle events, field times and staleness come from `@bimmer/core`, so they mean the same as on
 * every transport. Remote commands run through {@link runRemoteService}, which refreshes the
 * vehicle afterwards. Create it with `openMyBMWLiveAccount`.
 *
 * When BMW blocks the client (HTTP 489) the connection goes to `failed` (code `blocked`, a reason
 * that points to BMW CarData) and polling stops; a login BMW refuses does the same (code `auth` or
 * `captcha-required`).
 */
export class MyBMWLiveAccount implements LiveAccount {
  readonly kind = 'mybmw' as const;
  /** The state file the account persists to. */
  readonly statePath: string;
  /**
   * The MyBMW account the live account polls through (its `vehicles` are the `MyBMWVehicle`s that
   * @bimmer/remote's `remoteServices(vehicle)` takes; prefer {@link runRemoteService}).
   */
  readonly myBMWAccount: MyBMWAccount;
  /** The polling settings in force (defaults filled in). */
  readonly settings: ResolvedLiveSettings;
  readonly #parts: MyBMWLiveAccountParts;
  readonly #now: () => number;
  readonly #tracker: VehicleEventTracker;
  readonly #listeners: ListenerRegistry<LiveAccountEvents>;
  readonly #lifecycle = new LiveLifecycle({ start: () => this.#start(), stop: () => this.#stop() });
  readonly #held = new Map<string, HeldVehicle>();
  readonly #live = new Map<string, LiveVehicle>();
  readonly #pendingWarnings: LiveWarning[] = [];
  #connection: LiveConnection;
  /** Polling stopped by itself (blocked, login refused) until a read succeeds or a new start. */
  #halted = false;
  #timer: NodeJS.Timeout | undefined;
  #nextPollAt: number | undefined;
  /** Polls that failed in a row. */
  #failures = 0;
  /** BMW's rate limit or quota: nothing is sent before this (epoch ms). */
  #backoffUntil: number | undefined;
  #listsLoadedAt: number | undefined;
  #polledAt: number | undefined;
  /** Polls, refreshes and the refresh after a command run one at a time. */
  #queue: Promise<unknown> = Promise.resolve();
  #dirty = false;
  #writing: Promise<void> = Promise.resolve();

  /** @internal Use `openMyBMWLiveAccount`: it reads the state file before building the account. */
  constructor(parts: MyBMWLiveAccountParts) {
    this.#parts = parts;
    this.statePath = parts.statePath;
    this.myBMWAccount = parts.account;
    this.settings = parts.settings;
    this.#now = parts.now;
    this.#tracker = parts.tracker;
    this.#connection = { state: 'idle', since: new Date(parts.now()) };
    this.#listeners = new ListenerRegistry<LiveAccountEvents>({
      onListenerError: (error, event) => {
        // A throwing warning listener must not cause warnings without end.
        if (event === 'warning') return;
        this.#warn(`A listener of the "${String(event)}" event failed: ${messageOf(error)}`);
      },
    });
    for (const text of parts.warnings) this.#warn(text);
    this.#restore();
  }

  /** Every vehicle known, restored or live, in the order they became known. */
  get vehicles(): readonly LiveVehicle[] {
    return [...this.#live.values()];
  }

  /** One vehicle by VIN (compared without case). */
  getVehicle(vin: string): LiveVehicle | undefined {
    const exact = this.#live.get(vin);
    if (exact !== undefined || typeof vin !== 'string') return exact;
    const wanted = vin.toUpperCase();
    for (const [known, vehicle] of this.#live) if (known.toUpperCase() === wanted) return vehicle;
    return undefined;
  }

  /** Where polling stands (`idle` until `start()`; `connected` after a successful poll). */
  get connection(): LiveConnection {
    return this.#connection;
  }

  /** MyBMW has no counted quota: always undefined (BMW's rate limits show in `connection`). */
  get budget(): undefined {
    return undefined;
  }

  /**
   * When the next automatic poll is due (in the past while it is under way); undefined while the
   * account does not poll (idle, stopped, failed).
   */
  get nextPollAt(): Date | undefined {
    return this.#nextPollAt === undefined ? undefined : new Date(this.#nextPollAt);
  }

  /** Until when BMW's rate limit or quota holds every request back (`refresh()` is refused). */
  get backoffUntil(): Date | undefined {
    const until = this.#backoffUntil;
    return until === undefined || until <= this.#now() ? undefined : new Date(until);
  }

  /** Subscribes to an event; returns the function that unsubscribes. Throwing listeners are isolated. */
  on<E extends LiveAccountEventName>(
    event: E,
    listener: (payload: LiveAccountEvents[E]) => void,
  ): () => void {
    return this.#listeners.on(event, listener);
  }

  /**
   * Starts polling: the first poll at once (after quiet hours, after BMW's `retryAt` when a rate
   * limit from before a restart still holds, or an interval after the restored state's last poll). Resolves once started, not once connected
   * (watch the `connection` event). Calling it again while running does nothing; after `stop()`
   * (or a `failed` connection followed by `stop()`) it starts anew.
   */
  start(): Promise<void> {
    return this.#lifecycle.start();
  }

  /**
   * Stops polling, waits for a poll under way, and writes the state file. Afterwards nothing of
   * the account runs (no timer; the HTTP client keeps no request open). Idempotent.
   */
  stop(): Promise<void> {
    return this.#lifecycle.stop();
  }

  /**
   * Polls the vehicle (or every vehicle) now: a MyBMW read of 1–2 requests per vehicle, whatever
   * the quiet hours. MyBMW has no counted budget, but while BMW's rate limit or quota holds (after
   * a 429 or a quota error) the refresh is refused with a `BimmerQuotaError` carrying `retryAt`,
   * before anything is sent. Resolves with the vehicles read; rejects with the typed error of the
   * read that failed (a `BimmerValidationError` for a malformed VIN, a `BimmerNotFoundError` for a
   * VIN not on the account). `options.reason` is accepted for the contract; MyBMW has no budget
   * display to show it in.
   */
  refresh(vin?: string, _options: LiveRefreshOptions = {}): Promise<readonly LiveVehicle[]> {
    try {
      if (vin !== undefined) checkVin(vin, { anyCase: true });
    } catch (error) {
      return Promise.reject(error);
    }
    return this.#serial(async () => {
      this.#refuseDuringBackoff(vin === undefined ? 'every vehicle' : `vehicle ${vin}`);
      try {
        if (vin === undefined) await this.#pollAll();
        else await this.#readOne(vin);
        this.#readSucceeded(vin === undefined);
      } catch (error) {
        this.#onReadError(error, false);
        throw error;
      } finally {
        await this.#persist();
      }
      if (vin !== undefined) {
        const vehicle = this.getVehicle(vin);
        return vehicle === undefined ? [] : [vehicle];
      }
      return this.vehicles;
    });
  }

  /**
   * Runs a remote command on one of the account's vehicles, then refreshes that vehicle, so the
   * change it made (the lock, the climate, charging) shows in `vehicles` and is told as `change` and
   * `event` before this resolves. `command` gets the `MyBMWVehicle` that @bimmer/remote takes:
   *
   * ```ts
   * import { remoteServices } from '@bimmer/remote';
   * const result = await live.runRemoteService(vin, (vehicle) => remoteServices(vehicle).triggerRemoteDoorLock());
   * ```
   *
   * A command whose own follow-up already read the vehicle (@bimmer/remote refreshes after lock,
   * climate and charging commands; the vehicle finder's position) costs no further request.
   * The refresh runs also when the command failed (its outcome may be unknown: BMW may have acted);
   * a refresh that fails is a `warning`, never the command's error. Resolves with what `command`
   * resolved with, rejects with what it threw. An unknown vehicle is loaded first (refused, sending
   * nothing, while BMW's rate limit holds).
   */
  async runRemoteService<T>(vin: string, command: (vehicle: MyBMWVehicle) => Promise<T>): Promise<T> {
    checkVin(vin, { anyCase: true });
    if (typeof command !== 'function') {
      throw new BimmerValidationError(
        'runRemoteService needs the command to run, as a function of the vehicle.',
        {
          paths: ['command'],
          action: 'check-input',
        },
      );
    }
    let vehicle = this.myBMWAccount.getVehicle(vin);
    if (vehicle === undefined) {
      vehicle = await this.#serial(async () => {
        this.#refuseDuringBackoff(`vehicle ${vin}`);
        try {
          await this.#readOne(vin);
        } catch (error) {
          this.#onReadError(error, false);
          throw error;
        } finally {
          await this.#persist();
        }
        return this.myBMWAccount.getVehicle(vin);
      });
      if (vehicle === undefined) throw new Error(`Vehicle ${vin} was loaded but is not on the account.`);
    }
    const target = vehicle;
    const before = target.snapshot;
    try {
      return await command(target);
    } finally {
      await this.#serial(() => this.#refreshAfterCommand(target, before));
    }
  }

  // ---------------------------------------------------------------- restore and persist

  #restore(): void {
    const restored = this.#parts.restored;
    if (restored === undefined) return;
    const key = this.#parts.accountKey;
    if (restored.account !== undefined && key !== undefined && restored.account !== key) {
      this.#warn(
        `The state file ${this.statePath} belongs to another MyBMW login; its vehicles are not restored ` +
          'and the file is replaced after the first poll.',
      );
      return;
    }
    this.#backoffUntil = restored.backoffUntil;
    this.#listsLoadedAt = restored.listsLoadedAt;
    this.#polledAt = restored.polledAt;
    for (const [vin, vehicle] of Object.entries(restored.vehicles)) {
      const polled: PolledVehicle = { snapshot: vehicle.snapshot, partTimes: vehicle.partTimes };
      this.#held.set(vin, { polled, restored: true });
      this.#tracker.seed(vehicle.snapshot, vehicle.memory);
      this.#live.set(vin, this.#liveVehicle(polled, true));
    }
  }

  #liveVehicle(polled: PolledVehicle, restored: boolean): LiveVehicle {
    return createLiveVehicle(polled.snapshot, {
      restored,
      staleAfterMs: this.settings.staleAfterMs,
      now: this.#now,
    });
  }

  #state(): MyBMWLiveState {
    return {
      version: 1,
      account: this.#parts.accountKey,
      backoffUntil: this.#backoffUntil,
      listsLoadedAt: this.#listsLoadedAt,
      polledAt: this.#polledAt,
      vehicles: Object.fromEntries(
        [...this.#held].map(([vin, held]) => [vin, { ...held.polled, memory: this.#tracker.memoryOf(vin) }]),
      ),
    };
  }

  /** Writes the state file when something changed; writes never overlap. */
  #persist(): Promise<void> {
    this.#writing = this.#writing.then(async () => {
      if (!this.#dirty) return;
      this.#dirty = false;
      try {
        await saveLiveStateFile(this.statePath, this.#state());
      } catch (error) {
        this.#dirty = true;
        this.#warn(`Could not write the MyBMW live state file ${this.statePath}: ${messageOf(error)}`, error);
      }
    });
    return this.#writing;
  }

  // ---------------------------------------------------------------- start, stop, schedule

  async #start(): Promise<void> {
    for (const warning of this.#pendingWarnings.splice(0)) this.#listeners.emit('warning', warning);
    this.#halted = false;
    this.#failures = 0;
    const now = this.#now();
    const backoff = this.#activeBackoff(now);
    // A restart soon after a poll (a redeploy, a crash loop) waits for the interval instead of
    // loading the whole account again: the restored state is that fresh.
    const intervalEnd =
      this.#polledAt === undefined ? undefined : this.#polledAt + this.settings.pollIntervalMs;
    const restoredFresh = intervalEnd !== undefined && intervalEnd > now ? intervalEnd : undefined;
    const plan = this.#plan(0, Math.max(backoff ?? 0, restoredFresh ?? 0) || undefined);
    if (plan.quietUntil !== undefined) {
      this.#setConnection({
        state: 'connecting',
        since: new Date(now),
        reason: quietHoursReason(this.#parts.quietHours?.text ?? '', new Date(plan.quietUntil)),
        retryAt: new Date(plan.at),
      });
    } else if (backoff === undefined && restoredFresh !== undefined) {
      this.#setConnection({
        state: 'connecting',
        since: new Date(now),
        reason:
          `The state polled at ${new Date(this.#polledAt ?? now).toISOString()} is restored; ` +
          `the next poll is at ${new Date(plan.at).toISOString()}.`,
        retryAt: new Date(plan.at),
      });
    } else if (plan.heldUntil !== undefined) {
      this.#setConnection({
        state: 'reconnecting',
        since: new Date(now),
        reason: `BMW's rate limit or quota from before the start holds; the first poll is at ${new Date(plan.at).toISOString()}.`,
        retryAt: new Date(plan.at),
        code: 'quota',
      });
    } else {
      this.#setConnection({ state: 'connecting', since: new Date(now) });
    }
    this.#schedule(plan.at);
  }

  async #stop(): Promise<void> {
    this.#cancelTimer();
    // A poll under way finishes (its requests are out) and is persisted with the rest.
    await this.#queue.catch(() => {});
    await this.#persist();
    this.#setConnection({ state: 'stopped', since: new Date(this.#now()) });
  }

  #activeBackoff(now: number): number | undefined {
    const until = this.#backoffUntil;
    return until !== undefined && until > now ? until : undefined;
  }

  #plan(delayMs: number, notBefore?: number | undefined): PollPlan {
    return planPoll({
      now: this.#now(),
      delayMs,
      jitter: this.settings.pollJitter,
      random: this.#parts.random,
      notBefore,
      quietHours: this.#parts.quietHours,
      intervalMs: this.settings.pollIntervalMs,
    });
  }

  #cancelTimer(): void {
    clearTimeout(this.#timer);
    this.#timer = undefined;
    this.#nextPollAt = undefined;
  }

  #schedule(at: number): void {
    this.#cancelTimer();
    if (!this.#lifecycle.running || this.#halted) return;
    this.#nextPollAt = at;
    const delay = at - this.#now();
    this.#timer = setTimeout(
      () => {
        // A wait longer than a timer can hold (about 24.8 days) is taken in steps.
        if (delay > MAX_TIMER_MS) {
          this.#schedule(at);
          return;
        }
        // `nextPollAt` stays: the poll is due (under way) until the next one is planned.
        this.#timer = undefined;
        void this.#serial(() => this.#automaticPoll()).catch(() => {});
      },
      Math.min(MAX_TIMER_MS, Math.max(0, delay)),
    );
  }

  #setConnection(connection: LiveConnection): void {
    const previous = this.#connection;
    if (
      previous.state === connection.state &&
      previous.reason === connection.reason &&
      previous.code === connection.code &&
      previous.retryAt?.getTime() === connection.retryAt?.getTime()
    ) {
      return;
    }
    // `since` is when the state began: a new wait in the same state keeps it.
    this.#connection =
      previous.state === connection.state ? { ...connection, since: previous.since } : connection;
    this.#listeners.emit('connection', this.#connection);
  }

  // ---------------------------------------------------------------- polling

  #serial<T>(task: () => Promise<T>): Promise<T> {
    const run = this.#queue.then(task, task);
    this.#queue = run.catch(() => {});
    return run;
  }

  async #automaticPoll(): Promise<void> {
    if (!this.#lifecycle.running || this.#halted) return;
    // The clock may have moved into quiet hours since the poll was planned (a sleeping laptop).
    if (quietHoursEnd(this.#parts.quietHours, this.#now()) !== undefined) {
      this.#schedule(this.#plan(0).at);
      return;
    }
    try {
      await this.#pollAll();
      this.#readSucceeded(true);
    } catch (error) {
      this.#onReadError(error, true);
    } finally {
      await this.#persist();
    }
  }

  /**
   * One poll of the whole account: the vehicle states (the lists and profiles on the first poll and
   * once a day). Takes what is newer, warns about the parts that failed (the other vehicles stay
   * fresh), and drops vehicles no longer on the account. Throws what the account threw when nothing
   * could be loaded, or at once for a rate limit, a login problem or a block.
   */
  async #pollAll(): Promise<void> {
    const account = this.myBMWAccount;
    const startedAt = this.#now();
    const forceInit =
      account.vehicles.length > 0 &&
      (this.#listsLoadedAt === undefined || startedAt - this.#listsLoadedAt >= LISTS_RELOAD_MS);
    const before = new Map(account.vehicles.map((vehicle) => [vehicle, vehicle.snapshot]));
    let failed = true;
    try {
      await account.getVehicles({ forceInit });
      failed = false;
    } finally {
      // Vehicles read before a rate limit stopped the load are taken all the same.
      for (const vehicle of account.vehicles) {
        if (vehicle.snapshot !== before.get(vehicle)) this.#take(vehicle);
      }
    }
    const report = account.lastLoad;
    if (failed || report === undefined) return;
    this.#polledAt = startedAt;
    const missing = new Set<string>();
    for (const failure of report.failures) {
      if (failure.vin === undefined) {
        this.#warn(
          `The ${failure.brand} vehicle list could not be read (${failure.error.message}); its vehicles keep ` +
            'their last known state.',
          failure.error,
        );
        continue;
      }
      missing.add(failure.vin.toUpperCase());
      this.#warn(
        `Vehicle ${failure.vin}: its ${failure.part} could not be read (${failure.error.message}); it keeps its ` +
          'last known state, the other vehicles are current.',
        failure.error,
      );
    }
    if (report.kind !== 'initial' || report.failures.some((failure) => failure.part === 'vehicle-list'))
      return;
    this.#listsLoadedAt = startedAt;
    this.#dirty = true;
    const listed = new Set(account.vehicles.map((vehicle) => vehicle.vin.toUpperCase()));
    for (const vin of [...this.#held.keys()]) {
      const key = vin.toUpperCase();
      if (listed.has(key) || missing.has(key)) continue;
      this.#held.delete(vin);
      this.#live.delete(vin);
      this.#tracker.forget(vin);
      this.#warn(`Vehicle ${vin} is no longer on this MyBMW account; it was removed.`);
    }
  }

  /** Reads one vehicle: its state when known, else it is looked up (lists, profile, state). */
  async #readOne(vin: string): Promise<void> {
    const account = this.myBMWAccount;
    const known = account.getVehicle(vin);
    const before = known?.snapshot;
    try {
      if (known !== undefined) await known.getVehicleState();
      else await account.loadVehicle(vin);
    } finally {
      const vehicle = account.getVehicle(vin);
      if (vehicle !== undefined && vehicle.snapshot !== before) this.#take(vehicle);
    }
  }

  async #refreshAfterCommand(vehicle: MyBMWVehicle, before: unknown): Promise<void> {
    try {
      if (vehicle.snapshot !== before) {
        // The command's own follow-up read the vehicle: no request needed.
        this.#take(vehicle);
        return;
      }
      const until = this.#activeBackoff(this.#now());
      if (until !== undefined) {
        this.#warn(
          `Vehicle ${vehicle.vin} was not refreshed after the command: BMW's rate limit holds until ` +
            `${new Date(until).toISOString()}; the next poll shows the change.`,
        );
        return;
      }
      try {
        await this.#readOne(vehicle.vin);
        this.#readSucceeded(false);
      } catch (error) {
        this.#onReadError(error, false);
        this.#warn(
          `Vehicle ${vehicle.vin} could not be refreshed after the command (${messageOf(error)}); the next ` +
            'poll shows the change.',
          error,
        );
      }
    } finally {
      await this.#persist();
    }
  }

  /** Refuses a read while BMW's rate limit or quota holds, before anything is sent. */
  #refuseDuringBackoff(what: string): void {
    const until = this.#activeBackoff(this.#now());
    if (until === undefined) return;
    const retryAt = new Date(until);
    throw new BimmerQuotaError(
      `The refresh of ${what} was not sent: BMW answered with its rate limit or quota, and the next ` +
        `request is allowed at ${retryAt.toISOString()}.`,
      {
        retryAt,
        action: 'wait',
        hint: 'The last known state stays available; the account polls again by itself then.',
      },
    );
  }

  /** A read went through: BMW's limits are over, the connection is up, polling runs normally. */
  #readSucceeded(whole: boolean): void {
    if (this.#backoffUntil !== undefined) {
      this.#backoffUntil = undefined;
      this.#dirty = true;
    }
    if (!this.#lifecycle.running) return;
    this.#failures = 0;
    this.#halted = false;
    this.#setConnection({ state: 'connected', since: new Date(this.#now()) });
    if (whole || this.#timer === undefined) this.#schedule(this.#plan(this.settings.pollIntervalMs).at);
  }

  /**
   * A read failed. A rate limit or quota holds every request back until BMW's `retryAt` (and backs
   * polling off); a block or a refused login stops polling (`failed`); other failures of automatic
   * polls back off (the interval, doubling). An explicit `refresh()` that fails for another reason
   * leaves the schedule alone (its caller gets the error).
   */
  #onReadError(error: unknown, automatic: boolean): void {
    const now = this.#now();
    if (isBimmerError(error, 'quota')) {
      this.#failures++;
      const retryAt = (error as BimmerQuotaError).retryAt?.getTime();
      const plan = this.#plan(
        pollBackoffMs(this.settings.pollIntervalMs, this.#failures, this.settings.maxBackoffMs),
        retryAt,
      );
      this.#backoffUntil = Math.max(retryAt ?? plan.at, now);
      this.#dirty = true;
      if (this.#lifecycle.running && !this.#halted) {
        this.#setConnection({
          state: 'reconnecting',
          since: new Date(now),
          reason: rateLimitedReason(error, new Date(plan.at)),
          retryAt: new Date(plan.at),
          code: 'quota',
        });
        this.#schedule(plan.at);
      }
      if (automatic) this.#warn(`A poll hit BMW's rate limit or quota: ${error.message}`, error);
      return;
    }
    if (
      isBimmerError(error, 'blocked') ||
      isBimmerError(error, 'auth') ||
      isBimmerError(error, 'captcha-required')
    ) {
      if (this.#lifecycle.running) {
        this.#halted = true;
        this.#cancelTimer();
        this.#setConnection({
          state: 'failed',
          since: new Date(now),
          reason: error.code === 'blocked' ? BLOCKED_LIVE_REASON : loginFailedReason(error as BimmerError),
          code: error.code,
        });
      }
      if (automatic) this.#warn(`Polling stopped: ${error.message}`, error);
      return;
    }
    if (!automatic || !this.#lifecycle.running) return;
    this.#failures++;
    const plan = this.#plan(
      pollBackoffMs(this.settings.pollIntervalMs, this.#failures, this.settings.maxBackoffMs),
    );
    this.#setConnection({
      state: 'reconnecting',
      since: new Date(now),
      reason: pollFailedReason(error, this.#failures, new Date(plan.at)),
      retryAt: new Date(plan.at),
      code: isBimmerError(error) ? error.code : undefined,
    });
    this.#warn(`A poll failed: ${messageOf(error)}`, error);
    this.#schedule(plan.at);
  }

  // ---------------------------------------------------------------- data

  /**
   * Takes a vehicle's freshly read state: merged part by part by the car's report time, so an
   * unchanged or older report changes nothing. Then the changed fields and the derived events are
   * told, and the state is written at the end of the poll.
   */
  #take(vehicle: MyBMWVehicle): void {
    const data = vehicle.stateData;
    if (data === undefined) return;
    const vin = vehicle.vin;
    const held = this.#held.get(vin);
    const report = reportTimeOf(vehicle, this.#now());
    let answer: string | undefined;
    if (!report.dated) {
      answer = JSON.stringify([data.response, data.chargingSettings]);
      if (held?.answer === answer) return;
    }
    const merged = mergePolledSnapshot(held?.polled, vehicle.snapshot, report.at);
    if (merged === undefined) return;
    for (const block of merged.kept) {
      const issues = vehicle.snapshot.issues
        .filter((issue) => issue.block === block)
        .map((issue) => `${issue.path}: ${issue.message}`);
      this.#warn(
        `Vehicle ${vin}: the new report of ${block} could not be read whole (${issues.join('; ')}); its ` +
          'values held are kept.',
      );
    }
    const previous = held?.polled.snapshot;
    const snapshot = merged.vehicle.snapshot;
    this.#held.set(vin, { polled: merged.vehicle, restored: false, answer });
    const changes = changedFields(previous, snapshot);
    const events = this.#tracker.track(snapshot);
    this.#live.set(vin, this.#liveVehicle(merged.vehicle, false));
    this.#dirty = true;
    if (changes.length > 0) this.#listeners.emit('change', { vin, changes, snapshot, channel: 'poll' });
    for (const event of events) this.#listeners.emit('event', event);
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
 * When the car made the report a vehicle's state holds (epoch ms): the state's `lastFetched` to the
 * millisecond (the parsed `timestamp` keeps whole seconds; the profile's, when later, wins), never
 * further ahead than a clock skew allows. `dated` is false when the car gave no time: then the
 * fetch time stands in.
 */
function reportTimeOf(vehicle: MyBMWVehicle, now: number): { at: number; dated: boolean } {
  const snapshot = vehicle.snapshot;
  const parsed = snapshot.timestamp?.getTime();
  if (parsed === undefined || !Number.isFinite(parsed))
    return { at: snapshot.fetchedAt.getTime(), dated: false };
  const raw = vehicle.stateData?.state.lastFetched;
  const precise = typeof raw === 'string' ? Date.parse(raw) : Number.NaN;
  // The raw time adds the milliseconds the parsed one dropped, when it is the same second.
  const at = Number.isFinite(precise) && Math.floor(precise / 1000) * 1000 === parsed ? precise : parsed;
  return { at: Math.min(at, now + MAX_CLOCK_SKEW_MS), dated: true };
}

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
