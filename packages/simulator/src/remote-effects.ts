/**
 * How remote commands change the served vehicle state, following bimmer_connected's
 * mock backend. Each function changes the parsed documents in place and only touches
 * fields the recording has, so a vehicle keeps its recorded shape.
 */
import { isJsonObject } from '@bimmer/core/internal';

type Json = Record<string, unknown>;

function child(parent: Json | undefined, key: string): Json | undefined {
  const value = parent?.[key];
  return isJsonObject(value) ? value : undefined;
}

/** `state` of a vehicle-state document (`{capabilities, state}`). */
function vehicleState(document: Json): Json | undefined {
  return child(document, 'state');
}

/** Marks the state as freshly reported by the car. */
export function touchState(document: Json, nowIso: string): void {
  const state = vehicleState(document);
  if (state && 'lastFetched' in state) state.lastFetched = nowIso;
}

/** door-lock / door-unlock: `doorsState.combinedSecurityState` LOCKED or UNLOCKED. */
export function applyDoorLock(document: Json, locked: boolean): void {
  const doors = child(vehicleState(document), 'doorsState');
  if (doors) doors.combinedSecurityState = locked ? 'LOCKED' : 'UNLOCKED';
}

/**
 * climate-now: START sets `climateControlState.activity` COOLING (creating the block when the
 * recording has none), STOP sets STANDBY.
 */
export function applyClimate(document: Json, start: boolean): void {
  const state = vehicleState(document);
  if (!state) return;
  const climate = child(state, 'climateControlState');
  if (climate) {
    climate.activity = start ? 'COOLING' : 'STANDBY';
    if (!start) delete climate.remainingSeconds;
  } else if (start) {
    state.climateControlState = { activity: 'COOLING' };
  }
}

/** start-charging / stop-charging: `electricChargingState.chargingStatus` CHARGING or PLUGGED_IN. */
export function applyCharging(document: Json, start: boolean): void {
  const charging = child(vehicleState(document), 'electricChargingState');
  if (charging) charging.chargingStatus = start ? 'CHARGING' : 'PLUGGED_IN';
}

/** The body of a charging-settings command. */
export interface ChargingSettingsBody {
  chargingTarget: number | null;
  acLimitValue: number | null;
}

/**
 * Validates a charging-settings body like the reference mock parses it: exactly the keys
 * `chargingTarget` and `acLimitValue`, each null or an integer (a target also 20–100 in steps of 5).
 * Returns the body or an error text.
 */
export function parseChargingSettingsBody(body: unknown): ChargingSettingsBody | string {
  if (!isJsonObject(body)) return 'The body must be a JSON object.';
  const keys = Object.keys(body).sort();
  if (keys.join(',') !== 'acLimitValue,chargingTarget') {
    return 'The body must have exactly the keys chargingTarget and acLimitValue.';
  }
  const { chargingTarget, acLimitValue } = body;
  if (chargingTarget !== null && !Number.isInteger(chargingTarget))
    return 'chargingTarget must be an integer or null.';
  if (acLimitValue !== null && !Number.isInteger(acLimitValue))
    return 'acLimitValue must be an integer or null.';
  const target = chargingTarget as number | null;
  if (target !== null && target !== 0 && (target < 20 || target > 100 || target % 5 !== 0)) {
    return 'chargingTarget must be between 20 and 100 and a multiple of 5.';
  }
  return { chargingTarget: target, acLimitValue: acLimitValue as number | null };
}

/**
 * charging-settings: a truthy target goes to `electricChargingState.chargingTarget` (and the
 * profile's `targetSoc` and crccs `chargingTarget`), a truthy AC limit to
 * `chargingProfile.chargingSettings.acCurrentLimit` (and crccs `acLimit.current.value`).
 */
export function applyChargingSettings(
  document: Json,
  chargingSettings: Json | undefined,
  body: ChargingSettingsBody,
): void {
  const state = vehicleState(document);
  const electric = child(state, 'electricChargingState');
  const profileSettings = child(child(state, 'chargingProfile'), 'chargingSettings');
  const detail = child(chargingSettings, 'chargingSettingsDetail');
  if (body.chargingTarget) {
    if (electric && 'chargingTarget' in electric) electric.chargingTarget = body.chargingTarget;
    if (profileSettings && 'targetSoc' in profileSettings) profileSettings.targetSoc = body.chargingTarget;
    if (detail && 'chargingTarget' in detail) detail.chargingTarget = body.chargingTarget;
  }
  if (body.acLimitValue) {
    if (profileSettings && 'acCurrentLimit' in profileSettings)
      profileSettings.acCurrentLimit = body.acLimitValue;
    const current = child(child(detail, 'acLimit'), 'current');
    if (current) current.value = body.acLimitValue;
  }
}

