import {
  changedFields,
  createLiveVehicle,
  type FieldChannel,
  isBimmerError,
  type LiveAccount,
  type LiveAccountEventName,
  type LiveAccountEvents,
  type LiveBudget,
  type LiveConnection,
  type LiveRefreshOptions,
  type LiveVehicle,
  type LiveWarning,
  type VehicleEventTracker,
  type VehicleSnapshot,
  vehicleFromJSON,
} from '@bimmer/core';
import { checkVin, ListenerRegistry, LiveLifecycle } from '@bimmer/core/internal';
import { connect, type MqttClient } from 'mqtt';
import { readBudget, readConnection } from './hub-payloads';
import { type HubRequestOptions, postRefresh } from './hub-requests';

/** What a {@link HubLiveAccount} is made of; `openHubAccount` builds it. */
export interface HubLiveAccountParts {
  readonly http: HubRequestOptions;
  /** The hub's broker, as the client reaches it. */
  readonly mqttUrl: string;
  readonly mqttUsername: string | undefined;
  readonly mqttPassword: string | undefined;
  readonly prefix: string;
  readonly tracker: VehicleEventTracker;
  readonly staleAfterMs: number;
  readonly reconnectPeriodMs: number;
  readonly now: () => number;
  /** What the hub said at open: its vehicles, budget and BMW stream. */
  readonly snapshots: readonly VehicleSnapshot[];
  readonly budget: LiveBudget | undefined;
  readonly hubConnection: LiveConnection | undefined;
}

interface HeldVehicle {
  snapshot: VehicleSnapshot;
  restored: boolean;
  live: LiveVehicle;
}

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

/**
 * A live account that reads through a `bimmer hub` instead of BMW (the live-account contract, kind
 * `hub`): the vehicles the hub holds (at open, from its HTTP API, without a BMW request), kept
 * current from its retained MQTT topics; `refresh()` asks the hub, which spends from the one shared
 * budget (refused with the typed quota error when it says no). Derived events come from the same
 * function as everywhere, with this client's own settings (geofences, thresholds). The BMW session
 * stays the hub's: any number of hub clients cost one stream connection. Create it with
 * `openHubAccount`.
 */
export class HubLiveAccount implements LiveAccount {
  readonly kind = 'hub' as const;
  /** The hub's HTTP API. */
  readonly hubUrl: string;
  readonly #parts: HubLiveAccountParts;
  readonly #vehicles = new Map<string, HeldVehicle>();
  readonly #listeners: ListenerRegistry<LiveAccountEvents>;
  readonly #lifecycle = new LiveLifecycle({ start: () => this.#start(), stop: () => this.#stop() });
  readonly #topicState: RegExp;
  #connection: LiveConnection;
  #budget: LiveBudget | undefined;
  #budgetText: string | undefined;
  #hubConnection: LiveConnection | undefined;
  #hubOnline: boolean | undefined;
  #client: MqttClient | undefined;
  #mqttConnected = false;
  #everConnected = false;
  /** Topics that got a live message since the last (re)connect: a retained one after it is older. */
  readonly #liveSeen = new Set<string>();

