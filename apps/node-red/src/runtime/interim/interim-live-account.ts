/**
 * INTERIM (replace when `@bimmer/mybmw`'s polling live account lands): the base of the stand-in
 * MyBMW live account. The nodes depend only on the `LiveAccount` contract of `@bimmer/core`; only
 * `src/runtime/open-live-account.ts` constructs it, and the integrator swaps that one module. Derived
 * events come from core's `VehicleEventTracker`, as in every real implementation. Known gaps, by
 * design of the stand-in: no persisted last state (a restart starts empty) and no persisted event
 * memory.
 */
import {
  type FieldChannel,
  type FieldTime,
  fieldAge,
  fieldTimeOf,
  type LiveAccount,
  type LiveAccountEventName,
  type LiveAccountEvents,
  type LiveBudget,
  type LiveConnection,
  type LiveFieldChange,
  type LiveRefreshOptions,
  type LiveVehicle,
  staleSince,
  VehicleEventTracker,
  type VehicleSnapshot,
  vehicleToJSON,
} from '@bimmer/core';
import { changedPaths, valueAtPath } from '../../fields/json-paths';

type Listener = (payload: never) => void;

interface HeldVehicle {
  snapshot: VehicleSnapshot;
  json: unknown;
  restored: boolean;
}

/** INTERIM: the event plumbing, vehicle map and change detection every stand-in shares. */
export abstract class InterimLiveAccount implements LiveAccount {
  abstract readonly kind: LiveAccount['kind'];
  readonly #listeners = new Map<LiveAccountEventName, Set<Listener>>();
  readonly #vehicles = new Map<string, HeldVehicle>();
  readonly #staleMs: number;
  readonly #tracker = new VehicleEventTracker();
  protected readonly now: () => number;
  #connection: LiveConnection;
  #budget: LiveBudget | undefined;

  protected constructor(options: { staleMs: number; now?: (() => number) | undefined }) {
    this.#staleMs = options.staleMs;
    this.now = options.now ?? Date.now;
    this.#connection = { state: 'idle', since: new Date(this.now()) };
  }

  get vehicles(): readonly LiveVehicle[] {
    return [...this.#vehicles.keys()].map((vin) => this.getVehicle(vin) as LiveVehicle);
  }

  getVehicle(vin: string): LiveVehicle | undefined {
    const held = this.#vehicles.get(vin);
    if (held === undefined) return undefined;
    const now = this.now;
    const staleMs = this.#staleMs;
    return {
      vin,
      snapshot: held.snapshot,
      restored: held.restored,
      ageOf: (path) =>
        valueAtPath(held.json, path) === undefined ? undefined : fieldAge(held.snapshot, path, now()),
      get staleSince() {
        return staleSince(held.snapshot, staleMs, now());
      },
    };
  }

  get connection(): LiveConnection {
    return this.#connection;
  }

  get budget(): LiveBudget | undefined {
    return this.#budget;
  }

  abstract start(): Promise<void>;
  abstract stop(): Promise<void>;
  abstract refresh(vin?: string, options?: LiveRefreshOptions): Promise<readonly LiveVehicle[]>;

  on<E extends LiveAccountEventName>(
    event: E,
    listener: (payload: LiveAccountEvents[E]) => void,
  ): () => void {
    let set = this.#listeners.get(event);
    if (set === undefined) {
      set = new Set();
      this.#listeners.set(event, set);
    }
    set.add(listener as Listener);
    return () => set.delete(listener as Listener);
  }

  protected emit<E extends LiveAccountEventName>(event: E, payload: LiveAccountEvents[E]): void {
    for (const listener of this.#listeners.get(event) ?? []) {
      try {
        (listener as (value: LiveAccountEvents[E]) => void)(payload);
      } catch {
        // A listener that throws must not break the account (contract rule).
      }
    }
  }

  protected setConnection(connection: Omit<LiveConnection, 'since'>): void {
    const previous = this.#connection;
    if (previous.state === connection.state && previous.reason === connection.reason) return;
    this.#connection = { ...connection, since: new Date(this.now()) };
    this.emit('connection', this.#connection);
  }

  protected setBudget(budget: LiveBudget | undefined): void {
    this.#budget = budget;
    if (budget !== undefined) this.emit('budget', budget);
  }

  /**
   * Takes a new snapshot of a vehicle: finds the changed fields, keeps a time per field (the
   * snapshot's own, else `fetchedAt` with `channel`), emits `change` and the derived events. With
   * `initial`, a vehicle seen for the first time is the baseline: stored, not announced.
   */
  protected update(
    snapshot: VehicleSnapshot,
    channel: FieldChannel,
    options: { initial?: boolean; restored?: boolean } = {},
  ): void {
    const previous = this.#vehicles.get(snapshot.vin);
    const stamped = withFieldTimes(snapshot, previous, channel);
    const json = vehicleToJSON(stamped);
    const paths = changedPaths(previous?.json ?? {}, json);
    const restored =
      previous === undefined ? options.restored === true : previous.restored && paths.length === 0;
    this.#vehicles.set(snapshot.vin, { snapshot: stamped, json, restored });
    // The state a start begins with is the baseline, not a change (as a restore is for the real accounts).
    if (options.initial === true && previous === undefined) {
      this.#tracker.seed(stamped);
      return;
    }
    const events = this.#tracker.track(stamped);
    if (paths.length === 0) return;
    const fallback: FieldTime = { at: stamped.fetchedAt, source: stamped.source, channel };
    const changes: LiveFieldChange[] = paths.map((path) => ({
      path,
      time: fieldTimeOf(stamped, path) ?? fallback,
    }));
    this.emit('change', { vin: snapshot.vin, changes, snapshot: stamped, channel });
    for (const event of events) this.emit('event', event);
  }
}

/**
 * Keeps `fieldTimes` for snapshots that lack them (MyBMW polls): a changed field gets the poll's
 * time, an unchanged one keeps its previous time.
 */
function withFieldTimes(
  snapshot: VehicleSnapshot,
  previous: HeldVehicle | undefined,
  channel: FieldChannel,
): VehicleSnapshot {
  if (snapshot.fieldTimes !== undefined) return snapshot;
  const json = vehicleToJSON(snapshot);
  const changed = new Set(changedPaths(previous?.json ?? {}, json));
  const times: Record<string, FieldTime> = {};
  const fresh: FieldTime = { at: snapshot.fetchedAt, source: snapshot.source, channel };
  for (const path of changedPaths({}, json)) {
    const kept = previous?.snapshot.fieldTimes?.[path];
    times[path] = changed.has(path) || kept === undefined ? fresh : kept;
  }
  return { ...snapshot, fieldTimes: times };
}
