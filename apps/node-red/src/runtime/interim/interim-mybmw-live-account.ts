/**
 * INTERIM (replace when the live accounts land): a minimal polling `LiveAccount` over today's
 * `MyBMWAccount`, for the `mybmw` transport. To be replaced by the polling live account
 * of `@bimmer/mybmw` (jitter, quiet hours, 429 backoff, the 489 hint); only
 * `src/runtime/open-live-account.ts` constructs it.
 */
import { BimmerNotFoundError, isBimmerError, type LiveRefreshOptions, type LiveVehicle } from '@bimmer/core';
import type { MyBMWAccount } from '@bimmer/mybmw';
import { InterimLiveAccount } from './interim-live-account';

/** Errors that polling again cannot fix: the account goes to `failed`. */
const FATAL_CODES = new Set(['auth', 'captcha-required', 'blocked']);

/** INTERIM: MyBMW as a live account, by polling every `pollMs`. */
export class InterimMyBMWLiveAccount extends InterimLiveAccount {
  readonly kind = 'mybmw' as const;
  readonly #account: MyBMWAccount;
  readonly #pollMs: number;
  #timer: NodeJS.Timeout | undefined;
  #running = false;
  #failures = 0;

  constructor(options: { account: MyBMWAccount; pollMs: number; staleMs: number }) {
    super({ staleMs: options.staleMs });
    this.#account = options.account;
    this.#pollMs = options.pollMs;
  }

  /** Starts polling; resolves after the first poll (so the vehicles are known to the flows). */
  async start(): Promise<void> {
    if (this.#running) return;
    this.#running = true;
    this.setConnection({ state: 'connecting' });
    await this.#poll(true);
  }

  async stop(): Promise<void> {
    this.#running = false;
    clearTimeout(this.#timer);
    this.#timer = undefined;
    this.setConnection({ state: 'stopped' });
  }

  async refresh(vin?: string, _options?: LiveRefreshOptions): Promise<readonly LiveVehicle[]> {
    const vehicles = await this.#account.getVehicles();
    for (const vehicle of vehicles) this.update(vehicle.snapshot, 'poll');
    if (vin === undefined) return this.vehicles;
    const vehicle = this.getVehicle(vin);
    if (vehicle === undefined) {
      throw new BimmerNotFoundError(`Vehicle ${vin} is not on this MyBMW account.`, { action: 'check-vin' });
    }
    return [vehicle];
  }

  /** Reads one vehicle again now (after a remote command changed it). */
  async refreshVehicle(vin: string): Promise<void> {
    const vehicle = this.#account.getVehicle(vin);
    if (vehicle === undefined) return;
    await vehicle.getVehicleState();
    this.update(vehicle.snapshot, 'poll');
  }

  async #poll(initial = false): Promise<void> {
    if (!this.#running) return;
    let wait = this.#pollMs;
    try {
      const vehicles = await this.#account.getVehicles();
      if (!this.#running) return;
      for (const vehicle of vehicles) this.update(vehicle.snapshot, 'poll', { initial });
      this.#failures = 0;
      this.setConnection({ state: 'connected' });
    } catch (error) {
      if (!this.#running) return;
      const message = error instanceof Error ? error.message : String(error);
      if (isBimmerError(error) && FATAL_CODES.has(error.code)) {
        this.#running = false;
        this.setConnection({ state: 'failed', reason: message, code: error.code });
        return;
      }
      this.#failures++;
      wait = Math.min(this.#pollMs, 5_000 * 2 ** Math.min(this.#failures, 8));
      this.setConnection({ state: 'reconnecting', reason: message, retryAt: new Date(this.now() + wait) });
    }
    if (!this.#running) return;
    this.#timer = setTimeout(() => void this.#poll(), wait);
    this.#timer.unref?.();
  }
}
