import type { IncomingMessage, ServerResponse } from 'node:http';

/** What the MyBMW side of the simulator hands to the CarData side. */
export interface CarDataSimulatorContext {
  /** The simulator's clock in epoch milliseconds (tests move it). */
  now: () => number;
  /** The host the simulator listens on (the MQTT broker listens there too). */
  host: string;
  /** Access and ID token lifetime in seconds (`--token-lifetime`). */
  tokenLifetimeSeconds: number;
}

/** The CarData part of the simulator: device-code login, REST API and the MQTT broker. */
export interface CarDataSimulator {
  /**
   * Handles the request when it is a CarData one and returns true; returns false to let the MyBMW
   * routes handle it. `body` is the whole request body, already read.
   */
  handle(request: IncomingMessage, response: ServerResponse, url: URL, body: Buffer): Promise<boolean>;
  /** `mqtt://<host>:<port>` of the broker, once started. */
  readonly mqttUrl: string | undefined;
  /** Forgets tokens, codes, quota use and published state (POST /_simulator/reset). */
  reset(): void;
  /** Stops the broker. */
  stop(): Promise<void>;
}

/** Starts the CarData side. Until it is implemented it handles nothing and starts no broker. */
export async function startCarDataSimulator(_context: CarDataSimulatorContext): Promise<CarDataSimulator> {
  return {
    handle: async () => false,
    mqttUrl: undefined,
    reset: () => {},
    stop: async () => {},
  };
}
