import type { Sleep } from '@bimmer/mybmw';
import type { RemoteServiceProgress } from './progress';

/** Options of every remote service call; the defaults come from `remoteServices(vehicle, defaults)`. */
export interface RemoteServiceOptions {
  /** Wait between event-status polls, ms. Default 3 500 (the reference's). */
  readonly pollIntervalMs?: number;
  /** Give up polling after this long, ms. Default 240 000 (the reference's). */
  readonly pollTimeoutMs?: number;
  /** Called on every state change. */
  readonly onProgress?: RemoteServiceProgress;
  /**
   * Refresh this vehicle's state afterwards (one state request, plus charging details when supported)
   * and return it as `vehicleState`. Default: true for services that change the state (lock, unlock,
   * climate, charging), false otherwise, as in the reference, which refreshes every vehicle instead.
   */
  readonly refresh?: boolean;
  /** Wait before that refresh, so the server has the new state, ms. Default 2 × pollIntervalMs. */
  readonly refreshDelayMs?: number;
  /** Injected sleep (tests). */
  readonly sleep?: Sleep;
}
