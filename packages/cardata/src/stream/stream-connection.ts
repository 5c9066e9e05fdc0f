import { randomBytes } from 'node:crypto';
import { EventEmitter } from 'node:events';
import { connect, type IClientOptions, type MqttClient } from 'mqtt';
import type { CarDataTokenSource } from '../rest/token-source';
import { parseStreamMessage, type StreamMessage } from './stream-message';

/** BMW's stream broker. */
export const CARDATA_STREAM_URL = 'mqtts://customer.streaming-cardata.bmwgroup.com:9000';

/** Where the connection stands. */
export type StreamConnectionState = 'idle' | 'connecting' | 'connected' | 'reconnecting' | 'closed';

/** A change of {@link StreamConnectionState}, with the reason when there is one. */
export interface StreamStateChange {
  state: StreamConnectionState;
  /** Why, e.g. `ID token expires soon`, `closed by the broker`. Never contains a secret. */
  reason?: string;
  /** The wait before the next attempt, when reconnecting. */
  retryInMs?: number;
}

/** Options of {@link CarDataStreamConnection}. */
export interface CarDataStreamOptions {
  /** Supplies the gcid and the ID token (the MQTT password). */
  tokens: CarDataTokenSource;
  /** Defaults to `mqtts://customer.streaming-cardata.bmwgroup.com:9000`; `mqtt://` for the simulator. */
  url?: string;
  /** Reconnect with a fresh ID token this long before it expires. Default 5 minutes. */
  reconnectBeforeExpiryMs?: number;
  /** First wait after a drop; doubles up to `maxBackoffMs`. Default 1 s. */
  initialBackoffMs?: number;
  /** Default 60 s. */
  maxBackoffMs?: number;
  /** MQTT keepalive in seconds. Default 30. */
  keepaliveSeconds?: number;
  /** Extra mqtt.js options (e.g. `ca` for a private broker). */
  mqttOptions?: Partial<IClientOptions>;
}

/** The events of a {@link CarDataStreamConnection}. */
export interface StreamConnectionEvents {
  message: [message: StreamMessage, topic: string];
  state: [change: StreamStateChange];
  /** Something to tell the user that does not stop the stream (a malformed message, a kick). */
  warning: [text: string];
}

/**
 * One MQTT connection to BMW's stream for one gcid, subscribed to `<gcid>/+`. It reconnects with a
 * fresh ID token before the token expires and after any drop (with backoff), and reports its state.
 * BMW allows one connection per gcid: share one instance (see {@link acquireCarDataStream}).
 */
export class CarDataStreamConnection extends EventEmitter<StreamConnectionEvents> {
  readonly #options: CarDataStreamOptions;
  #client: MqttClient | undefined;
  #state: StreamConnectionState = 'idle';
  #attempt = 0;
  #timer: NodeJS.Timeout | undefined;
  #stopped = false;
  #refreshNext = false;
  readonly #clientId = `bimmer-${randomBytes(6).toString('hex')}`;

  constructor(options: CarDataStreamOptions) {
    super();
    this.#options = options;
  }

  /** The current state. */
  get state(): StreamConnectionState {
    return this.#state;
  }

  /** Connects (once); later drops are handled by the connection itself. */
  start(): void {
    if (this.#state !== 'idle') return;
    this.#stopped = false;
    void this.#connect('connecting');
  }

  /** Closes the connection for good. */
  async stop(): Promise<void> {
    this.#stopped = true;
    clearTimeout(this.#timer);
    const client = this.#client;
    this.#client = undefined;
    if (client !== undefined) await client.endAsync(true).catch(() => {});
    this.#setState({ state: 'closed' });
  }

  /** Resolves once connected (or rejects after `timeoutMs`). */
  waitUntilConnected(timeoutMs = 10_000): Promise<void> {
    if (this.#state === 'connected') return Promise.resolve();
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => {
        this.off('state', onState);
        reject(new Error('The CarData stream did not connect in time.'));
      }, timeoutMs);
      const onState = (change: StreamStateChange) => {
        if (change.state === 'connected' || change.state === 'closed') {
          clearTimeout(timer);
          this.off('state', onState);
          if (change.state === 'connected') resolve();
          else reject(new Error('The CarData stream was closed.'));
        }
      };
      this.on('state', onState);
    });
  }

