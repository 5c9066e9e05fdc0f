import type { AccountSettings } from '../config/account-settings';
import { settingsFingerprint } from '../config/account-settings';
import type { RuntimeEvents } from '../node-red/node-red-api';
import { SharedAccount, type SharedAccountContext } from './shared-account';

/** How long a parked account waits for its node to come back before it stops anyway. */
export const PARK_TIMEOUT_MS = 60_000;

/** The signals on which Node-RED stops its flows and exits. */
const STOP_SIGNALS: readonly NodeJS.Signals[] = ['SIGINT', 'SIGTERM', 'SIGHUP', 'SIGUSR2'];

interface Entry {
  account: SharedAccount;
  parked: NodeJS.Timeout | undefined;
}

/**
 * The live accounts of this Node-RED process, one per account node id. A full deploy closes and
 * recreates every node; an account whose node comes back with the same settings is handed back
 * unchanged (same live account, same stream connection: no reconnect storm). Accounts whose node
 * does not come back are stopped once the deploy has started the flows, or when Node-RED stops.
 */
export class AccountRegistry {
  readonly #entries = new Map<string, Entry>();
  readonly #onFlowsStarted = () => void this.stopParked();
  readonly #onRuntimeEvent = (event: unknown) => {
    const payload =
      (event as { id?: unknown; payload?: { state?: unknown; deploy?: unknown } } | undefined) ?? {};
    // Node-RED stopping (not a deploy): nothing is coming back.
    if (
      payload.id === 'runtime-state' &&
      payload.payload?.state === 'stop' &&
      payload.payload.deploy !== true
    ) {
      void this.stopParked();
    }
  };
  readonly #events: RuntimeEvents | undefined;
  /** Stops under way (an account saving its state), so that whoever waits for stops waits for these too. */
  readonly #stopping = new Set<Promise<void>>();
  /**
   * Set when the process is asked to stop (Node-RED stops its flows, then exits): a closing account
   * node is not coming back, so its account stops at once and its close waits for the state to be
   * saved, instead of being parked.
   */
  #shuttingDown = false;
  readonly #onSignal = () => {
    this.#shuttingDown = true;
  };

  constructor(events?: RuntimeEvents) {
    this.#events = events;
    events?.on('flows:started', this.#onFlowsStarted);
    events?.on('runtime-event', this.#onRuntimeEvent);
    // Only beside a host that handles the signal (Node-RED's red.js does): a listener of ours alone
    // would keep the process from exiting on it. Ahead of the host's own listener: Node-RED's starts
    // stopping the flows (and closing our nodes) before a listener after it would run.
    for (const signal of STOP_SIGNALS) {
      if (process.listenerCount(signal) > 0) process.prependListener(signal, this.#onSignal);
    }
  }

  /**
   * The account of an account node that is being created: the parked one when its settings are
   * unchanged, else a new one (which waits for the replaced one to stop before it connects).
   */
  acquire(id: string, settings: AccountSettings, context: SharedAccountContext): SharedAccount {
    const fingerprint = settingsFingerprint(settings);
    const existing = this.#entries.get(id);
    if (existing !== undefined && existing.account.fingerprint === fingerprint) {
      clearTimeout(existing.parked);
      existing.parked = undefined;
      return existing.account;
    }
    const previous = existing === undefined ? Promise.resolve() : this.#stop(id, existing);
    const account = new SharedAccount(id, settings, fingerprint, context, previous);
    this.#entries.set(id, { account, parked: undefined });
    return account;
  }

  /** The account of a node id, when one is held (deployed, or parked during a deploy). */
  get(id: string): SharedAccount | undefined {
    return this.#entries.get(id)?.account;
  }

  /**
   * The account node closed. Removed: the account stops now. Otherwise it is parked until the flows
   * have started again (its node may come back unchanged).
   */
  release(id: string, account: SharedAccount, removed: boolean): Promise<void> {
    const entry = this.#entries.get(id);
    if (entry === undefined || entry.account !== account) return account.stop();
    if (removed || this.#shuttingDown) return this.#stop(id, entry);
    clearTimeout(entry.parked);
    entry.parked = setTimeout(() => void this.#stop(id, entry), PARK_TIMEOUT_MS);
    entry.parked.unref?.();
    return Promise.resolve();
  }

  /**
   * Stops every account whose node did not come back, and resolves once they and every stop
   * already under way (e.g. one Node-RED's stop event started) have finished saving their state.
   */
  async stopParked(): Promise<void> {
    for (const [id, entry] of this.#entries) if (entry.parked !== undefined) void this.#stop(id, entry);
    await Promise.all(this.#stopping);
  }

  /** Stops everything and forgets the runtime's events (tests, and Node-RED shutting down). */
  async close(): Promise<void> {
    this.#events?.removeListener('flows:started', this.#onFlowsStarted);
    this.#events?.removeListener('runtime-event', this.#onRuntimeEvent);
    for (const signal of STOP_SIGNALS) process.off(signal, this.#onSignal);
    for (const [id, entry] of this.#entries) void this.#stop(id, entry);
    await Promise.all(this.#stopping);
  }

  #stop(id: string, entry: Entry): Promise<void> {
    clearTimeout(entry.parked);
    entry.parked = undefined;
    if (this.#entries.get(id) === entry) this.#entries.delete(id);
    const stopping = entry.account.stop();
    this.#stopping.add(stopping);
    void stopping.finally(() => this.#stopping.delete(stopping)).catch(() => undefined);
    return stopping;
  }
}
