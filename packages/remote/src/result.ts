import type { BimmerError, RemoteServicePosition } from '@bimmer/core';
import type { JsonObject } from '@bimmer/core/internal';
import type { VehicleStateData } from '@bimmer/mybmw';
import type { ExecutionState } from './execution-state';
import type { RemoteServiceTransition } from './progress';
import type { RemoteService } from './services';

/** What a remote service ended with. */
export interface RemoteServiceResult {
  /** The service that ran. */
  readonly service: RemoteService;
  /** The final state: EXECUTED, or IGNORED (e.g. charging asked for without a charger). */
  readonly state: ExecutionState;
  /** The event id BMW gave the command (none for send-to-car, which answers 201 without a body). */
  readonly eventId: string | undefined;
  /** The last status response (or why the command was ignored). */
  readonly details: JsonObject;
  /** When the command was sent. */
  readonly startedAt: Date;
  /** When the final state was seen (before the optional refresh). */
  readonly finishedAt: Date;
  /** `finishedAt - startedAt`. */
  readonly durationMs: number;
  /** Every state change, in order. */
  readonly transitions: readonly RemoteServiceTransition[];
  /** The vehicle's state after the command, when a refresh was asked for. */
  readonly vehicleState?: VehicleStateData;
  /**
   * The vehicle finder's position as the server sent it (GCJ-02 for China accounts; the vehicle's
   * `vehicleLocation` gets it converted to WGS-84), when it found the vehicle.
   */
  readonly position?: RemoteServicePosition;
  /**
   * Why the position request or the state refresh after the command failed. The command itself
   * reached `state`; do not resend it. The vehicle keeps its previous state (and `lastError`).
   */
  readonly followUpError?: BimmerError;
}
