import { LockState, type VehicleSnapshot } from '@bimmer/core';
import { type HapBinary, type HapLockCurrentState, HapValue } from './hap-values';

/** What the LockMechanism service shows. */
export interface LockValues {
  readonly current: HapLockCurrentState;
  /** The target mirrors the car: Home shows no "locking…" that nobody asked the car for. */
  readonly target: HapBinary;
}

const SECURED = new Set<string>([LockState.LOCKED, LockState.SECURED, LockState.SELECTIVE_LOCKED]);

/**
 * The lock as the car reports it: locked, secured (double-locked) and selective-locked are secured;
 * unlocked and partially locked (some door open to the world) are unsecured; anything else, an
 * unknown state included, is HAP's "unknown", never a guess. Undefined when the car reports no lock
 * state at all (no block, or an empty one).
 */
export function lockValues(snapshot: VehicleSnapshot): LockValues | undefined {
  const block = snapshot.doorsAndWindows;
  const state = block?.doorLockState;
  if (state === undefined) return undefined;
  // A block without any lid, window or lock state is a car that reports none (no last-state-call).
  if (state === LockState.UNKNOWN && block?.lids.length === 0 && block.windows.length === 0) return undefined;
  const current: HapLockCurrentState = SECURED.has(state)
    ? HapValue.SECURED
    : state === LockState.UNLOCKED || state === LockState.PARTIALLY_LOCKED
      ? HapValue.UNSECURED
      : HapValue.LOCK_UNKNOWN;
  return { current, target: current === HapValue.SECURED ? HapValue.SECURED : HapValue.UNSECURED };
}
