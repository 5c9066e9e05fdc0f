import { connect, type IClientOptions, type MqttClient } from 'mqtt';
import type { HubLogger } from '../hub-logger';

/** Options of {@link MqttOutlet}. */
export interface MqttOutletOptions {
  /** The broker, `mqtt://` or `mqtts://`; user name and password may be in the URL. */
  readonly url: string;
  /** The client id (the embedded broker lets only this client publish below the hub's prefix). */
  readonly clientId: string;
  readonly username?: string | undefined;
  readonly password?: string | undefined;
  /** Published by the broker when the hub vanishes without saying goodbye. */
  readonly will: { readonly topic: string; readonly payload: string };
  /** Topics to subscribe to after every (re)connect. */
  readonly subscriptions: readonly string[];
  /** Wait between reconnect attempts. */
  readonly reconnectPeriodMs: number;
  /** Extra mqtt.js options (e.g. `ca` for a broker with a private certificate). */
  readonly mqttOptions?: Partial<IClientOptions> | undefined;
  readonly log: HubLogger;
  readonly onMessage?: ((topic: string, payload: Buffer) => void) | undefined;
}

/** Counters of an {@link MqttOutlet}, for `/metrics`. */
export interface MqttOutletCounters {
  /** Messages handed to the broker (republished retained topics included). */
  published: number;
  /** Messages not sent because the broker was unreachable (retained topics are sent on reconnect). */
  dropped: number;
  /** Connections after the first. */
  reconnects: number;
}

/**
 * The hub's MQTT connection to the broker it publishes into (its own embedded broker or the user's).
 * It remembers the last payload of every retained topic and publishes them all again after every
 * reconnect, so a broker that restarted without persistence (Mosquitto's default) has the whole
 * state again at once; while the broker is away nothing is queued (a flood must not pile up in
 * memory): retained topics catch up on reconnect, events and raw messages of that time are lost
 * (counted as dropped).
 */
export class MqttOutlet {
  readonly counters: MqttOutletCounters = { published: 0, dropped: 0, reconnects: 0 };
  readonly #options: MqttOutletOptions;
  readonly #retained = new Map<string, string>();
  readonly #client: MqttClient;
  readonly #reportedErrors = new Set<string>();
  #everConnected = false;
  #closed = false;

  constructor(options: MqttOutletOptions) {
    this.#options = options;
    this.#client = connect(options.url, {
      clientId: options.clientId,
      protocolVersion: 4,
      clean: true,
      keepalive: 30,
      reconnectPeriod: options.reconnectPeriodMs,
      connectTimeout: 10_000,
      resubscribe: false,
      queueQoSZero: false,
      will: { topic: options.will.topic, payload: Buffer.from(options.will.payload), qos: 1, retain: true },
      ...(options.username === undefined ? {} : { username: options.username }),
      ...(options.password === undefined ? {} : { password: options.password }),
      ...options.mqttOptions,
    });
    this.#client.on('connect', () => this.#onConnect());
    this.#client.on('error', (error) => {
      if (this.#closed || this.#reportedErrors.has(error.message)) return;
      this.#reportedErrors.add(error.message);
      this.#options.log.warn(`MQTT broker: ${error.message}`);
    });
    this.#client.on('message', (topic, payload) => this.#options.onMessage?.(topic, payload));
  }

  /** Whether the broker is connected now. */
  get connected(): boolean {
    return this.#client.connected;
  }

  /** Resolves once connected, or after `timeoutMs` (false then); the connection keeps trying. */
  waitUntilConnected(timeoutMs: number): Promise<boolean> {
    if (this.connected) return Promise.resolve(true);
    return new Promise((resolve) => {
      const timer = setTimeout(() => {
        this.#client.off('connect', onConnect);
        resolve(false);
      }, timeoutMs);
      const onConnect = () => {
        clearTimeout(timer);
        resolve(true);
      };
      this.#client.once('connect', onConnect);
    });
  }

  /** Publishes a retained topic and remembers it for reconnects; an empty payload removes the topic. */
  retain(topic: string, payload: string): void {
    if (payload === '') this.#retained.delete(topic);
    else this.#retained.set(topic, payload);
    this.#send(topic, payload, true);
  }

  /** Publishes a message that is not retained (events, raw stream messages). */
  publish(topic: string, payload: string | Uint8Array): void {
    this.#send(topic, payload, false);
  }

  /**
   * Publishes `payload` retained on `topic` with QoS 1 and waits for the broker to take it (or for
   * `timeoutMs`), then disconnects cleanly. Used by `stop()` for `<prefix>/status` = `offline`.
   */
  async close(last: { topic: string; payload: string } | undefined, timeoutMs: number): Promise<void> {
    if (this.#closed) return;
    const deadline = Date.now() + timeoutMs;
    if (last !== undefined && this.#client.connected) {
      this.#retained.set(last.topic, last.payload);
      await withTimeout(
        new Promise<void>((resolve) => {
          this.#client.publish(last.topic, last.payload, { qos: 1, retain: true }, () => resolve());
        }),
        Math.max(0, deadline - Date.now()),
      );
      this.counters.published++;
    }
    this.#closed = true;
    // Not connected, there is nothing to flush, and mqtt.js's gentle end would leave the socket of a
    // connection still under way open: force that one.
    const ended = await withTimeout(
      this.#client.endAsync(!this.#client.connected).then(() => true),
      Math.max(0, deadline - Date.now()),
    );
    if (ended !== true) await this.#client.endAsync(true).catch(() => {});
  }

  #send(topic: string, payload: string | Uint8Array, retain: boolean): void {
    if (this.#closed) return;
    if (!this.#client.connected) {
      if (!retain) this.counters.dropped++;
      return;
    }
    this.counters.published++;
    // Retained topics go with QoS 1: aedes 1.2.0 does not forward QoS 0 retained messages to the
    // subscribers present when they are interleaved with QoS 0 messages that are not retained
    // (events, raw messages); with QoS 1 every one arrives, in order.
    this.#client.publish(topic, typeof payload === 'string' ? payload : Buffer.from(payload), {
      qos: retain ? 1 : 0,
      retain,
    });
  }

  #onConnect(): void {
    const reconnect = this.#everConnected;
    this.#everConnected = true;
    if (reconnect) this.counters.reconnects++;
    this.#reportedErrors.clear();
    if (this.#options.subscriptions.length > 0) {
      this.#client.subscribe([...this.#options.subscriptions], { qos: 0 }, (error) => {
        if (error && !this.#closed)
          this.#options.log.warn(`MQTT broker refused a subscription: ${error.message}`);
      });
    }
    // Everything retained again: a broker that restarted without persistence has nothing.
    for (const [topic, payload] of this.#retained) this.#send(topic, payload, true);
    if (reconnect)
      this.#options.log.info('MQTT broker connected again; every retained topic was republished.');
  }
}

/** The promise's value, or undefined once `ms` passed first. */
async function withTimeout<T>(promise: Promise<T>, ms: number): Promise<T | undefined> {
  let timer: NodeJS.Timeout | undefined;
  try {
    return await Promise.race([
      promise,
      new Promise<undefined>((resolve) => {
        timer = setTimeout(() => resolve(undefined), ms);
      }),
    ]);
  } finally {
    clearTimeout(timer);
  }
}
