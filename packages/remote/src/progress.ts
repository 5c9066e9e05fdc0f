import type { ExecutionState } from './execution-state';
import type { RemoteService } from './services';

/** One state change of a remote service, as reported to `onProgress` and kept in the result. */
export interface RemoteServiceTransition {
  /** The service. */
  readonly service: RemoteService;
  /** The new state. */
  readonly state: ExecutionState;
  /** The event id, once the server gave one. */
  readonly eventId: string | undefined;
  /** When the state was seen. */
  readonly at: Date;
  /** Milliseconds since the command was sent. */
  readonly elapsedMs: number;
}

/** Called on every state change (the CLI shows a spinner, Node-RED a node status). */
export type RemoteServiceProgress = (transition: RemoteServiceTransition) => void;
