import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { HOMEKIT_NAME, homeKitName } from './home-kit-name';

describe('homeKitName', () => {
  it('makes model names and prefixes acceptable to Home', () => {
    expect(homeKitName('i3s 94 (+ REX)')).toBe('i3s 94 REX');
    expect(homeKitName('X5 xDrive50e')).toBe('X5 xDrive50e');
    expect(homeKitName('  🚗 My car! ')).toBe('My car');
    expect(homeKitName("Anna's i4 Battery")).toBe("Anna's i4 Battery");
    expect(homeKitName('***', 'Vehicle')).toBe('Vehicle');
  });

  it('always returns a name HAP accepts (property)', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'grapheme' }), (text) => {
        expect(HOMEKIT_NAME.test(homeKitName(text))).toBe(true);
      }),
      { numRuns: 500 },
    );
  });
});
