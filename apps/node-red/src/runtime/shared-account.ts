import {
  BimmerError,
  isBimmerError,
  type LiveAccount,
  type LiveAccountEventName,
  type LiveAccountEvents,
  type LiveBudget,
  type LiveConnection,
} from '@bimmer/core';
import type { AccountSettings } from '../config/account-settings';
import { type OpenedLiveAccount, openLiveAccount } from './open-live-account';

/** Where a shared account stands, for node statuses and the editor. */
export interface AccountView {
  /** `opening` until the live account is open and started; `login-needed` and `failed` carry `error`. */
  readonly phase: 'opening' | 'open' | 'login-needed' | 'failed' | 'stopped';
  readonly connection: LiveConnection | undefined;
  readonly budget: LiveBudget | undefined;
  /** When the last change of any vehicle arrived. */
  readonly lastUpdate: Date | undefined;
  readonly error: Error | undefined;
}

/** The events of a {@link SharedAccount}: the live account's, plus `view` and `ready`. */
export interface SharedAccountEvents extends LiveAccountEvents {
  /** The view changed (connection, budget, phase, last update). */
  view: AccountView;
  /** The live account is open and started (also after a re-open following a login). */
  ready: LiveAccount;
}

type Listener = (payload: never) => void;

/** What a shared account needs from its surroundings. */
export interface SharedAccountContext {
  readonly userDir: string;
  readonly log: { warn(message: string): void };
  /** Opens the live account (injected so the registry can be tested without transports). */
  readonly open?: typeof openLiveAccount | undefined;
}

/**
 * One live account of one account node, shared by every node that uses it: the nodes subscribe here
 * once, and this object re-subscribes to the live account when it is replaced (after a login), so
 * adding nodes adds no calls and no stream connections. Listeners never see a rejected promise:
 * everything that fails becomes `view.error`.
 */
export class SharedAccount {
  readonly id: string;
  readonly settings: AccountSettings;
  readonly fingerprint: string;
  readonly #context: SharedAccountContext;
  readonly #listeners = new Map<keyof SharedAccountEvents, Set<Listener>>();
  #opened: OpenedLiveAccount | undefined;
  #detach: (() => void)[] = [];
  #phase: AccountView['phase'] = 'opening';
  #error: Error | undefined;
  #lastUpdate: Date | undefined;
  #generation = 0;
  #work: Promise<void>;
  #retryTimer: NodeJS.Timeout | undefined;
  #failures = 0;

  /**
   * @param previous resolves once the account this one replaces has stopped: BMW allows one stream
   *   per account, so the new one must not connect before the old one is gone.
   */
  constructor(
    id: string,
    settings: AccountSettings,
    fingerprint: string,
    context: SharedAccountContext,
    previous: Promise<void> = Promise.resolve(),
  ) {
    this.id = id;
    this.settings = settings;
    this.fingerprint = fingerprint;
    this.#context = context;
    this.#work = previous.catch(() => undefined).then(() => this.#open(this.#generation));
  }

  /** The live account, once open. */
  get account(): LiveAccount | undefined {
    return this.#phase === 'open' ? this.#opened?.account : undefined;
  }

  /** How often a remote command's progress is asked for, when the transport has its own pace (demo). */
  get remotePollIntervalMs(): number | undefined {
    return this.#opened?.remotePollIntervalMs;
  }

  /** The current view. */
  get view(): AccountView {
    const account = this.#opened?.account;
    return {
      phase: this.#phase,
      connection: account?.connection,
      budget: account?.budget,
      lastUpdate: this.#lastUpdate,
      error: this.#error,
    };
  }

  /** Resolves when the work in progress (opening, re-opening, stopping) has finished. */
  settled(): Promise<void> {
    return this.#work;
  }

  /**
   * The live account, waiting while it opens. Rejects with the reason it is not available (login
   * needed, failed, stopped), a typed error whenever there is one.
   */
  async whenOpen(): Promise<LiveAccount> {
    await this.#work;
    const account = this.account;
    if (account !== undefined) return account;
    throw this.#error ?? new Error('The account node is stopped.');
  }

