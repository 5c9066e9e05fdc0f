import { BimmerUnsupportedError, BimmerValidationError } from '../errors/index';
import { ChargingMode, ChargingPreferences, type TimerType } from '../models/enums';
import type { ChargingProfile, TimeOfDay, VehicleSnapshot } from '../models/vehicle';

/** Charging mode to the `chargingMode.type` of the charging-profile update. */
export const CHARGING_MODE_TO_REMOTE_SERVICE: Readonly<Record<ChargingMode, string>> = {
  IMMEDIATE_CHARGING: 'CHARGING_IMMEDIATELY',
  DELAYED_CHARGING: 'TIME_SLOT',
  NO_ACTION: 'NO_ACTION',
  UNKNOWN: 'NO_ACTION',
};

/** Timer type to the `departureTimer.type` of the charging-profile update (UNKNOWN has none). */
export const TIMER_TYPE_TO_REMOTE_SERVICE: Readonly<Partial<Record<TimerType, string>>> = {
  WEEKLY_PLANNER: 'WEEKLY_DEPARTURE_TIMER',
  TWO_TIMES_TIMER: 'TWO_DEPARTURE_TIMER',
};

/** Body of `POST /eadrax-crccs/v1/vehicles/<vin>/charging-profile`. */
export interface ChargingProfilePayload {
  chargingMode: {
    chargingPreference: string;
    endTimeSlot: string;
    startTimeSlot: string;
    type: string;
    timerChange: 'NO_CHANGE';
  };
  departureTimer: {
    type: string;
    weeklyTimers: {
      daysOfTheWeek: string[] | null;
      id: number | null;
      time: string;
      timerAction: string | null;
    }[];
  };
  isPreconditionForDepartureActive: boolean;
  servicePack: string | null;
}

/** Changes to apply on top of the current profile. */
export interface ChargingProfileChanges {
  /** New charging mode; UNKNOWN or undefined keeps the current one. NO_ACTION cannot be set. */
  readonly chargingMode?: ChargingMode | undefined;
  /** Precondition the cabin for departure. */
  readonly preconditionClimate?: boolean | undefined;
}

/** `0001-01-01THH:MM:00.000`, the time format of the charging-profile update; undefined is midnight. */
export function formatRemoteServiceTime(time: TimeOfDay | undefined): string {
  const t = time ?? { hour: 0, minute: 0 };
  return `0001-01-01T${String(t.hour).padStart(2, '0')}:${String(t.minute).padStart(2, '0')}:00.000`;
}

/** The parts of a profile a charging-profile update sends back, given what `changes` replaces. */
function missingProfileParts(profile: ChargingProfile, changes: ChargingProfileChanges): string[] {
  const setsMode = changes.chargingMode !== undefined && changes.chargingMode !== ChargingMode.UNKNOWN;
  const required: [string, unknown][] = [
    ['preferredChargingWindow', profile.preferredChargingWindow],
    ['departureTimes', profile.departureTimes],
  ];
  if (!setsMode) {
    required.push(
      ['chargingPreferences', profile.chargingPreferences],
      ['chargingMode', profile.chargingMode],
    );
  }
  if (changes.preconditionClimate === undefined) {
    required.push(['isPreEntryClimatizationEnabled', profile.isPreEntryClimatizationEnabled]);
  }
  return required.filter(([, value]) => value === undefined).map(([name]) => name);
}

/**
 * The body of a charging-profile update built from the current profile (bimmer_connected's
 * `ChargingProfile.format_for_remote_service` plus the changes of `set_charging_profile`).
 * Throws `BimmerUnsupportedError` when the profile's timer type is UNKNOWN (there is no wire
 * value for it) or a part the update must send back is unknown (a partial profile, e.g. from
 * CarData), and `BimmerValidationError` for a charging mode that cannot be set (NO_ACTION).
 */