/** The body of a charging-profile command, as far as the simulator reads it. */
export interface ChargingProfileBody {
  chargingPreference: string;
  type: string;
  isPreconditionForDepartureActive: boolean;
  payload: Json;
}

const PROFILE_KEYS = 'chargingMode,departureTimer,isPreconditionForDepartureActive,servicePack';

/**
 * Validates a charging-profile body like the reference mock: exactly the keys chargingMode,
 * departureTimer, isPreconditionForDepartureActive and servicePack; NO_PRESELECTION only with
 * CHARGING_IMMEDIATELY, CHARGING_WINDOW only with TIME_SLOT; a boolean precondition.
 */
export function parseChargingProfileBody(body: unknown): ChargingProfileBody | string {
  if (!isJsonObject(body)) return 'The body must be a JSON object.';
  if (Object.keys(body).sort().join(',') !== PROFILE_KEYS)
    return `The body must have exactly the keys ${PROFILE_KEYS}.`;
  const mode = body.chargingMode;
  if (!isJsonObject(mode)) return 'chargingMode must be an object.';
  const { chargingPreference, type } = mode;
  if (typeof chargingPreference !== 'string' || typeof type !== 'string') {
    return 'chargingMode needs chargingPreference and type.';
  }
  if (chargingPreference === 'NO_PRESELECTION' && type !== 'CHARGING_IMMEDIATELY') {
    return 'NO_PRESELECTION goes only with CHARGING_IMMEDIATELY.';
  }
  if (chargingPreference === 'CHARGING_WINDOW' && type !== 'TIME_SLOT') {
    return 'CHARGING_WINDOW goes only with TIME_SLOT.';
  }
  if (typeof body.isPreconditionForDepartureActive !== 'boolean') {
    return 'isPreconditionForDepartureActive must be a boolean.';
  }
  return {
    chargingPreference,
    type,
    isPreconditionForDepartureActive: body.isPreconditionForDepartureActive,
    payload: body,
  };
}

const MODE_FROM_TYPE: Record<string, string> = {
  CHARGING_IMMEDIATELY: 'IMMEDIATE_CHARGING',
  TIME_SLOT: 'DELAYED_CHARGING',
  NO_ACTION: 'UNKNOWN',
};

/**
 * charging-profile: crccs `chargeAndClimateTimerDetail.chargingMode` and the precondition flag, and
 * in the state `chargingProfile.chargingPreference`, `chargingMode` (reverse-mapped from the type)
 * and `climatisationOn`.
 */
export function applyChargingProfile(
  document: Json,
  chargingSettings: Json | undefined,
  body: ChargingProfileBody,
): void {
  const timerDetail = child(chargingSettings, 'chargeAndClimateTimerDetail');
  if (timerDetail) {
    const mode = child(timerDetail, 'chargingMode');
    if (mode) {
      mode.chargingPreference = body.chargingPreference;
      mode.type = body.type;
    }
    timerDetail.isPreconditionForDepartureActive = body.isPreconditionForDepartureActive;
  }
  const profile = child(vehicleState(document), 'chargingProfile');
  if (profile) {
    profile.chargingPreference = body.chargingPreference;
    profile.chargingMode = MODE_FROM_TYPE[body.type] ?? 'UNKNOWN';
    profile.climatisationOn = body.isPreconditionForDepartureActive;
  }
}

/** A position the vehicle finder reports. */
export interface FinderPosition {
  latitude: number;
  longitude: number;
  heading: number;
  formattedAddress: string;
}

/** vehicle-finder: the state's `location` becomes the found position. */
export function applyVehicleFinder(document: Json, position: FinderPosition): void {
  const state = vehicleState(document);
  if (!state) return;
  state.location = {
    address: { formatted: position.formattedAddress },
    coordinates: { latitude: position.latitude, longitude: position.longitude },
    heading: position.heading,
  };
}
