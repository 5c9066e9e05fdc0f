import { timingSafeEqual } from 'node:crypto';
import { createServer, type Server, type Socket } from 'node:net';
import { BimmerValidationError } from '@bimmer/core';
import { Aedes, type AuthenticateError } from 'aedes';
import { urlHost } from '../host-address';

/** Options of {@link startEmbeddedBroker}. */
export interface EmbeddedBrokerOptions {
  readonly host: string;
  /** 0 picks a free port. */
  readonly port: number;
  /** When set, every client must log in with these. */
  readonly username?: string | undefined;
  readonly password?: string | undefined;
  /** Only this client (the hub's own) may publish below `<protectedPrefix>/`. */
  readonly publisherClientId: string;
  readonly protectedPrefix: string;
}

/** A running embedded broker. */
export interface EmbeddedBroker {
  /** `mqtt://<host>:<port>`, without credentials. */
  readonly url: string;
  stop(): Promise<void>;
}

function sameSecret(given: string, expected: string): boolean {
  const a = Buffer.from(given);
  const b = Buffer.from(expected);
  return a.length === b.length && timingSafeEqual(a, b);
}

/**
 * Starts the hub's own MQTT broker (aedes) on `host:port`, for houses that run no broker: Home
 * Assistant, evcc and the hub clients connect to it. Retained messages live in memory (the hub
 * publishes them all again at every start, from its persisted state). With a user name and password
 * every client must log in; consumers may publish (Home Assistant's birth message), but nobody
 * except the hub below the hub's own prefix, so no program can fake a vehicle's state.
 */
export async function startEmbeddedBroker(options: EmbeddedBrokerOptions): Promise<EmbeddedBroker> {
  const broker = await Aedes.createBroker();
  const needsLogin = options.username !== undefined || options.password !== undefined;
  broker.authenticate = (_client, username, password, done) => {
    if (!needsLogin) {
      done(null, true);
      return;
    }
    const ok =
      username !== undefined &&
      password !== undefined &&
      sameSecret(username, options.username ?? '') &&
      sameSecret(password.toString('utf8'), options.password ?? '');
    if (ok) done(null, true);
    else
      done(
        Object.assign(new Error('Bad user name or password'), { returnCode: 4 }) as AuthenticateError,
        false,
      );
  };
  const prefix = `${options.protectedPrefix}/`;
  broker.authorizePublish = (client, packet, callback) => {
    if (client !== null && client.id !== options.publisherClientId && packet.topic.startsWith(prefix)) {
      callback(new Error(`Only bimmer hub publishes below ${prefix}`));
      return;
    }
    callback(null);
  };

  const sockets = new Set<Socket>();
  const server: Server = createServer((socket) => {
    sockets.add(socket);
    socket.once('close', () => sockets.delete(socket));
    broker.handle(socket);
  });
  try {
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(options.port, options.host, () => {
        server.off('error', reject);
        resolve();
      });
    });
  } catch (error) {
    await new Promise<void>((resolve) => broker.close(() => resolve()));
    const code = (error as { code?: unknown }).code;
    throw new BimmerValidationError(
      code === 'EADDRINUSE'
        ? `The MQTT port ${options.port} on ${options.host} is already in use: pick another with the MQTT port option (0 picks a free one), or publish into the broker that runs there with the MQTT URL option.`
        : `The embedded MQTT broker could not listen on ${options.host}:${options.port}: ${(error as Error).message}`,
      { paths: ['mqttPort'], action: 'check-input', cause: error },
    );
  }
  const address = server.address();
  const port = typeof address === 'object' && address !== null ? address.port : options.port;
  return {
    url: `mqtt://${urlHost(options.host)}:${port}`,
    stop: () =>
      new Promise<void>((resolve) => {
        broker.close(() => {
          for (const socket of sockets) socket.destroy();
          server.close(() => resolve());
        });
      }),
  };
}
