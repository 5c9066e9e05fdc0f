import { describe, expect, it } from 'vitest';
import { issuePaths, parse, T0 } from '../../../test/synthetic';

const km = (value: number) => ({ value, unit: 'km' });

describe('fuel and battery', () => {
  it('plug-in hybrid: the fuel range is the total', () => {
    const s = parse({
      driveTrain: 'PLUGIN_HYBRID',
      state: {
        combustionFuelLevel: { range: 500, remainingFuelLiters: 30, remainingFuelPercent: 60 },
        electricChargingState: { range: 50, chargingLevelPercent: 90.6, chargingStatus: 'CHARGING' },
      },
    });
    expect(s.fuelAndBattery).toMatchObject({
      remainingRangeTotal: km(500),
      remainingRangeFuel: km(450),
      remainingRangeElectric: km(50),
      remainingFuel: { value: 30, unit: 'L' },
      remainingFuelPercent: 60,
      remainingBatteryPercent: 90,
      chargingStatus: 'CHARGING',
    });
  });
  it('plug-in hybrid without a fuel range keeps the battery data (bimmer_connected drops all)', () => {
    const s = parse({
      driveTrain: 'PLUGIN_HYBRID',
      state: { combustionFuelLevel: {}, electricChargingState: { range: 30, chargingStatus: 'CHARGING' } },
    });
    expect(s.fuelAndBattery?.remainingRangeTotal).toBeUndefined();
    expect(s.fuelAndBattery?.remainingRangeFuel).toBeUndefined();
    expect(s.fuelAndBattery?.remainingRangeElectric).toEqual(km(30));
  });
  it('plug-in hybrid: fuel range never negative', () => {
    const s = parse({
      driveTrain: 'PLUGIN_HYBRID',
      state: {
        combustionFuelLevel: { range: 20 },
        electricChargingState: { range: 40, chargingStatus: 'CHARGING' },
      },
    });
    expect(s.fuelAndBattery?.remainingRangeFuel).toEqual(km(0));
  });
  it('range extender: total = fuel + electric', () => {
    const s = parse({
      driveTrain: 'ELECTRIC_WITH_RANGE_EXTENDER',
      state: {
        combustionFuelLevel: { range: 100 },
        electricChargingState: { range: 150, chargingStatus: 'CHARGING' },
      },
    });
    expect(s.fuelAndBattery?.remainingRangeTotal).toEqual(km(250));
    expect(s.fuelAndBattery?.remainingRangeFuel).toEqual(km(100));
    const onlyElectric = parse({
      driveTrain: 'ELECTRIC_WITH_RANGE_EXTENDER',
      state: { electricChargingState: { range: 150 } },
    });
    expect(onlyElectric.fuelAndBattery?.remainingRangeTotal).toEqual(km(150));
    const none = parse({ driveTrain: 'ELECTRIC_WITH_RANGE_EXTENDER', state: { combustionFuelLevel: {} } });
    expect(none.fuelAndBattery?.remainingRangeTotal).toBeUndefined();
  });
  it('electric vehicles ignore the combustion block; combustion vehicles the electric one', () => {
    const ev = parse({
      driveTrain: 'ELECTRIC',
      state: {
        combustionFuelLevel: { range: 0, remainingFuelLiters: 0, remainingFuelPercent: 10 },
        electricChargingState: { range: 300 },
      },
    });
    expect(ev.fuelAndBattery?.remainingFuel).toBeUndefined();
    expect(ev.fuelAndBattery?.remainingFuelPercent).toBeUndefined();
    expect(ev.fuelAndBattery?.remainingRangeTotal).toEqual(km(300));
    const ice = parse({
      driveTrain: 'COMBUSTION',
      state: {
        combustionFuelLevel: { range: 600 },
        electricChargingState: { range: 300, isChargerConnected: true },
      },
    });
    expect(ice.fuelAndBattery?.remainingRangeElectric).toBeUndefined();
    expect(ice.fuelAndBattery?.isChargerConnected).toBe(false);
    expect(ice.fuelAndBattery?.remainingRangeTotal).toEqual(km(600));
  });
  it('charging status: INVALID is NOT_CHARGING, unknown is UNKNOWN with an issue', () => {
    expect(
      parse({ state: { electricChargingState: { chargingStatus: 'INVALID' } } }).fuelAndBattery
        ?.chargingStatus,
    ).toBe('NOT_CHARGING');
    const s = parse({ state: { electricChargingState: { chargingStatus: 'WARP' } } });
    expect(s.fuelAndBattery?.chargingStatus).toBe('UNKNOWN');
    expect(s.issues).toMatchObject([
      { path: 'state.electricChargingState.chargingStatus', code: 'unknown-enum' },
    ]);
    expect(
      parse({ state: { electricChargingState: { range: 1 } } }).fuelAndBattery?.chargingStatus,
    ).toBeUndefined();
  });
  it('charging end time = fetchedAt + remaining minutes, whatever the status', () => {
    const s = parse({
      state: { electricChargingState: { chargingStatus: 'NOT_CHARGING', remainingChargingMinutes: 119 } },
    });
    expect(s.fuelAndBattery?.chargingEndTime).toEqual(new Date('2025-03-10T13:59:00Z'));
    const zero = parse({ state: { electricChargingState: { remainingChargingMinutes: 0 } } });
    expect(zero.fuelAndBattery?.chargingEndTime).toEqual(T0);
  });
  it('a huge duration drops only the derived time', () => {
    const s = parse({ state: { electricChargingState: { remainingChargingMinutes: 1e300, range: 5 } } });
    expect(s.fuelAndBattery?.chargingEndTime).toBeUndefined();
    expect(s.fuelAndBattery?.remainingRangeElectric).toEqual(km(5));
    expect(issuePaths(s)).toEqual(['state.electricChargingState.remainingChargingMinutes']);
  });
  it('charging start time: next start of the window while WAITING_FOR_CHARGING, in the given zone', () => {
    const state = {
      electricChargingState: { chargingStatus: 'WAITING_FOR_CHARGING', isChargerConnected: true },
      chargingProfile: {
        reductionOfChargeCurrent: { start: { hour: 22, minute: 30 }, end: { hour: 6, minute: 0 } },
      },
    };
    expect(parse({ state }).fuelAndBattery?.chargingStartTime).toEqual(new Date('2025-03-10T22:30:00Z'));
    const tokyo = parse({ state, options: { timeZone: 'Asia/Tokyo' } });
    // 12:00Z is 21:00 in Tokyo; 22:30 Tokyo is 13:30Z.
    expect(tokyo.fuelAndBattery?.chargingStartTime).toEqual(new Date('2025-03-10T13:30:00Z'));
    const later = parse({ state, options: { now: new Date('2025-03-10T23:00:00Z') } });
    expect(later.fuelAndBattery?.chargingStartTime).toEqual(new Date('2025-03-11T22:30:00Z'));
    const charging = parse({ state: { ...state, electricChargingState: { chargingStatus: 'CHARGING' } } });
    expect(charging.fuelAndBattery?.chargingStartTime).toBeUndefined();
  });
  it('an unknown time zone falls back to UTC with an issue', () => {
    const s = parse({
      state: {
        electricChargingState: { chargingStatus: 'WAITING_FOR_CHARGING' },
        chargingProfile: { reductionOfChargeCurrent: { start: { hour: 22, minute: 30 } } },
      },
      options: { timeZone: 'Mars/Olympus' },
    });
    expect(s.fuelAndBattery?.chargingStartTime).toEqual(new Date('2025-03-10T22:30:00Z'));
    expect(issuePaths(s)).toEqual(['timeZone']);
  });
});

