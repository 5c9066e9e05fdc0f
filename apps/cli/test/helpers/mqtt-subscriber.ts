import { connect, type IClientOptions, type MqttClient } from 'mqtt';

/** One message a subscriber received. */
export interface ReceivedMessage {
  readonly topic: string;
  readonly payload: string;
  readonly retain: boolean;
  /** When it arrived (epoch ms). */
  readonly at: number;
}

/**
 * A real MQTT subscriber (mqtt.js), as Home Assistant or evcc would be: keeps every message and
 * waits for one that satisfies a condition.
 */
export class MqttSubscriber {
  readonly messages: ReceivedMessage[] = [];
  readonly #client: MqttClient;
  readonly #waiters = new Set<() => void>();

  private constructor(client: MqttClient) {
    this.#client = client;
    client.on('message', (topic, payload, packet) => {
      this.messages.push({ topic, payload: payload.toString('utf8'), retain: packet.retain, at: Date.now() });
      for (const waiter of [...this.#waiters]) waiter();
    });
  }

  /** Connects to `url` (no reconnects: a broker that goes away ends it) and subscribes to `topics`. */
  static async connect(
    url: string,
    topics: readonly string[],
    options: Partial<IClientOptions> = {},
  ): Promise<MqttSubscriber> {
    const client = await new Promise<MqttClient>((resolve, reject) => {
      const candidate = connect(url, { reconnectPeriod: 0, connectTimeout: 5_000, ...options });
      candidate.once('connect', () => resolve(candidate));
      candidate.once('error', reject);
    });
    // Listen before subscribing: retained messages can arrive in the same read as the SUBACK.
    const subscriber = new MqttSubscriber(client);
    await client.subscribeAsync([...topics], { qos: 1 });
    return subscriber;
  }

  /** Resolves with the first message (received so far or later) that satisfies `accept`. */
  waitFor(accept: (message: ReceivedMessage) => boolean, what: string, timeoutMs = 20_000) {
    const found = this.messages.find(accept);
    if (found !== undefined) return Promise.resolve(found);
    return new Promise<ReceivedMessage>((resolve, reject) => {
      const timer = setTimeout(() => {
        this.#waiters.delete(check);
        reject(
          new Error(`no ${what} in time; got ${[...new Set(this.messages.map((m) => m.topic))].join(', ')}`),
        );
      }, timeoutMs);
      const check = () => {
        const message = this.messages.find(accept);
        if (message === undefined) return;
        clearTimeout(timer);
        this.#waiters.delete(check);
        resolve(message);
      };
      this.#waiters.add(check);
    });
  }

  /** The last payload received on `topic`. */
  last(topic: string): ReceivedMessage | undefined {
    return this.messages.findLast((message) => message.topic === topic);
  }

  async close(): Promise<void> {
    await this.#client.endAsync(true);
  }
}
