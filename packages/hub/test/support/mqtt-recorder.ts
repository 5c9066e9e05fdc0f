import { connect, type IClientOptions, type MqttClient } from 'mqtt';

/** One message a recorder received. */
export interface RecordedMessage {
  readonly topic: string;
  readonly payload: string;
  readonly retain: boolean;
  readonly at: number;
}

/**
 * A real MQTT subscriber (mqtt.js) that keeps every message it receives, for assertions: the last
 * payload per topic, the whole list, and waiting until a topic satisfies a condition.
 */
export class MqttRecorder {
  readonly messages: RecordedMessage[] = [];
  readonly last = new Map<string, RecordedMessage>();
  readonly #client: MqttClient;
  readonly #waiters = new Set<() => void>();

  private constructor(client: MqttClient) {
    this.#client = client;
    client.on('message', (topic, payload, packet) => {
      const message = { topic, payload: payload.toString('utf8'), retain: packet.retain, at: Date.now() };
      this.messages.push(message);
      // A broker may deliver a topic's retained message after a live one published just after the
      // subscription (aedes does): the retained one is then the older.
      if (message.retain && this.last.get(topic)?.retain === false) return;
      this.last.set(topic, message);
      for (const waiter of [...this.#waiters]) waiter();
    });
  }

  /** Connects to `url` and subscribes to `topics` (default everything). */
  static async connect(
    url: string,
    topics: string[] = ['#'],
    options: Partial<IClientOptions> = {},
  ): Promise<MqttRecorder> {
    const client = await new Promise<MqttClient>((resolve, reject) => {
      const c = connect(url, { reconnectPeriod: 0, connectTimeout: 5_000, ...options });
      c.once('connect', () => resolve(c));
      c.once('error', reject);
    });
    // Listen before subscribing: retained messages can arrive in the same read as the SUBACK.
    const recorder = new MqttRecorder(client);
    await client.subscribeAsync(topics, { qos: 0 });
    return recorder;
  }

  /** The last payload on `topic`, parsed as JSON. */
  json<T = Record<string, unknown>>(topic: string): T | undefined {
    const message = this.last.get(topic);
    return message === undefined || message.payload === '' ? undefined : (JSON.parse(message.payload) as T);
  }

  /** Resolves with the first message on `topic` (now or later) for which `predicate` holds. */
  waitFor(
    topic: string | ((topic: string) => boolean),
    predicate: (message: RecordedMessage) => boolean = () => true,
    timeoutMs = 10_000,
  ): Promise<RecordedMessage> {
    const matches = (message: RecordedMessage) =>
      (typeof topic === 'string' ? message.topic === topic : topic(message.topic)) && predicate(message);
    const found = [...this.last.values()].find(matches);
    if (found !== undefined) return Promise.resolve(found);
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => {
        this.#waiters.delete(check);
        reject(new Error(`timed out waiting for ${typeof topic === 'string' ? topic : 'a topic'}`));
      }, timeoutMs);
      const check = () => {
        const message = [...this.last.values()].find(matches);
        if (message === undefined) return;
        clearTimeout(timer);
        this.#waiters.delete(check);
        resolve(message);
      };
      this.#waiters.add(check);
    });
  }

  /** Resolves with the first message received (now or later, any topic) for which `predicate` holds. */
  waitForMessage(
    predicate: (message: RecordedMessage) => boolean,
    timeoutMs = 10_000,
  ): Promise<RecordedMessage> {
    const found = this.messages.find(predicate);
    if (found !== undefined) return Promise.resolve(found);
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => {
        this.#waiters.delete(check);
        reject(new Error('timed out waiting for a message'));
      }, timeoutMs);
      const check = () => {
        const message = this.messages.find(predicate);
        if (message === undefined) return;
        clearTimeout(timer);
        this.#waiters.delete(check);
        resolve(message);
      };
      this.#waiters.add(check);
    });
  }

  /** Publishes (as a consumer would, e.g. Home Assistant's birth message). */
  async publish(topic: string, payload: string, retain = false): Promise<void> {
    await this.#client.publishAsync(topic, payload, { retain, qos: 1 });
  }

  async close(): Promise<void> {
    await this.#client.endAsync(true);
  }
}