describe('fuel and battery: physical ranges', () => {
  const invalid = (s: ReturnType<typeof parse>) =>
    s.issues
      .filter((i) => i.code === 'invalid')
      .map((i) => i.path)
      .sort();

  it('drops a battery level, fuel level or charging target outside 0..100 % and keeps the rest', () => {
    for (const bad of [-5, 100.5, 1e308, -1e308]) {
      const s = parse({
        driveTrain: 'PLUGIN_HYBRID',
        state: {
          combustionFuelLevel: { remainingFuelPercent: bad, remainingFuelLiters: 30, range: 500 },
          electricChargingState: {
            chargingLevelPercent: bad,
            chargingTarget: bad,
            range: 40,
            chargingStatus: 'CHARGING',
          },
        },
      });
      const fb = s.fuelAndBattery;
      expect(
        [fb?.remainingBatteryPercent, fb?.remainingFuelPercent, fb?.chargingTarget],
        String(bad),
      ).toEqual([undefined, undefined, undefined]);
      expect(fb?.remainingFuel).toEqual({ value: 30, unit: 'L' });
      expect(fb?.remainingRangeTotal).toEqual(km(500));
      expect(fb?.chargingStatus).toBe('CHARGING');
      expect(invalid(s)).toEqual([
        'state.combustionFuelLevel.remainingFuelPercent',
        'state.electricChargingState.chargingLevelPercent',
        'state.electricChargingState.chargingTarget',
      ]);
      expect(JSON.stringify(s.issues)).not.toContain(String(bad));
    }
  });

  it('drops a negative or absurd range or fuel volume', () => {
    for (const bad of [-10, 10_001, 1e308]) {
      const s = parse({
        driveTrain: 'ELECTRIC_WITH_RANGE_EXTENDER',
        state: {
          combustionFuelLevel: { range: bad, remainingFuelLiters: bad < 0 ? bad : 1_001 },
          electricChargingState: { range: 150, chargingLevelPercent: 80 },
        },
      });
      expect(s.fuelAndBattery?.remainingRangeFuel, String(bad)).toBeUndefined();
      expect(s.fuelAndBattery?.remainingFuel).toBeUndefined();
      expect(s.fuelAndBattery?.remainingRangeTotal).toEqual(km(150));
      expect(s.fuelAndBattery?.remainingBatteryPercent).toBe(80);
      expect(invalid(s)).toEqual([
        'state.combustionFuelLevel.range',
        'state.combustionFuelLevel.remainingFuelLiters',
      ]);
    }
  });

  it('a negative charging time is no end time in the past', () => {
    const s = parse({ state: { electricChargingState: { remainingChargingMinutes: -5, range: 5 } } });
    expect(s.fuelAndBattery?.chargingEndTime).toBeUndefined();
    expect(s.fuelAndBattery?.remainingRangeElectric).toEqual(km(5));
    expect(invalid(s)).toEqual(['state.electricChargingState.remainingChargingMinutes']);
  });

  it('NaN and Infinity from a JavaScript caller are dropped the same way', () => {
    for (const bad of [Number.NaN, Number.POSITIVE_INFINITY, Number.NEGATIVE_INFINITY]) {
      const s = parse({ state: { electricChargingState: { chargingLevelPercent: bad, range: bad } } });
      expect(s.fuelAndBattery?.remainingBatteryPercent).toBeUndefined();
      expect(s.fuelAndBattery?.remainingRangeElectric).toBeUndefined();
      expect(invalid(s)).toEqual([
        'state.electricChargingState.chargingLevelPercent',
        'state.electricChargingState.range',
      ]);
    }
  });
});
