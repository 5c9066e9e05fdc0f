import { describe, expect, it } from 'vitest';
import { issuePaths, parse } from '../../../test/synthetic';

describe('charging profile', () => {
  const chargingProfile = {
    chargingControlType: 'TWO_TIMES_TIMER',
    chargingMode: 'DELAYED_CHARGING',
    chargingPreference: 'CHARGING_WINDOW',
    climatisationOn: true,
    chargingSettings: { acCurrentLimit: 32 },
    departureTimes: [
      { id: 1, action: 'ACTIVATE', timeStamp: { hour: 6, minute: 45 }, timerWeekDays: ['MONDAY'] },
      { id: 2, action: 'DEACTIVATE', timeStamp: { hour: 25, minute: 0 }, timerWeekDays: [] },
    ],
    reductionOfChargeCurrent: { start: { hour: 23, minute: 0 }, end: { hour: 5, minute: 15 } },
  };
  it('parses timers, window, modes and crccs extras', () => {
    const s = parse({
      state: { chargingProfile },
      chargingSettings: {
        servicePack: 'WAVE_02',
        chargingSettingsDetail: { acLimit: { values: [6, 16, 32] } },
      },
    });
    const cp = s.chargingProfile;
    expect(cp).toMatchObject({
      isPreEntryClimatizationEnabled: true,
      timerType: 'TWO_TIMES_TIMER',
      chargingMode: 'DELAYED_CHARGING',
      chargingPreferences: 'CHARGING_WINDOW',
      acCurrentLimit: 32,
      acAvailableLimits: [6, 16, 32],
      chargingPreferencesServicePack: 'WAVE_02',
      preferredChargingWindow: { startTime: { hour: 23, minute: 0 }, endTime: { hour: 5, minute: 15 } },
    });
    expect(cp?.departureTimes?.[0]).toEqual({
      timerId: 1,
      action: 'ACTIVATE',
      startTime: { hour: 6, minute: 45 },
      weekdays: ['MONDAY'],
    });
    // An impossible hour drops only that timer's time.
    expect(cp?.departureTimes?.[1]).toEqual({
      timerId: 2,
      action: 'DEACTIVATE',
      startTime: undefined,
      weekdays: [],
    });
    expect(issuePaths(s)).toEqual(['state.chargingProfile.departureTimes.1.timeStamp.hour']);
  });
  it('is undefined without state.chargingProfile (even with crccs) and for an empty one', () => {
    expect(parse({ chargingSettings: { servicePack: 'X' } }).chargingProfile).toBeUndefined();
    expect(parse({ state: { chargingProfile: {} } }).chargingProfile).toBeUndefined();
  });
  it('defaults: UNKNOWN enums, midnight window, no timers', () => {
    const cp = parse({ state: { chargingProfile: { chargingMode: 'IMMEDIATE_CHARGING' } } }).chargingProfile;
    expect(cp).toEqual({
      isPreEntryClimatizationEnabled: false,
      timerType: 'UNKNOWN',
      departureTimes: [],
      preferredChargingWindow: { startTime: { hour: 0, minute: 0 }, endTime: { hour: 0, minute: 0 } },
      chargingPreferences: 'UNKNOWN',
      chargingMode: 'IMMEDIATE_CHARGING',
      acCurrentLimit: undefined,
      acAvailableLimits: undefined,
      chargingPreferencesServicePack: undefined,
    });
  });
  it('a malformed crccs response leaves the profile intact', () => {
    const s = parse({ state: { chargingProfile }, chargingSettings: 'oops' });
    expect(s.chargingProfile?.timerType).toBe('TWO_TIMES_TIMER');
    expect(s.chargingProfile?.chargingPreferencesServicePack).toBeUndefined();
    expect(issuePaths(s)).toContain('chargingSettings');
  });
});

describe('charging profile: physical ranges', () => {
  it('drops an AC current limit outside 0..100 A, in the profile and in the settable limits', () => {
    const s = parse({
      state: {
        chargingProfile: { chargingMode: 'IMMEDIATE_CHARGING', chargingSettings: { acCurrentLimit: 1e308 } },
      },
      chargingSettings: {
        servicePack: 'WAVE_01',
        chargingSettingsDetail: { acLimit: { values: [6, -1, 1e308, 16] } },
      },
    });
    expect(s.chargingProfile?.acCurrentLimit).toBeUndefined();
    expect(s.chargingProfile?.acAvailableLimits).toEqual([6, 16]);
    expect(s.chargingProfile?.chargingPreferencesServicePack).toBe('WAVE_01');
    expect(issuePaths(s).sort()).toEqual([
      'chargingSettings.chargingSettingsDetail.acLimit.values.1',
      'chargingSettings.chargingSettingsDetail.acLimit.values.2',
      'state.chargingProfile.chargingSettings.acCurrentLimit',
    ]);
  });
});
