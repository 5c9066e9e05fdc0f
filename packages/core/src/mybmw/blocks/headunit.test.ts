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
