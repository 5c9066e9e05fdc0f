/** Options of {@link ListenerRegistry}. */
export interface ListenerRegistryOptions<Events extends object> {
  /**
   * Told what a listener threw, or what the promise it returned rejected with. The emitter goes on
   * with the next listener either way; an error thrown here is dropped as well.
   */
  readonly onListenerError?: ((error: unknown, event: keyof Events) => void) | undefined;
}

type Listener<Payload> = (payload: Payload) => unknown;

/**
 * The `on(event, listener) => unsubscribe` half of the live-account contract, shared by every
 * implementation: a listener that throws (or rejects) never breaks the account nor keeps the other
 * listeners from hearing the event; its error goes to `onListenerError` (a live account turns it
 * into a `warning`). Listeners are called in the order they subscribed, each subscription once per
 * emit; subscribing or unsubscribing during an emit takes effect from the next emit.
 */
export class ListenerRegistry<Events extends object> {
  readonly #listeners = new Map<keyof Events, Set<{ readonly listener: Listener<never> }>>();
  readonly #onListenerError: ((error: unknown, event: keyof Events) => void) | undefined;

  constructor(options: ListenerRegistryOptions<Events> = {}) {
    this.#onListenerError = options.onListenerError;
  }

  /**
   * Subscribes `listener` to `event`; returns the function that unsubscribes (calling it again does
   * nothing). The same function subscribed twice is called twice, and each unsubscribe removes one.
   */
  on<E extends keyof Events>(event: E, listener: (payload: Events[E]) => void): () => void {
    let subscriptions = this.#listeners.get(event);
    if (subscriptions === undefined) {
      subscriptions = new Set();
      this.#listeners.set(event, subscriptions);
    }
    const subscription = { listener: listener as Listener<never> };
    subscriptions.add(subscription);
    return () => {
      const current = this.#listeners.get(event);
      if (current === undefined || !current.delete(subscription)) return;
      if (current.size === 0) this.#listeners.delete(event);
    };
  }

  /** Calls every listener of `event` with `payload`; never throws because of a listener. */
  emit<E extends keyof Events>(event: E, payload: Events[E]): void {
    const subscriptions = this.#listeners.get(event);
    if (subscriptions === undefined) return;
    for (const { listener } of [...subscriptions]) {
      try {
        const result = (listener as Listener<Events[E]>)(payload);
        if (isPromiseLike(result)) result.then(undefined, (error: unknown) => this.#report(error, event));
      } catch (error) {
        this.#report(error, event);
      }
    }
  }

  /** How many subscriptions `event` has, or all events together. */
  listenerCount(event?: keyof Events): number {
    if (event !== undefined) return this.#listeners.get(event)?.size ?? 0;
    let count = 0;
    for (const subscriptions of this.#listeners.values()) count += subscriptions.size;
    return count;
  }

  /** Removes every subscription (a stopped account that will not start again). */
  clear(): void {
    this.#listeners.clear();
  }

  #report(error: unknown, event: keyof Events): void {
    try {
      this.#onListenerError?.(error, event);
    } catch {
      // The error handler failed too; the emitter must go on regardless.
    }
  }
}

function isPromiseLike(value: unknown): value is PromiseLike<unknown> {
  return (
    (typeof value === 'object' || typeof value === 'function') &&
    value !== null &&
    typeof (value as { then?: unknown }).then === 'function'
  );
}
