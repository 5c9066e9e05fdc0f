import { describe, expect, it } from 'vitest';
import { parse } from '../../../test/synthetic';

describe('climate', () => {
  it('end time truncates remaining seconds; VENTILATION is not on', () => {
    const s = parse({ state: { climateControlState: { activity: 'COOLING', remainingSeconds: 59.9 } } });
    expect(s.climate).toEqual({
      activity: 'COOLING',
      activityEndTime: new Date('2025-03-10T12:00:59Z'),
      isClimateOn: true,
    });
    expect(parse({ state: { climateControlState: { activity: 'VENTILATION' } } }).climate?.isClimateOn).toBe(
      false,
    );
    expect(parse({ state: { climateControlState: {} } }).climate?.activity).toBe('UNKNOWN');
    expect(parse().climate).toEqual({ activity: 'UNKNOWN', activityEndTime: undefined, isClimateOn: false });
  });
});

describe('climate: physical ranges', () => {
  it('a negative or absurd remaining time gives no end time, and the activity is kept', () => {
    for (const remainingSeconds of [-10, 86_401, 1e308]) {
      const s = parse({ state: { climateControlState: { activity: 'HEATING', remainingSeconds } } });
      expect(s.climate).toEqual({ activity: 'HEATING', activityEndTime: undefined, isClimateOn: true });
      expect(s.issues).toMatchObject([
        { path: 'state.climateControlState.remainingSeconds', code: 'invalid' },
      ]);
    }
  });
});
