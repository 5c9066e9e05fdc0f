import {
  ChargingState as ChargingStates,
  ClimateActivityState as ClimateActivityStates,
  type LiveConnectionState,
  LockState as LockStates,
} from '@bimmer/core';

/**
 * The states of the hub's `enum` sensors, from the core enums, so Home Assistant accepts every value
 * the JSON form can carry (`UNKNOWN` included).
 */
export const ChargingState: readonly string[] = Object.values(ChargingStates);
export const LockState: readonly string[] = Object.values(LockStates);
export const ClimateActivityState: readonly string[] = Object.values(ClimateActivityStates);

/** Every live connection state (the `connection` topic's `state`). */
export const LiveConnectionStateValues: readonly LiveConnectionState[] = [
  'idle',
  'connecting',
  'connected',
  'reconnecting',
  'kicked',
  'failed',
  'stopped',
];
