import type { LiveAccount } from '@bimmer/core';
import type { VehicleCommands } from './vehicle-commands';

/**
 * A live account as a transport opened it for the platform, with what the transport can do beyond
 * reading and what it started beside the account.
 */
export interface OpenedLiveAccount {
  readonly account: LiveAccount;
  /** Lock and climate commands (MyBMW); undefined on read-only transports. */
  readonly commands: VehicleCommands | undefined;
  /** Stops the account and whatever the transport started beside it (the demo's simulator). */
  stop(): Promise<void>;
}
