import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  applyChargingProfile,
  applyChargingSettings,
  applyClimate,
  applyDoorLock,
  parseChargingProfileBody,
  parseChargingSettingsBody,
} from './remote-effects';

describe('charging-settings bodies', () => {
  it('accept every target 20..100 in steps of 5 (or null) with an integer or null AC limit', () => {
    fc.assert(
      fc.property(
        fc.option(
          fc.integer({ min: 4, max: 20 }).map((step) => step * 5),
          { nil: null },
        ),
        fc.option(fc.integer({ min: 6, max: 32 }), { nil: null }),
        (chargingTarget, acLimitValue) => {
          expect(parseChargingSettingsBody({ chargingTarget, acLimitValue })).toEqual({
            chargingTarget,
            acLimitValue,
          });
        },
      ),
    );
  });

  it('refuse targets off the 5-step grid', () => {
    fc.assert(
      fc.property(
        fc
          .integer({ min: -50, max: 200 })
          .filter((value) => value !== 0 && (value < 20 || value > 100 || value % 5 !== 0)),
        (target) => {
          expect(typeof parseChargingSettingsBody({ chargingTarget: target, acLimitValue: null })).toBe(
            'string',
          );
        },
      ),
    );
  });
});

describe('effects', () => {
  const document = () => ({
    state: {
      doorsState: { combinedSecurityState: 'UNLOCKED' },
      electricChargingState: { chargingTarget: 80 },
      chargingProfile: { chargingSettings: { acCurrentLimit: 16, targetSoc: 80 } },
    },
  });

  it('only touch fields the recording has', () => {
    const bare = { state: {} as Record<string, unknown> };
    applyDoorLock(bare, true);
    applyChargingSettings(bare, undefined, { chargingTarget: 50, acLimitValue: 10 });
    expect(bare).toEqual({ state: {} });
    const full = document();
    applyDoorLock(full, true);
    applyChargingSettings(full, undefined, { chargingTarget: 50, acLimitValue: 10 });
    expect(full.state.doorsState.combinedSecurityState).toBe('LOCKED');
    expect(full.state.electricChargingState.chargingTarget).toBe(50);
    expect(full.state.chargingProfile.chargingSettings).toEqual({ acCurrentLimit: 10, targetSoc: 50 });
  });

  it('climate START creates the climate block when missing; STOP goes to STANDBY', () => {
    const bare: { state: Record<string, unknown> } = { state: {} };
    applyClimate(bare, true);
    expect(bare.state.climateControlState).toEqual({ activity: 'COOLING' });
    applyClimate(bare, false);
    expect(bare.state.climateControlState).toEqual({ activity: 'STANDBY' });
  });

  it('charging profile maps the type back to the state charging mode', () => {
    const body = parseChargingProfileBody({
      chargingMode: { chargingPreference: 'NO_PRESELECTION', type: 'CHARGING_IMMEDIATELY' },
      departureTimer: {},
      isPreconditionForDepartureActive: false,
      servicePack: 'TCB1',
    });
    if (typeof body === 'string') throw new Error(body);
    const state = {
      state: { chargingProfile: { chargingMode: 'DELAYED_CHARGING' } as Record<string, unknown> },
    };
    applyChargingProfile(state, undefined, body);
    expect(state.state.chargingProfile).toEqual({
      chargingMode: 'IMMEDIATE_CHARGING',
      chargingPreference: 'NO_PRESELECTION',
      climatisationOn: false,
    });
  });
});
