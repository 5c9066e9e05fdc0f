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