  on<E extends keyof SharedAccountEvents>(
    event: E,
    listener: (payload: SharedAccountEvents[E]) => void,
  ): () => void {
    let set = this.#listeners.get(event);
    if (set === undefined) {
      set = new Set();
      this.#listeners.set(event, set);
    }
    set.add(listener as Listener);
    return () => set.delete(listener as Listener);
  }

  /** Closes the live account and opens it again (after a login stored new tokens). */
  reopen(): Promise<void> {
    const generation = ++this.#generation;
    this.#work = this.#work.then(async () => {
      await this.#close();
      if (generation === this.#generation && this.#phase !== 'stopped') await this.#open(generation);
    });
    return this.#work;
  }

  /** Stops the live account for good (idempotent). */
  stop(): Promise<void> {
    this.#generation++;
    clearTimeout(this.#retryTimer);
    this.#work = this.#work.then(async () => {
      if (this.#phase === 'stopped') return;
      await this.#close();
      this.#phase = 'stopped';
      this.#emitView();
    });
    return this.#work;
  }

  #emit<E extends keyof SharedAccountEvents>(event: E, payload: SharedAccountEvents[E]): void {
    for (const listener of [...(this.#listeners.get(event) ?? [])]) {
      try {
        (listener as (value: SharedAccountEvents[E]) => void)(payload);
      } catch (error) {
        this.#context.log.warn(`bimmer: a listener failed: ${(error as Error).message}`);
      }
    }
  }

  #emitView(): void {
    this.#emit('view', this.view);
  }

  async #open(generation: number): Promise<void> {
    if (generation !== this.#generation || this.#phase === 'stopped') return;
    this.#phase = 'opening';
    this.#error = undefined;
    this.#emitView();
    try {
      const open = this.#context.open ?? openLiveAccount;
      const opened = await open(this.settings, { userDir: this.#context.userDir, nodeId: this.id });
      if (generation !== this.#generation) {
        await opened.account.stop().catch(() => undefined);
        await opened.close().catch(() => undefined);
        return;
      }
      this.#opened = opened;
      this.#attach(opened.account);
      await opened.account.start();
      if (generation !== this.#generation) return;
      this.#failures = 0;
      this.#phase = 'open';
      this.#emitView();
      this.#emit('ready', opened.account);
    } catch (error) {
      if (generation !== this.#generation) return;
      this.#error = error instanceof Error ? error : new Error(String(error));
      this.#phase = isLoginError(error) ? 'login-needed' : 'failed';
      this.#emitView();
      if (this.#phase === 'failed' && isTransient(error)) this.#scheduleRetry();
    }
  }

  /** Tries again after a failure that time may fix (network, BMW's 5xx), backing off up to 10 minutes. */
  #scheduleRetry(): void {
    clearTimeout(this.#retryTimer);
    const delay = Math.min(600_000, 15_000 * 2 ** this.#failures++);
    this.#retryTimer = setTimeout(() => void this.reopen(), delay);
    this.#retryTimer.unref?.();
  }

  #attach(account: LiveAccount): void {
    const relay = <E extends LiveAccountEventName>(event: E) =>
      account.on(event, (payload) => {
        if (event === 'change') this.#lastUpdate = new Date();
        this.#emit(event, payload as SharedAccountEvents[E]);
        if (event !== 'event' && event !== 'warning') this.#emitView();
      });
    this.#detach = [relay('change'), relay('event'), relay('connection'), relay('budget'), relay('warning')];
  }

  async #close(): Promise<void> {
    const opened = this.#opened;
    this.#opened = undefined;
    for (const detach of this.#detach) detach();
    this.#detach = [];
    if (opened === undefined) return;
    try {
      await opened.account.stop();
    } catch (error) {
      this.#context.log.warn(`bimmer: stopping the account failed: ${(error as Error).message}`);
    }
    await opened.close().catch(() => undefined);
  }
}

/** Failures that a later attempt may not repeat: anything but bad settings and missing features. */
function isTransient(error: unknown): boolean {
  return !(
    isBimmerError(error) &&
    (error.code === 'validation' || error.code === 'unsupported' || error.code === 'blocked')
  );
}

/** True for an error the nodes should show as "log in". */
export function isLoginError(error: unknown): boolean {
  return BimmerError.isInstance(error) && (error.code === 'auth' || error.code === 'captcha-required');
}
