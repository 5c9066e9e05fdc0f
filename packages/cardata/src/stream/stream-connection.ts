import { randomBytes } from 'node:crypto';
import { EventEmitter } from 'node:events';
import { type BimmerError, isBimmerError } from '@bimmer/core';
import { connect, type IClientOptions, type MqttClient } from 'mqtt';
import type { CarDataTokenSource } from '../rest/token-source';
import { ReconnectBackoff, type ReconnectBackoffOptions, type StreamDropKind } from './reconnect-backoff';
import { KICKED_REASON, KICKED_WARNING, streamKickedError } from './stream-kicked';
import { parseStreamMessage, type StreamMessage } from './stream-message';
import { nextTokenRequestAt, rotationAt } from './token-rotation';

/** BMW's stream broker. */
export const CARDATA_STREAM_URL = 'mqtts://customer.streaming-cardata.bmwgroup.com:9000';

/**
 * Where the connection stands.
 * - `connecting` / `reconnecting`: an attempt is under way (or, with `retryInMs`, a wait before one);
 * - `connected`: subscribed, messages flow;
 * - `kicked`: another client of the same account connected and BMW closed ours; the connection
 *   backs off (longer each time) and retries. The change carries an error with action `use-hub`.
 * - `closed`: `stop()` was called.
 */
export type StreamConnectionState =
  | 'idle'
  | 'connecting'
  | 'connected'
  | 'reconnecting'
  | 'kicked'
  | 'closed';

/** A change of {@link StreamConnectionState}, with the reason when there is one. */
export interface StreamStateChange {
  readonly state: StreamConnectionState;
  /** Why, e.g. `ID token expires soon`, `the connection attempt failed`. Never contains a secret. */
  readonly reason?: string | undefined;
  /** The wait before the next attempt, when waiting. */
  readonly retryInMs?: number | undefined;
  /**
   * The typed error behind the change, when there is one: for `kicked` a `CarDataApiError` with
   * action `use-hub`; after a failed token request the token source's error (e.g. `auth` with
   * action `cardata-login`).
   */
  readonly error?: BimmerError | undefined;
}

/** Options of {@link CarDataStreamConnection}; only `tokens` is required. */
export interface CarDataStreamOptions extends ReconnectBackoffOptions {
  /** Supplies the gcid and the ID token (the MQTT password). */
  readonly tokens: CarDataTokenSource;
  /** Defaults to `mqtts://customer.streaming-cardata.bmwgroup.com:9000`; `mqtt://` for the simulator. */
  readonly url?: string | undefined;
  /**
   * Reconnect with a fresh ID token this long before it expires; at most half the token's life.
   * Default 5 minutes.
   */
  readonly reconnectBeforeExpiryMs?: number | undefined;
  /**
   * The least time between two ID-token requests of this connection (rotations, and renewals after
   * the broker closed an expired connection). Keeps a short token lifetime from becoming a storm of
   * token requests. Default 30 s.
   */
  readonly minTokenRotationMs?: number | undefined;
  /** MQTT keepalive in seconds. Default 30. */
  readonly keepaliveSeconds?: number | undefined;
  /** Extra mqtt.js options (e.g. `ca` for a private broker). */
  readonly mqttOptions?: Partial<IClientOptions> | undefined;
}

/** The events of a {@link CarDataStreamConnection}. */
export interface StreamConnectionEvents {
  message: [message: StreamMessage, topic: string];
  /**
   * Every payload BMW sent, exactly as received (before it is read), with its topic
   * (`<gcid>/<vin>`): for relays that pass BMW's own format on (the hub's `raw/<VIN>` topics).
   * Malformed payloads are included; `message` follows for the ones that can be read.
   */
  raw: [payload: Uint8Array, topic: string];
  state: [change: StreamStateChange];
  /** Something to tell the user that does not stop the stream (a malformed message, a kick). */
  warning: [text: string];
}

type StreamTokens = Awaited<ReturnType<CarDataTokenSource['tokens']>>;

/** CONNACK return codes of a refused login: 4 bad user name or password, 5 not authorized. */
const REFUSED_LOGIN_CODES = new Set([4, 5]);

/**
 * One MQTT connection to BMW's stream for one gcid, subscribed to `<gcid>/+`. It reconnects with a
 * fresh ID token before the token expires and after any drop, with exponential backoff that is only
 * reset once a connection has lasted a while (so a connection kicked by another client of the
 * account backs off instead of kicking back at once), and reports its state. BMW allows one
 * connection per gcid: share one instance (see {@link acquireCarDataStream}), and between programs
 * use `bimmer hub`.
 */
