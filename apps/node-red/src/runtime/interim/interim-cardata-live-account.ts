/**
 * INTERIM (replace when the live accounts land): a minimal `LiveAccount` over today's
 * `CarDataAccount` (`getVehicles`, `stream()`, `change` events). To be replaced by the CarData live
 * account of `@bimmer/cardata` (persisted last state, REST budget policy, reserve for `refresh()`);
 * only `src/runtime/open-live-account.ts` constructs it.
 */
import type { TokenStore } from '@bimmer/auth';
import {
  type CarDataAccount,
  type CarDataStreamHandle,
  carDataStatePathFor,
  openCarDataAccount,
  type QuotaUsage,
  type StreamStateChange,
} from '@bimmer/cardata';
import {
  BimmerNotFoundError,
  BimmerQuotaError,
  type LiveConnection,
  type LiveRefreshOptions,
  type LiveVehicle,
} from '@bimmer/core';
import { InterimLiveAccount } from './interim-live-account';

/** INTERIM: what the stand-in needs to open a CarData account. */
export interface InterimCarDataOptions {
  readonly tokenStore: TokenStore;
  /** The token file's path: the ledger and caches live beside it. */
  readonly tokenFile: string;
  readonly baseUrl?: string | undefined;
  readonly streamUrl?: string | undefined;
  readonly staleMs: number;
}

/** INTERIM: CarData as a live account: cached vehicle list at start, then the stream. */
export class InterimCarDataLiveAccount extends InterimLiveAccount {
  readonly kind = 'cardata' as const;
  readonly #account: CarDataAccount;
  #stream: CarDataStreamHandle | undefined;
  #unsubscribe: (() => void)[] = [];
  #running = false;
  #restReading = false;

  private constructor(account: CarDataAccount, staleMs: number) {
    super({ staleMs });
    this.#account = account;
  }

  /** Opens the stored login (no REST call). @throws BimmerAuthError when nobody logged in yet. */
  static async open(options: InterimCarDataOptions): Promise<InterimCarDataLiveAccount> {
    const account = await openCarDataAccount({
      tokenStore: options.tokenStore,
      statePath: carDataStatePathFor(options.tokenFile),
      refreshLockPath: `${options.tokenFile}.lock`,
      ...(options.baseUrl === undefined
        ? {}
        : { loginBaseUrl: options.baseUrl, apiBaseUrl: options.baseUrl }),
      ...(options.streamUrl === undefined ? {} : { streamUrl: options.streamUrl }),
    });
    return new InterimCarDataLiveAccount(account, options.staleMs);
  }

  async start(): Promise<void> {
    if (this.#running) return;
    this.#running = true;
    this.setConnection({ state: 'connecting' });
    const account = this.#account;
    const onChange = (event: { snapshot: Parameters<InterimLiveAccount['update']>[0] }) =>
      this.update(event.snapshot, this.#restReading ? 'rest' : 'stream');
    const onConnection = (change: StreamStateChange) => this.setConnection(connectionOf(change));
    const onWarning = (message: string) => this.emit('warning', { message, at: new Date(this.now()) });
    account.on('change', onChange);
    account.on('connection', onConnection);
    account.on('warning', onWarning);
    this.#unsubscribe = [
      () => account.off('change', onChange),
      () => account.off('connection', onConnection),
      () => account.off('warning', onWarning),
    ];
    try {
      // Mappings and basic data come from the cache beside the tokens (no call when fresh).
      const vehicles = await account.getVehicles({ fetchState: false });
      for (const vehicle of vehicles)
        this.update(vehicle.snapshot, 'rest', { initial: true, restored: true });
    } catch (error) {
      onWarning(`Could not list the vehicles yet: ${(error as Error).message}`);
    }
    await this.#publishBudget();
    if (!this.#running) return;
    this.#stream = await account.stream();
    if (!this.#running) await this.#stopStream();
  }

  async stop(): Promise<void> {
    if (!this.#running) {
      if (this.connection.state !== 'stopped') this.setConnection({ state: 'stopped' });
      return;
    }
    this.#running = false;
    for (const unsubscribe of this.#unsubscribe) unsubscribe();
    this.#unsubscribe = [];
    await this.#stopStream();
    this.setConnection({ state: 'stopped' });
  }

  async refresh(vin?: string, _options?: LiveRefreshOptions): Promise<readonly LiveVehicle[]> {
    const usage = await this.#account.quota();
    if (
      usage.remaining <= 0 ||
      (usage.blockedUntil !== undefined && usage.blockedUntil.getTime() > this.now())
    ) {
      throw new BimmerQuotaError(`No CarData REST call left (${usage.used}/${usage.limit} spent).`, {
        retryAt: usage.blockedUntil ?? usage.nextFreeAt,
        action: 'wait',
        hint: 'The stream keeps the values fresh meanwhile.',
      });
    }
    if (this.#account.vehicles.length === 0) await this.#account.getVehicles({ fetchState: false });
    const targets =
      vin === undefined
        ? [...this.#account.vehicles]
        : [this.#account.getVehicle(vin)].filter((v) => v !== undefined);
    if (targets.length === 0) {
      throw new BimmerNotFoundError(`Vehicle ${vin ?? ''} is not on this CarData account.`, {
        action: 'check-vin',
      });
    }
    this.#restReading = true;
    try {
      for (const vehicle of targets) {
        await vehicle.getVehicleState();
        this.update(vehicle.snapshot, 'rest');
      }
    } finally {
      this.#restReading = false;
      await this.#publishBudget();
    }
    return targets.map((vehicle) => this.getVehicle(vehicle.vin)).filter((v) => v !== undefined);
  }

  async #stopStream(): Promise<void> {
    const stream = this.#stream;
    this.#stream = undefined;
    await stream?.stop();
  }

  async #publishBudget(): Promise<void> {
    try {
      this.setBudget(budgetOf(await this.#account.quota(), this.now()));
    } catch (error) {
      this.emit('warning', {
        message: `Could not read the CarData budget: ${(error as Error).message}`,
        at: new Date(this.now()),
      });
    }
  }
}

function budgetOf(usage: QuotaUsage, now: number) {
  return {
    limit: usage.limit,
    used: usage.used,
    left: usage.remaining,
    reserve: 0,
    nextFreeAt: usage.nextFreeAt,
    blockedUntil:
      usage.blockedUntil !== undefined && usage.blockedUntil.getTime() > now ? usage.blockedUntil : undefined,
  };
}

function connectionOf(change: StreamStateChange): Omit<LiveConnection, 'since'> {
  const reason = change.reason;
  const retryAt = change.retryInMs === undefined ? undefined : new Date(Date.now() + change.retryInMs);
  switch (change.state) {
    case 'connected':
      return { state: 'connected' };
    case 'closed':
      return { state: 'stopped', reason };
    case 'reconnecting':
      // The real live account tells a kick from a drop; the stand-in reports both as reconnecting.
      return { state: 'reconnecting', reason, retryAt };
    default:
      return { state: 'connecting', reason };
  }
}