  constructor(parts: HubLiveAccountParts) {
    this.#parts = parts;
    this.hubUrl = parts.http.url;
    this.#connection = { state: 'idle', since: new Date(parts.now()) };
    this.#budget = parts.budget;
    this.#budgetText = parts.budget === undefined ? undefined : JSON.stringify(parts.budget);
    this.#hubConnection = parts.hubConnection;
    const prefix = parts.prefix.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
    this.#topicState = new RegExp(`^${prefix}/([A-Z0-9]{17})/state$`);
    this.#listeners = new ListenerRegistry<LiveAccountEvents>({
      onListenerError: (error, event) => {
        if (event === 'warning') return;
        this.#warn(`A listener of the "${String(event)}" event failed: ${messageOf(error)}`);
      },
    });
    for (const snapshot of parts.snapshots) {
      parts.tracker.seed(snapshot);
      this.#vehicles.set(snapshot.vin, this.#held(snapshot, true));
    }
  }

  /** Every vehicle the hub holds, in the order they became known. */
  get vehicles(): readonly LiveVehicle[] {
    return [...this.#vehicles.values()].map((held) => held.live);
  }

  getVehicle(vin: string): LiveVehicle | undefined {
    return this.#vehicles.get(vin)?.live;
  }

  /** This client's connection: to the hub's broker, and through the hub to BMW's stream. */
  get connection(): LiveConnection {
    return this.#connection;
  }

  /** The hub's shared budget, as the hub last published it. */
  get budget(): LiveBudget | undefined {
    return this.#budget;
  }

  on<E extends LiveAccountEventName>(
    event: E,
    listener: (payload: LiveAccountEvents[E]) => void,
  ): () => void {
    return this.#listeners.on(event, listener);
  }

  /** Connects to the hub's broker. Resolves once started, not once connected. */
  start(): Promise<void> {
    return this.#lifecycle.start();
  }

  /** Disconnects from the hub (nothing of this client keeps running). Idempotent. */
  stop(): Promise<void> {
    return this.#lifecycle.stop();
  }

  /**
   * Asks the hub to read the vehicle (or every vehicle) over REST now; the hub spends from the one
   * budget it shares with every program. Refused with a `BimmerQuotaError` carrying `retryAt` when
   * the hub's budget says no. Never sent twice.
   */
  async refresh(vin?: string, options: LiveRefreshOptions = {}): Promise<readonly LiveVehicle[]> {
    if (vin !== undefined) checkVin(vin);
    const answer = await postRefresh(this.#parts.http, vin, options.reason);
    const budget = readBudget(answer.budget);
    if (budget !== undefined) this.#setBudget(budget);
    const refreshed: LiveVehicle[] = [];
    for (const json of answer.vehicles) {
      try {
        const snapshot = vehicleFromJSON(json);
        this.#apply(snapshot, 'rest');
        const live = this.#vehicles.get(snapshot.vin)?.live;
        if (live !== undefined) refreshed.push(live);
      } catch (error) {
        this.#warn(`The hub answered a vehicle that could not be read: ${messageOf(error)}`, error);
      }
    }
    return refreshed;
  }

  // ---------------------------------------------------------------- MQTT

  async #start(): Promise<void> {
    this.#setConnection({ state: 'connecting', since: new Date(this.#parts.now()) });
    const { prefix } = this.#parts;
    const client = connect(this.#parts.mqttUrl, {
      clientId: `bimmer-hub-client-${Math.random().toString(16).slice(2, 10)}`,
      protocolVersion: 4,
      clean: true,
      keepalive: 30,
      reconnectPeriod: this.#parts.reconnectPeriodMs,
      connectTimeout: 10_000,
      resubscribe: false,
      ...(this.#parts.mqttUsername === undefined ? {} : { username: this.#parts.mqttUsername }),
      ...(this.#parts.mqttPassword === undefined ? {} : { password: this.#parts.mqttPassword }),
    });
    this.#client = client;
    const reported = new Set<string>();
    client.on('connect', () => {
      if (this.#client !== client) return;
      this.#mqttConnected = true;
      this.#everConnected = true;
      this.#liveSeen.clear();
      reported.clear();
      client.subscribe(
        [`${prefix}/status`, `${prefix}/connection`, `${prefix}/budget`, `${prefix}/+/state`],
        { qos: 0 },
        (error) => {
          if (error) this.#warn(`The hub's broker refused the subscription: ${error.message}`);
        },
      );
      this.#recompute();
    });
    client.on('close', () => {
      if (this.#client !== client) return;
      this.#mqttConnected = false;
      this.#recompute();
    });
    client.on('error', (error) => {
      if (this.#client !== client || reported.has(error.message)) return;
      reported.add(error.message);
      this.#warn(`The hub's MQTT broker: ${error.message}`);
    });
    client.on('message', (topic, payload, packet) => {
      if (this.#client !== client) return;
      if (packet.retain && this.#liveSeen.has(topic)) return;
      if (!packet.retain) this.#liveSeen.add(topic);
      this.#onMessage(topic, payload.toString('utf8'));
    });
  }

  async #stop(): Promise<void> {
    const client = this.#client;
    this.#client = undefined;
    this.#mqttConnected = false;
    if (client !== undefined) {
      // Before the broker's CONNACK there is nothing to flush, and mqtt.js's gentle end leaves the
      // socket of a connection still under way open (keeping the program alive): force that one.
      const ended = await Promise.race([
        client.endAsync(!client.connected).then(() => true),
        new Promise<false>((resolve) => setTimeout(() => resolve(false), 1_000).unref()),
      ]);
      if (!ended) await client.endAsync(true).catch(() => {});
    }
    this.#setConnection({ state: 'stopped', since: new Date(this.#parts.now()) });
  }

  #onMessage(topic: string, text: string): void {
    const { prefix } = this.#parts;
    if (topic === `${prefix}/status`) {
      this.#hubOnline = text === 'online';
      this.#recompute();
      return;
    }
    let json: unknown;
    try {
      json = text === '' ? undefined : JSON.parse(text);
    } catch {
      this.#warn(`The hub published something that is not JSON on ${topic}.`);
      return;
    }
    if (topic === `${prefix}/connection`) {
      const connection = readConnection(json);
      if (connection !== undefined) {
        this.#hubConnection = connection;
        this.#recompute();
      }
      return;
    }
    if (topic === `${prefix}/budget`) {
      const budget = readBudget(json);
      if (budget !== undefined) this.#setBudget(budget);
      return;
    }
    if (this.#topicState.test(topic) && json !== undefined) {
      try {
        this.#apply(vehicleFromJSON(json), 'stream');
      } catch (error) {
        this.#warn(`The hub published a vehicle state that could not be read: ${messageOf(error)}`, error);
      }
    }
  }

  // ---------------------------------------------------------------- data

  #held(snapshot: VehicleSnapshot, restored: boolean): HeldVehicle {
    return {
      snapshot,
      restored,
      live: createLiveVehicle(snapshot, {
        restored,
        staleAfterMs: this.#parts.staleAfterMs,
        now: this.#parts.now,
      }),
    };
  }

  /**
   * Takes a snapshot from the hub: tells the changed fields and the derived events. A snapshot the
   * hub built before the one held (`fetchedAt`, when data last arrived at the hub: a retained state
   * that lost a race with the HTTP read at open) or holding an older value than the one held is
   * dropped whole: it would take back values, even drop fields, that the client already has. The
   * hub sends the newer state anyway.
   */
  #apply(snapshot: VehicleSnapshot, fallback: FieldChannel): void {
    const held = this.#vehicles.get(snapshot.vin);
    if (held !== undefined && snapshot.fetchedAt.getTime() < held.snapshot.fetchedAt.getTime()) return;
    const changes = changedFields(held?.snapshot, snapshot);
    if (held !== undefined) {
      const older = changes.some((change) => {
        const before = held.snapshot.fieldTimes?.[change.path]?.at;
        return before !== undefined && change.time.at < before;
      });
      if (older) return;
      if (changes.length === 0) {
        held.snapshot = snapshot;
        held.live = this.#held(snapshot, held.restored).live;
        return;
      }
    }
    this.#vehicles.set(snapshot.vin, this.#held(snapshot, false));
    const channel = changes.find((change) => change.time.channel !== undefined)?.time.channel ?? fallback;
    const events = this.#parts.tracker.track(snapshot);
    if (changes.length > 0) this.#listeners.emit('change', { vin: snapshot.vin, changes, snapshot, channel });
    for (const event of events) this.#listeners.emit('event', event);
  }

  #setBudget(budget: LiveBudget): void {
    const text = JSON.stringify(budget);
    this.#budget = budget;
    if (text === this.#budgetText) return;
    this.#budgetText = text;
    this.#listeners.emit('budget', budget);
  }

  // ---------------------------------------------------------------- connection

  /** This client's connection from the broker connection, the hub's status and its BMW stream. */
  #recompute(): void {
    if (!this.#lifecycle.running) return;
    const since = new Date(this.#parts.now());
    if (!this.#mqttConnected) {
      this.#setConnection(
        this.#everConnected
          ? {
              state: 'reconnecting',
              since,
              reason: `lost the connection to the hub's MQTT broker at ${this.#parts.mqttUrl}`,
            }
          : { state: 'connecting', since },
      );
      return;
    }
    if (this.#hubOnline === false) {
      this.#setConnection({
        state: 'reconnecting',
        since,
        reason: 'the hub is offline (stopped or restarting)',
      });
      return;
    }
    const upstream = this.#hubConnection;
    if (this.#hubOnline === undefined || upstream === undefined) {
      this.#setConnection({ state: 'connecting', since });
      return;
    }
    switch (upstream.state) {
      case 'connected':
        this.#setConnection({ state: 'connected', since });
        return;
      case 'idle':
      case 'connecting':
        this.#setConnection({
          state: 'connecting',
          since,
          reason: `the hub is connecting to BMW${upstream.reason === undefined ? '' : `: ${upstream.reason}`}`,
        });
        return;
      case 'stopped':
        this.#setConnection({ state: 'reconnecting', since, reason: "the hub's BMW stream is stopped" });
        return;
      default:
        this.#setConnection({
          state: upstream.state,
          since,
          reason: `the hub's BMW stream: ${upstream.reason ?? upstream.state}`,
          retryAt: upstream.retryAt,
          code: upstream.code,
        });
    }
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
    this.#connection =
      previous.state === connection.state ? { ...connection, since: previous.since } : connection;
    this.#listeners.emit('connection', this.#connection);
  }

  #warn(message: string, error?: unknown): void {
    const warning: LiveWarning = {
      message,
      code: isBimmerError(error) ? error.code : undefined,
      at: new Date(this.#parts.now()),
    };
    this.#listeners.emit('warning', warning);
  }
}