export class CarDataStreamConnection extends EventEmitter<StreamConnectionEvents> {
  readonly #options: CarDataStreamOptions;
  readonly #backoff: ReconnectBackoff;
  #client: MqttClient | undefined;
  #state: StreamConnectionState = 'idle';
  #timer: NodeJS.Timeout | undefined;
  #stopped = false;
  /** The next attempt must use a token newer than this expiry (rotation, expired token). */
  #needTokenNewerThan: number | undefined;
  /** BMW refused a token right after connecting: the next attempt refreshes first. */
  #forceRefresh = false;
  /** The one forced refresh after a refusal is spent until a connection succeeds again. */
  #refreshedAfterRefusal = false;
  #lastTokenRequestAt: number | undefined;
  #toldKicked = false;
  /** Counts start/stop cycles, so an attempt begun before `stop()` never connects after a new `start()`. */
  #generation = 0;
  readonly #clientId = `bimmer-${randomBytes(6).toString('hex')}`;

  constructor(options: CarDataStreamOptions) {
    super();
    this.#options = options;
    this.#backoff = new ReconnectBackoff(options);
  }

  /** The current state. */
  get state(): StreamConnectionState {
    return this.#state;
  }

  /** Connects (once); later drops are handled by the connection itself. */
  start(): void {
    if (this.#state !== 'idle' && this.#state !== 'closed') return;
    this.#stopped = false;
    this.#toldKicked = false;
    this.#generation++;
    void this.#connect('connecting');
  }

  /** Closes the connection for good (until `start()` again); leaves no timer or socket behind. */
  async stop(): Promise<void> {
    this.#stopped = true;
    this.#generation++;
    clearTimeout(this.#timer);
    this.#timer = undefined;
    const client = this.#client;
    this.#client = undefined;
    if (client !== undefined) await client.endAsync(true).catch(() => {});
    this.#setState({ state: 'closed' });
  }

  /** Resolves once connected (or rejects after `timeoutMs`, or when the connection is stopped). */
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

  /** The ID token for the next attempt: a forced refresh, a newer one than `#needTokenNewerThan`, or the source's current one. */
  async #idToken(): Promise<StreamTokens> {
    const source = this.#options.tokens;
    if (this.#forceRefresh) {
      this.#forceRefresh = false;
      this.#lastTokenRequestAt = Date.now();
      return source.refresh();
    }
    const needed = this.#needTokenNewerThan;
    // A rotation or renewal counts as a token request even when the source already has a newer token.
    if (needed !== undefined) this.#lastTokenRequestAt = Date.now();
    const current = await source.tokens();
    if (needed === undefined || current.expiresAt > needed) return current;
    return source.refresh();
  }

  async #connect(state: 'connecting' | 'reconnecting', reason?: string): Promise<void> {
    if (this.#stopped) return;
    const generation = this.#generation;
    this.#setState({ state, reason });
    let tokens: StreamTokens;
    try {
      tokens = await this.#idToken();
      this.#needTokenNewerThan = undefined;
    } catch (error) {
      if (this.#stopped || generation !== this.#generation) return;
      this.emit('warning', `Could not get a CarData ID token: ${(error as Error).message}`);
      this.#scheduleReconnect(
        'failed',
        'no valid ID token',
        undefined,
        isBimmerError(error) ? error : undefined,
      );
      return;
    }
    if (this.#stopped || generation !== this.#generation) return;
    const obtainedAt = Date.now();
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
    let connectedAt: number | undefined;
    let refusedLogin = false;
    let dropError: string | undefined;
    const topic = `${tokens.gcid}/+`;

    client.on('connect', () => {
      connectedAt = Date.now();
      this.#refreshedAfterRefusal = false;
      client.subscribe(topic, { qos: 1 }, (error, granted) => {
        if ((error !== null && error !== undefined) || granted?.some((grant) => grant.qos === 128)) {
          this.emit(
            'warning',
            'BMW refused the stream subscription (code 128): configure the data stream for this vehicle in the CarData portal.',
          );
        }
        if (this.#client !== client) return;
        this.#setState({ state: 'connected' });
        this.#scheduleRotation(tokens, obtainedAt);
      });
    });
    client.on('message', (messageTopic, payload) => this.#onMessage(messageTopic, payload));
    // mqtt.js reports a failed TLS connection twice (once from the TLS socket, once from the
    // stream), so each distinct error is told once per attempt.
    const reported = new Set<string>();
    client.on('error', (error) => {
      const code = (error as { code?: unknown }).code;
      if (typeof code === 'number' && REFUSED_LOGIN_CODES.has(code)) refusedLogin = true;
      else if (connectedAt !== undefined) dropError = error.message;
      if (reported.has(error.message)) return;
      reported.add(error.message);
      this.emit('warning', `CarData stream: ${error.message}`);
    });
    client.on('close', () => {
      if (this.#client !== client || this.#stopped) return;
      this.#client = undefined;
      clearTimeout(this.#timer);
      this.#onClose(tokens, connectedAt, refusedLogin, dropError);
    });
  }

  #onMessage(topic: string, payload: Uint8Array): void {
    if (this.listenerCount('raw') > 0) this.emit('raw', payload, topic);
    const result = parseStreamMessage(payload, topic.split('/').pop());
    if (!result.ok) {
      this.emit(
        'warning',
        `Ignored a malformed CarData stream message on ${redactTopic(topic)}: ${result.reason}.`,
      );
      return;
    }
    if (result.skipped.length > 0) {
      this.emit(
        'warning',
        `Ignored ${result.skipped.length} malformed entr${result.skipped.length === 1 ? 'y' : 'ies'} (${result.skipped.join(', ')}).`,
      );
    }
    this.emit('message', result.message, topic);
  }

  /** Decides what an ended connection (or attempt) was, and when to try again. */
  #onClose(
    tokens: StreamTokens,
    connectedAt: number | undefined,
    refusedLogin: boolean,
    dropError?: string,
  ): void {
    const now = Date.now();
    if (connectedAt === undefined) {
      if (refusedLogin && !this.#refreshedAfterRefusal) {
        // BMW refuses a token for a while after a rotation: one fresh token, at once, before backing off.
        this.#refreshedAfterRefusal = true;
        this.#forceRefresh = true;
        void this.#connect('reconnecting', 'BMW refused the ID token; trying once with a fresh one');
        return;
      }
      this.#scheduleReconnect(
        'failed',
        refusedLogin ? 'BMW refused the ID token' : 'the connection attempt failed',
        undefined,
      );
      return;
    }
    const lived = now - connectedAt;
    if (tokens.expiresAt <= now + 1000) {
      this.#needTokenNewerThan = tokens.expiresAt;
      this.#scheduleReconnect('dropped', 'the ID token expired', lived);
    } else if (dropError === undefined) {
      // A clean close of a live connection with a valid token: the broker let another client in.
      this.#scheduleReconnect('kicked', KICKED_REASON, lived, streamKickedError());
    } else {
      this.#scheduleReconnect('dropped', `the connection dropped (${dropError})`, lived);
    }
  }

  /** Reconnects with a fresh token shortly before the current ID token expires. */
  #scheduleRotation(tokens: StreamTokens, obtainedAt: number): void {
    clearTimeout(this.#timer);
    const at = rotationAt({
      expiresAt: tokens.expiresAt,
      obtainedAt,
      lastTokenRequestAt: this.#lastTokenRequestAt,
      reconnectBeforeExpiryMs: this.#options.reconnectBeforeExpiryMs ?? 300_000,
      minTokenRotationMs: this.#minTokenRotationMs(),
    });
    this.#timer = setTimeout(
      () => {
        const old = this.#client;
        this.#client = undefined;
        this.#needTokenNewerThan = tokens.expiresAt;
        // Close first: BMW would kick one of two connections for the same gcid anyway.
        void (old?.endAsync(true) ?? Promise.resolve())
          .catch(() => {})
          .then(() => this.#connect('reconnecting', 'ID token expires soon'));
      },
      Math.max(0, at - Date.now()),
    );
    this.#timer.unref?.();
  }

  #scheduleReconnect(
    kind: StreamDropKind,
    reason: string,
    connectedForMs?: number,
    error?: BimmerError,
  ): void {
    if (this.#stopped) return;
    let wait = this.#backoff.next(kind, connectedForMs);
    if (this.#needTokenNewerThan !== undefined) {
      // A new ID token is needed: not sooner than the lower bound between token requests.
      const allowedAt = nextTokenRequestAt(this.#lastTokenRequestAt, this.#minTokenRotationMs());
      wait = Math.max(wait, allowedAt - Date.now());
    }
    if (kind === 'kicked' && !this.#toldKicked) {
      this.#toldKicked = true;
      this.emit('warning', KICKED_WARNING);
    }
    this.#setState({ state: kind === 'kicked' ? 'kicked' : 'reconnecting', reason, retryInMs: wait, error });
    clearTimeout(this.#timer);
    this.#timer = setTimeout(() => void this.#connect('reconnecting', reason), wait);
  }

  #minTokenRotationMs(): number {
    return this.#options.minTokenRotationMs ?? 30_000;
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
