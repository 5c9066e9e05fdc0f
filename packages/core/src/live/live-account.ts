import type { BimmerErrorCode } from '../errors/bimmer-error';
import type { FieldChannel } from '../models/enums';
import type { FieldTime, VehicleSnapshot } from '../models/vehicle';
import type { VehicleEvent } from './vehicle-event';

/**
 * Which implementation stands behind a live account: BMW CarData (stream plus budgeted REST),
 * MyBMW (polling), or a `bimmer hub` that holds the one BMW session for the whole house.
 */
export type LiveAccountKind = 'cardata' | 'mybmw' | 'hub';

/**
 * Where the live account's connection to its data stands.
 * - `idle`: created, not started yet.
 * - `connecting`: starting (restored state is already available).
 * - `connected`: data flows (CarData: the stream is up; MyBMW: the last poll succeeded).
 * - `reconnecting`: a drop or a failed poll; the account retries by itself (see `retryAt`).
 * - `kicked`: another program connected to BMW's stream with the same account (BMW allows one);
 *   the account backs off and retries, and `reason` names `bimmer hub` as the fix.
 * - `failed`: the account cannot go on by itself (login needed, BMW blocked the client); `code`
 *   says why. Restored state stays available.
 * - `stopped`: `stop()` was called.
 */
export type LiveConnectionState =
  | 'idle'
  | 'connecting'
  | 'connected'
  | 'reconnecting'
  | 'kicked'
  | 'failed'
  | 'stopped';

/** The connection state with what a person needs to understand it. */
export interface LiveConnection {
  readonly state: LiveConnectionState;
  /** Why, in words a person understands; never a secret. Absent for plain `connected`. */
  readonly reason?: string | undefined;
  /** Since when the account has been in this state. */
  readonly since: Date;
  /** When the next attempt is due (`reconnecting`, `kicked`). */
  readonly retryAt?: Date | undefined;
  /** The typed error code behind a `failed` (e.g. `auth` for "log in again", `blocked`). */
  readonly code?: BimmerErrorCode | undefined;
}

/**
 * The REST budget of an account (CarData: 50 calls a day, shared by every process that uses the
 * same state file). Implementations without a counted quota (MyBMW) report `undefined`.
 */
export interface LiveBudget {
  /** Calls per window (BMW: 50 a day). */
  readonly limit: number;
  /** Calls spent in the current window, by any process sharing the ledger. */
  readonly used: number;
  /** Calls still allowed in the current window. */
  readonly left: number;
  /** Calls kept for explicit `refresh()` calls; the automatic policy never spends them. */
  readonly reserve: number;
  /** When the next call is free (now when one is). */
  readonly nextFreeAt: Date;
  /** When the automatic policy plans its next REST read, if it plans one. */
  readonly nextRestReadAt?: Date | undefined;
  /** BMW itself reported the quota used up, until this time. */
  readonly blockedUntil?: Date | undefined;
  /** The plan in one sentence for people ("Next automatic REST read at …; 37 of 50 calls left."). */
  readonly summary?: string | undefined;
}

/** One vehicle as a live account holds it: the merged snapshot and how fresh its parts are. */
export interface LiveVehicle {
  readonly vin: string;
  /**
   * Everything known now. `snapshot.fieldTimes` has an entry per known field path (dot path of the
   * JSON form, e.g. `fuelAndBattery.remainingBatteryPercent`) with its time and channel.
   */
  readonly snapshot: VehicleSnapshot;
  /** True while the snapshot comes only from persisted state (nothing new since the start). */
  readonly restored: boolean;
  /** Age in milliseconds of the field at `path` (its measurement time to now); undefined when unknown. */
  ageOf(path: string): number | undefined;
  /**
   * When the vehicle became stale: the newest field time plus the staleness threshold, when that
   * moment has passed; undefined while the vehicle is fresh.
   */
  readonly staleSince: Date | undefined;
}

/** The time and channel of one changed field, as carried by a {@link LiveChange}. */
export interface LiveFieldChange {
  /** Dot path in the JSON form (`fuelAndBattery.remainingBatteryPercent`). */
  readonly path: string;
  readonly time: FieldTime;
}

/** Some fields of one vehicle changed. */
export interface LiveChange {
  readonly vin: string;
  /** The dot paths (JSON form) of the fields that changed, each with its time and channel. */
  readonly changes: readonly LiveFieldChange[];
  /** The vehicle's snapshot after the change. */
  readonly snapshot: VehicleSnapshot;
  /** How the change arrived. */
  readonly channel: FieldChannel;
}

/** Something to tell the user that does not stop the account (a malformed message, a skipped read). */
export interface LiveWarning {
  readonly message: string;
  /** The typed code behind it, when there is one. */
  readonly code?: BimmerErrorCode | undefined;
  readonly at: Date;
}

/** The events of a {@link LiveAccount}, each with one payload. */
export interface LiveAccountEvents {
  /** Fields of a vehicle changed (stream message, REST read or poll). */
  change: LiveChange;
  /** A derived vehicle event ("charging-started", "door-opened", ...). */
  event: VehicleEvent;
  /** The connection state changed. */
  connection: LiveConnection;
  /** The budget changed (a call was spent, a window freed calls, a plan moved). */
  budget: LiveBudget;
  warning: LiveWarning;
}

/** The name of a {@link LiveAccountEvents} event. */
export type LiveAccountEventName = keyof LiveAccountEvents;

/** Options of {@link LiveAccount.refresh}. */
export interface LiveRefreshOptions {
  /** Why the read is made, for logs and the budget display (e.g. `user`, `flow`, `siri`). */
  readonly reason?: string | undefined;
}

/**
 * The live-account contract: what a program that runs for months needs from a BMW account,
 * whichever transport stands behind it. Implemented by `@bimmer/cardata` (stream plus budgeted
 * REST), `@bimmer/mybmw` (polling) and the hub client; adapters (CLI, Node-RED, Homebridge, the
 * hub) depend on this type, never on a transport.
 *
 * Rules every implementation keeps (the conformance suite checks them):
 * - `vehicles` holds the last known state from the moment the account is created, restored from
 *   persisted state without a REST call.
 * - `start()` and `stop()` are idempotent; after `stop()` nothing keeps running (no timer, socket
 *   or lock file), and `start()` may be called again.
 * - `refresh()` is an explicit REST read that spends budget; when the budget says no it rejects
 *   with a `BimmerQuotaError` carrying `retryAt`, without sending anything.
 * - A value older than the one held never replaces it, and never causes an event.
 * - Listeners that throw do not break the account.
 */
export interface LiveAccount {
  readonly kind: LiveAccountKind;
  /** Every vehicle known, restored or live. */
  readonly vehicles: readonly LiveVehicle[];
  /** One vehicle by VIN. */
  getVehicle(vin: string): LiveVehicle | undefined;
  /** The connection as it stands. */
  readonly connection: LiveConnection;
  /** The REST budget as it stands; undefined when the transport has no counted quota. */
  readonly budget: LiveBudget | undefined;
  /** Starts streaming or polling. Resolves once started (not once connected). */
  start(): Promise<void>;
  /** Stops everything and persists state. */
  stop(): Promise<void>;
  /**
   * Reads the vehicle (or every vehicle) now over REST, spending budget. Resolves with the
   * refreshed vehicles.
   */
  refresh(vin?: string, options?: LiveRefreshOptions): Promise<readonly LiveVehicle[]>;
  /** Subscribes to an event; returns the function that unsubscribes. */
  on<E extends LiveAccountEventName>(event: E, listener: (payload: LiveAccountEvents[E]) => void): () => void;
}