export function buildChargingProfilePayload(
  profile: ChargingProfile,
  changes: ChargingProfileChanges = {},
): ChargingProfilePayload {
  const timerType =
    profile.timerType === undefined ? undefined : TIMER_TYPE_TO_REMOTE_SERVICE[profile.timerType];
  if (timerType === undefined) {
    throw new BimmerUnsupportedError(
      'The charging profile has an unknown timer type, so it cannot be updated.',
      {
        feature: 'chargingProfile',
        hint: 'Set the charging profile in the MyBMW app once; then the vehicle reports its timer type.',
      },
    );
  }
  const missing = missingProfileParts(profile, changes);
  if (missing.length > 0) {
    throw new BimmerUnsupportedError(
      `The charging profile is only partly known (no ${missing.join(', ')}), so it cannot be updated.`,
      {
        feature: 'chargingProfile',
        hint: 'Read the vehicle over MyBMW first: the update sends the whole profile back.',
      },
    );
  }
  // Past the check, a part is undefined only where `changes` replaces it below.
  const payload: ChargingProfilePayload = {
    chargingMode: {
      chargingPreference: profile.chargingPreferences ?? ChargingPreferences.UNKNOWN,
      endTimeSlot: formatRemoteServiceTime(profile.preferredChargingWindow?.endTime),
      startTimeSlot: formatRemoteServiceTime(profile.preferredChargingWindow?.startTime),
      type: CHARGING_MODE_TO_REMOTE_SERVICE[profile.chargingMode ?? ChargingMode.UNKNOWN],
      timerChange: 'NO_CHANGE',
    },
    departureTimer: {
      type: timerType,
      weeklyTimers: (profile.departureTimes ?? []).map((timer) => ({
        daysOfTheWeek: timer.weekdays === undefined ? null : [...timer.weekdays],
        id: timer.timerId ?? null,
        time: formatRemoteServiceTime(timer.startTime),
        timerAction: timer.action ?? null,
      })),
    },
    isPreconditionForDepartureActive: profile.isPreEntryClimatizationEnabled ?? false,
    servicePack: profile.chargingPreferencesServicePack ?? null,
  };
  const mode = changes.chargingMode;
  if (mode !== undefined && mode !== ChargingMode.UNKNOWN) {
    if (mode === ChargingMode.IMMEDIATE_CHARGING) {
      payload.chargingMode.chargingPreference = ChargingPreferences.NO_PRESELECTION;
    } else if (mode === ChargingMode.DELAYED_CHARGING) {
      payload.chargingMode.chargingPreference = ChargingPreferences.CHARGING_WINDOW;
    } else {
      throw new BimmerValidationError(`Charging mode '${mode}' cannot be set.`, {
        paths: ['chargingMode'],
        hint: 'Use IMMEDIATE_CHARGING or DELAYED_CHARGING.',
      });
    }
    payload.chargingMode.type = CHARGING_MODE_TO_REMOTE_SERVICE[mode];
  }
  if (changes.preconditionClimate !== undefined) {
    payload.isPreconditionForDepartureActive = changes.preconditionClimate;
  }
  return payload;
}

/** Body of `POST /eadrax-crccs/v1/vehicles/<vin>/charging-settings`. */
export interface ChargingSettingsPayload {
  chargingTarget: number | null;
  acLimitValue: number | null;
}

/** What to change; leave a field undefined (or null) to keep it. */
export interface ChargingSettingsChanges {
  /** Target state of charge: an integer 20..100, a multiple of 5. */
  readonly targetSoc?: number | null | undefined;
  /** AC current limit in ampere: one of `chargingProfile.acAvailableLimits`. */
  readonly acLimit?: number | null | undefined;
}

/**
 * The body of a charging-settings update, checked against the vehicle like bimmer_connected's
 * `trigger_charging_settings_update`. Throws `BimmerUnsupportedError` when the vehicle cannot set
 * what is asked and `BimmerValidationError` for a value out of range.
 */
export function buildChargingSettingsPayload(
  snapshot: VehicleSnapshot,
  changes: ChargingSettingsChanges,
): ChargingSettingsPayload {
  const { targetSoc, acLimit } = changes;
  if (targetSoc != null) {
    if (!snapshot.isRemoteSetTargetSocEnabled) {
      throw new BimmerUnsupportedError('Vehicle does not support setting target SoC.', {
        feature: 'targetSoc',
      });
    }
    if (!Number.isInteger(targetSoc) || targetSoc < 20 || targetSoc > 100 || targetSoc % 5 !== 0) {
      throw new BimmerValidationError(
        'Target SoC must be an integer between 20 and 100 that is a multiple of 5.',
        {
          paths: ['targetSoc'],
        },
      );
    }
  }
  if (acLimit != null) {
    const limits = snapshot.chargingProfile?.acAvailableLimits;
    if (!snapshot.isRemoteSetAcLimitEnabled || limits === undefined) {
      throw new BimmerUnsupportedError('Vehicle does not support setting AC Limit.', { feature: 'acLimit' });
    }
    if (!Number.isInteger(acLimit) || !limits.includes(acLimit)) {
      throw new BimmerValidationError(
        `AC Limit must be an integer and one of the vehicle's available limits (${limits.join(', ')}).`,
        { paths: ['acLimit'] },
      );
    }
  }
  return { chargingTarget: targetSoc ?? null, acLimitValue: acLimit ?? null };
}
