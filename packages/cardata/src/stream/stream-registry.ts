import type { CarDataTokenSource } from '../rest/token-source';
import { CarDataStreamConnection, type CarDataStreamOptions } from './stream-connection';

interface Entry {
  connection: CarDataStreamConnection;
  users: number;
}

const connections = new Map<string, Entry>();

/** A share of the process-wide stream connection of one gcid. */
export interface StreamLease {
  readonly connection: CarDataStreamConnection;
  /** Gives the share back; the connection closes when the last share is released. */
  release(): Promise<void>;
}

/**
 * The one stream connection of this process for the tokens' gcid, started on first use and shared
 * by every consumer. BMW drops the older of two connections for the same gcid, so never open a
 * second one.
 */
export async function acquireCarDataStream(
  tokens: CarDataTokenSource,
  options: Omit<CarDataStreamOptions, 'tokens'> = {},
): Promise<StreamLease> {
  const { gcid } = await tokens.tokens();
  const key = `${options.url ?? ''}|${gcid}`;
  let entry = connections.get(key);
  if (entry === undefined) {
    entry = { connection: new CarDataStreamConnection({ ...options, tokens }), users: 0 };
    connections.set(key, entry);
    entry.connection.start();
  }
  entry.users++;
  const held = entry;
  let released = false;
  return {
    connection: held.connection,
    async release() {
      if (released) return;
      released = true;
      held.users--;
      if (held.users === 0 && connections.get(key) === held) {
        connections.delete(key);
        await held.connection.stop();
      }
    },
  };
}
