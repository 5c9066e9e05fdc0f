import { describe, expect, it } from 'vitest';
import { parse } from '../../../test/synthetic';

describe('head unit', () => {
  const profile = {
    hmiVersion: 'ID8',
    headUnitType: 'MGU',
    year: 2021,
    softwareVersionCurrent: { iStep: 300, puStep: { month: 7, year: 21 } },
  };
  it('formats the software version (month/year.iStep)', () => {
    expect(parse({ profile }).headunit).toEqual({
      idriveVersion: 'ID8',
      headunitType: 'MGU',
      softwareVersion: '07/2021.00',
    });
  });
  it('without the model year there is no software version', () => {
    const s = parse({ profile: { ...profile, year: undefined } });
    expect(s.headunit?.softwareVersion).toBeUndefined();
    expect(s.headunit?.idriveVersion).toBe('ID8');
  });
});

describe('head unit: physical ranges', () => {
  it('an impossible model year gives no software version, and the rest is kept', () => {
    for (const year of [-1, 0, 1899, 2101, 1e308, 2021.5]) {
      const s = parse({
        profile: {
          hmiVersion: 'ID8',
          headUnitType: 'MGU',
          year,
          softwareVersionCurrent: { iStep: 300, puStep: { month: 7, year: 21 } },
        },
      });
      expect(s.headunit, String(year)).toEqual({
        idriveVersion: 'ID8',
        headunitType: 'MGU',
        softwareVersion: undefined,
      });
      expect(s.issues).toMatchObject([{ path: 'profile.year', code: 'invalid' }]);
    }
  });
});
