import { randomUUID } from 'node:crypto';
import type { FinderPosition } from './remote-effects';

/** How a remote command ends: executed, failed, or never leaving PENDING. */
export type RemoteOutcome = 'EXECUTED' | 'ERROR' | 'STALL';

/** How remote commands progress through `eventStatus`. */
export interface RemoteServiceBehaviour {
  /** The final state; EXECUTED by default. */
  outcome?: RemoteOutcome;
  /** How many polls answer PENDING, then DELIVERED, before the outcome; 1 by default. */
  stepsPerStatus?: number;
  /** Per service (`door-lock`, `climate-now`, `start-charging`, `charging-settings`, …) overrides. */
  services?: Record<string, { outcome?: RemoteOutcome; stepsPerStatus?: number }>;
}

/** One triggered remote command. */
export interface RemoteEvent {
  eventId: string;
  vin: string;
  service: string;
  /** The gcid of the account that triggered it. */
  gcid: string;
  creationTime: string;
  outcome: RemoteOutcome;
  stepsPerStatus: number;
  /** How many times `eventStatus` was asked. */
  polls: number;
  /** For vehicle-finder: the position it found. */
  position?: FinderPosition;
}

/** The `eventStatus` answer for the n-th poll (1-based) of an event. */
export function eventStatusFor(
  event: Pick<RemoteEvent, 'outcome' | 'stepsPerStatus'>,
  poll: number,
): Record<string, string> {
  const steps = Math.max(0, event.stepsPerStatus);
  if (event.outcome === 'STALL' || poll <= steps) return { eventStatus: 'PENDING' };
  if (poll <= 2 * steps) return { eventStatus: 'DELIVERED' };
  if (event.outcome === 'ERROR') {
    return {
      eventStatus: 'ERROR',
      details: 'The vehicle could not execute the command (simulated failure).',
    };
  }
  return { eventStatus: 'EXECUTED' };
}

/** The remote commands triggered so far and how they progress. */
export class RemoteEvents {
  readonly #initial: RemoteServiceBehaviour;
  #behaviour: RemoteServiceBehaviour;
  #events = new Map<string, RemoteEvent>();

  constructor(behaviour: RemoteServiceBehaviour = {}) {
    this.#initial = structuredClone(behaviour);
    this.#behaviour = structuredClone(behaviour);
  }

  /** Changes how commands triggered from now on progress (merged over the current behaviour). */
  configure(behaviour: RemoteServiceBehaviour): void {
    this.#behaviour = {
      ...this.#behaviour,
      ...behaviour,
      services: { ...this.#behaviour.services, ...behaviour.services },
    };
  }

  /** The behaviour in effect now. */
  behaviour(): RemoteServiceBehaviour {
    return structuredClone(this.#behaviour);
  }

  /** Forgets every event and restores the behaviour given at start-up. */
  reset(): void {
    this.#events.clear();
    this.#behaviour = structuredClone(this.#initial);
  }

  /** The outcome a command of this service would get now. */
  outcomeFor(service: string): RemoteOutcome {
    return this.#behaviour.services?.[service]?.outcome ?? this.#behaviour.outcome ?? 'EXECUTED';
  }

  /** Records a triggered command. */
  create(vin: string, service: string, gcid: string, creationTime: string): RemoteEvent {
    const override = this.#behaviour.services?.[service];
    const event: RemoteEvent = {
      eventId: randomUUID(),
      vin,
      service,
      gcid,
      creationTime,
      outcome: this.outcomeFor(service),
      stepsPerStatus: override?.stepsPerStatus ?? this.#behaviour.stepsPerStatus ?? 1,
      polls: 0,
    };
    this.#events.set(event.eventId, event);
    return event;
  }

  /** An event by id. */
  get(eventId: string): RemoteEvent | undefined {
    return this.#events.get(eventId);
  }

  /** Answers one `eventStatus` poll; undefined for an unknown event. */
  poll(eventId: string): Record<string, string> | undefined {
    const event = this.#events.get(eventId);
    if (!event) return undefined;
    event.polls += 1;
    return eventStatusFor(event, event.polls);
  }

  /** Every event, oldest first (copies). */
  list(): RemoteEvent[] {
    return [...this.#events.values()].map((event) => structuredClone(event));
  }
}