  async #connect(state: 'connecting' | 'reconnecting', reason?: string): Promise<void> {
    if (this.#stopped) return;
    this.#setState({ state, ...(reason === undefined ? {} : { reason }) });
    let tokens: Awaited<ReturnType<CarDataTokenSource['tokens']>>;
    try {
      tokens = this.#refreshNext ? await this.#options.tokens.refresh() : await this.#options.tokens.tokens();
      this.#refreshNext = false;
    } catch (error) {
      this.emit('warning', `Could not get a CarData ID token: ${(error as Error).message}`);
      this.#scheduleReconnect('no valid ID token');
      return;
    }
    if (this.#stopped) return;
    const url = this.#options.url ?? CARDATA_STREAM_URL;
    const client = connect(url, {
      username: tokens.gcid,
      password: tokens.idToken,
      clientId: this.#clientId,
      protocolVersion: 4,
      clean: true,
      keepalive: this.#options.keepaliveSeconds ?? 30,
      reconnectPeriod: 0,
      connectTimeout: 15_000,
      ...(url.startsWith('mqtts:') ? { minVersion: 'TLSv1.3' as const, rejectUnauthorized: true } : {}),
      ...this.#options.mqttOptions,
    });
    this.#client = client;
    let connected = false;
    const topic = `${tokens.gcid}/+`;

    client.on('connect', () => {
      connected = true;
      client.subscribe(topic, { qos: 1 }, (error, granted) => {
        if ((error !== null && error !== undefined) || granted?.some((grant) => grant.qos === 128)) {
          this.emit(
            'warning',
            'BMW refused the stream subscription (code 128): configure the data stream for this vehicle in the CarData portal.',
          );
        }
        if (this.#client !== client) return;
        this.#attempt = 0;
        this.#setState({ state: 'connected' });
        this.#scheduleRotation(tokens.expiresAt);
      });
    });
    client.on('message', (messageTopic, payload) => {
      const result = parseStreamMessage(payload, messageTopic.split('/').pop());
      if (!result.ok) {
        this.emit(
          'warning',
          `Ignored a malformed CarData stream message on ${redactTopic(messageTopic)}: ${result.reason}.`,
        );
        return;
      }
      if (result.skipped.length > 0) {
        this.emit(
          'warning',
          `Ignored ${result.skipped.length} malformed entr${result.skipped.length === 1 ? 'y' : 'ies'} (${result.skipped.join(', ')}).`,
        );
      }
      this.emit('message', result.message, messageTopic);
    });
    // mqtt.js reports a failed TLS connection twice (once from the TLS socket, once from the
    // stream), so each distinct error is told once per attempt.
    const reported = new Set<string>();
    client.on('error', (error) => {
      const text = error.message;
      if (/not authori[sz]ed|bad user ?name or password/i.test(text)) this.#refreshNext = true;
      if (reported.has(text)) return;
      reported.add(text);
      this.emit('warning', `CarData stream: ${text}`);
    });
    client.on('close', () => {
      if (this.#client !== client || this.#stopped) return;
      this.#client = undefined;
      clearTimeout(this.#timer);
      const reason = connected
        ? tokens.expiresAt <= Date.now()
          ? 'the ID token expired'
          : 'closed by the broker (another client with the same account may have connected; BMW allows one per account)'
        : 'the connection attempt failed';
      if (connected && tokens.expiresAt <= Date.now()) this.#refreshNext = true;
      this.#scheduleReconnect(reason);
    });
  }

  /** Reconnects with a fresh token shortly before the current ID token expires. */
  #scheduleRotation(expiresAt: number): void {
    clearTimeout(this.#timer);
    const before = this.#options.reconnectBeforeExpiryMs ?? 300_000;
    const delay = Math.max(0, expiresAt - before - Date.now());
    this.#timer = setTimeout(() => {
      const old = this.#client;
      this.#client = undefined;
      this.#refreshNext = true;
      // Close first: BMW would kick one of two connections for the same gcid anyway.
      void (old?.endAsync(true) ?? Promise.resolve())
        .catch(() => {})
        .then(() => this.#connect('reconnecting', 'ID token expires soon'));
    }, delay);
    this.#timer.unref?.();
  }

  #scheduleReconnect(reason: string): void {
    if (this.#stopped) return;
    const initial = this.#options.initialBackoffMs ?? 1000;
    const max = this.#options.maxBackoffMs ?? 60_000;
    const wait = Math.min(max, initial * 2 ** this.#attempt);
    this.#attempt++;
    this.#setState({ state: 'reconnecting', reason, retryInMs: wait });
    clearTimeout(this.#timer);
    this.#timer = setTimeout(() => void this.#connect('reconnecting', reason), wait);
  }

  #setState(change: StreamStateChange): void {
    // A new wait is news; the attempt that follows it (same state, same reason) is not.
    if (change.state === this.#state && change.retryInMs === undefined) return;
    this.#state = change.state;
    this.emit('state', change);
  }
}

/** The topic without its gcid, for messages that may be logged. */
function redactTopic(topic: string): string {
  const parts = topic.split('/');
  return parts.length > 1 ? `<gcid>/${parts.slice(1).join('/')}` : topic;
}
