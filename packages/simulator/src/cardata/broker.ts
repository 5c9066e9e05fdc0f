import { createServer, type Server } from 'node:net';
import { Aedes, type AuthenticateError, type Client } from 'aedes';
import type { CarDataSimState } from './state';

/** The simulated CarData stream broker. */
export interface CarDataBroker {
  /** `mqtt://<host>:<port>`. */
  readonly url: string;
  /** Publishes a message on `<gcid>/<vin>` exactly as given. */
  publish(topic: string, payload: string): Promise<void>;
  /** Drops every connection (e.g. after a reset). */
  disconnectAll(): void;
  /** How many connections were closed because another one for the same gcid arrived. */
  readonly kicks: number;
  /** How many stream logins were accepted. */
  readonly logins: number;
  stop(): Promise<void>;
}

function authError(message: string, returnCode: 4 | 5): AuthenticateError {
  return Object.assign(new Error(message), { returnCode }) as AuthenticateError;
}

/**
 * Starts an aedes broker on `host:0` with BMW's rules: username = gcid, password = a valid ID token;
 * one connection per gcid (a new one kicks the old); the connection closes when its ID token
 * expires; subscriptions only below `<gcid>/`; clients may not publish.
 */
export async function startBroker(
  state: () => CarDataSimState,
  host: string,
  now: () => number,
): Promise<CarDataBroker> {
  const broker = await Aedes.createBroker();
  const gcidOf = new WeakMap<Client, string>();
  const expiryTimers = new WeakMap<Client, NodeJS.Timeout>();
  const current = new Map<string, Client>();
  let kicks = 0;
  let logins = 0;

  broker.authenticate = (client, username, password, done) => {
    const sim = state();
    const token = password === undefined ? undefined : sim.idTokens.get(password.toString('utf8'));
    if (username !== sim.gcid) {
      done(authError('Bad user name or password', 4), false);
      return;
    }
    if (token === undefined || token.revoked || now() >= token.expiresAt) {
      done(authError('Not authorized', 5), false);
      return;
    }
    if (sim.config.refuseStreamLogins > 0) {
      sim.config.refuseStreamLogins--;
      done(authError('Not authorized', 5), false);
      return;
    }
    logins++;
    gcidOf.set(client, username);
    const previous = current.get(username);
    current.set(username, client);
    if (previous !== undefined && !previous.closed) {
      kicks++;
      previous.close();
    }
    const timer = setTimeout(() => client.close(), Math.max(0, token.expiresAt - now()));
    timer.unref();
    expiryTimers.set(client, timer);
    done(null, true);
  };
  broker.authorizeSubscribe = (client, subscription, callback) => {
    const gcid = gcidOf.get(client);
    if (gcid === undefined || !subscription.topic.startsWith(`${gcid}/`)) {
      // A null subscription answers SUBACK 128 (refused) and keeps the connection, as BMW does.
      callback(null, null);
      return;
    }
    callback(null, subscription);
  };
  broker.authorizePublish = (client, _packet, callback) => {
    callback(client === null ? null : new Error('Clients may not publish'));
  };
  broker.on('clientDisconnect', (client) => {
    clearTimeout(expiryTimers.get(client));
    const gcid = gcidOf.get(client);
    if (gcid !== undefined && current.get(gcid) === client) current.delete(gcid);
  });

  const server: Server = createServer(broker.handle);
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, host, () => resolve());
  });
  const address = server.address();
  const port = typeof address === 'object' && address !== null ? address.port : 0;

  return {
    url: `mqtt://${host}:${port}`,
    get kicks() {
      return kicks;
    },
    get logins() {
      return logins;
    },
    publish: (topic, payload) =>
      new Promise((resolve, reject) => {
        broker.publish(
          { cmd: 'publish', topic, payload: Buffer.from(payload), qos: 1, retain: false, dup: false },
          (error) => (error ? reject(error) : resolve()),
        );
      }),
    disconnectAll: () => {
      for (const client of current.values()) client.close();
      current.clear();
    },
    stop: () =>
      new Promise((resolve) => {
        for (const client of current.values()) client.close();
        broker.close(() => server.close(() => resolve()));
      }),
  };
}
