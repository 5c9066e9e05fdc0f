import { ChargingState } from '@bimmer/core';

/** `charging.hvStatus` values onto the core charging state. */
const HV_STATUS: Record<string, ChargingState> = {
  CHARGING: ChargingState.CHARGING,
  NOT_CHARGING: ChargingState.NOT_CHARGING,
  WAITING_FOR_CHARGING: ChargingState.WAITING_FOR_CHARGING,
  ERROR: ChargingState.ERROR,
  INVALID: ChargingState.INVALID,
};

/** `charging.status` values onto the core charging state. */
const STATUS: Record<string, ChargingState> = {
  NOCHARGING: ChargingState.NOT_CHARGING,
  INITIALIZATION: ChargingState.WAITING_FOR_CHARGING,
  CHARGINGACTIVE: ChargingState.CHARGING,
  CHARGINGPAUSED: ChargingState.WAITING_FOR_CHARGING,
  CHARGINGENDED: ChargingState.COMPLETE,
  CHARGINGERROR: ChargingState.ERROR,
};

/** The core charging state of an `hvStatus` or `status` value; UNKNOWN for anything else. */
export function chargingStateOf(raw: string, descriptor: 'hvStatus' | 'status'): ChargingState {
  const key = raw.toUpperCase();
  return (descriptor === 'hvStatus' ? HV_STATUS[key] : STATUS[key]) ?? ChargingState.UNKNOWN;
}

/**
 * Whether a cable is plugged in, from `isPlugged` (a boolean) or `chargingPort.status`
 * (CONNECTED/DISCONNECTED). Anything else (`-NA-`, a value of the wrong type) is unknown.
 */
export function chargerConnectedOf(
  value: unknown,
  descriptor: 'isPlugged' | 'chargingPortStatus',
): boolean | undefined {
  if (descriptor === 'isPlugged') return typeof value === 'boolean' ? value : undefined;
  if (typeof value !== 'string') return undefined;
  const key = value.toUpperCase();
  return key === 'CONNECTED' ? true : key === 'DISCONNECTED' ? false : undefined;
}
