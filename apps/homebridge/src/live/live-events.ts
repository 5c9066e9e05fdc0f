import type { LiveAccountEventName, LiveAccountEvents } from '@bimmer/core';

/**
 * The listener registry of a live account: `on` returns the unsubscribe function, and a listener
 * that throws is isolated (the others still run, the account goes on), as the contract requires.
 */
export class LiveEvents {
  readonly #listeners = new Map<LiveAccountEventName, Set<(payload: never) => void>>();

  /** Subscribes; returns the function that unsubscribes. */
  on<E extends LiveAccountEventName>(
    event: E,
    listener: (payload: LiveAccountEvents[E]) => void,
  ): () => void {
    let set = this.#listeners.get(event);
    if (set === undefined) {
      set = new Set();
      this.#listeners.set(event, set);
    }
    set.add(listener as (payload: never) => void);
    return () => set.delete(listener as (payload: never) => void);
  }

  /** Calls every listener of the event; a throwing listener never breaks the others. */
  emit<E extends LiveAccountEventName>(event: E, payload: LiveAccountEvents[E]): void {
    for (const listener of [...(this.#listeners.get(event) ?? [])]) {
      try {
        (listener as (value: LiveAccountEvents[E]) => void)(payload);
      } catch {
        // Listeners are the caller's code; their failures are theirs to log.
      }
    }
  }
}
