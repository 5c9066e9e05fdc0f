import { describe, expect, it } from 'vitest';
import { isVinPlaceholder, VIN_IN_TEXT, vinPlaceholder } from './vin';

const vinsIn = (text: string) => [...text.matchAll(VIN_IN_TEXT)].map(([match]) => match);

describe('VIN_IN_TEXT', () => {
  it('finds VINs between punctuation, including underscores of file names', () => {
    expect(vinsIn('state_WBA12345678ABCDE9.json')).toEqual(['WBA12345678ABCDE9']);
    expect(vinsIn('/vehicles/WBA12345678ABCDE9/charging-settings')).toEqual(['WBA12345678ABCDE9']);
    expect(vinsIn('"WBA12345678ABCDE9","WMW98765432ZYXWV1"')).toEqual([
      'WBA12345678ABCDE9',
      'WMW98765432ZYXWV1',
    ]);
  });

  it('finds lower-case VINs', () => {
    expect(vinsIn('car wba12345678abcde9 parked')).toEqual(['wba12345678abcde9']);
  });

  it('leaves 17-character runs inside longer codes alone (no half replacements)', () => {
    expect(vinsIn('WBA12345678ABCDE9XY')).toEqual([]);
    expect(vinsIn('XWBA12345678ABCDE9')).toEqual([]);
  });

  it('leaves 17-letter words without digits alone', () => {
    expect(vinsIn('institutionalized')).toEqual([]);
    expect(vinsIn('ABCDEFGHJKLMNPRST')).toEqual([]);
  });
});

describe('vinPlaceholder', () => {
  it('keeps the manufacturer code and numbers from 01', () => {
    expect(vinPlaceholder('WBA12345678ABCDE9', 1)).toBe('WBA0FINGERPRINT01');
    expect(vinPlaceholder('wmw98765432zyxwv1', 42)).toBe('WMW0FINGERPRINT42');
  });

  it('stays 17 characters long past 99 VINs', () => {
    for (const sequence of [1, 99, 100, 999, 1000, 123456]) {
      const placeholder = vinPlaceholder('WBA12345678ABCDE9', sequence);
      expect(placeholder).toHaveLength(17);
      expect(placeholder.endsWith(String(sequence).padStart(2, '0'))).toBe(true);
      expect(isVinPlaceholder(placeholder)).toBe(true);
    }
    expect(vinPlaceholder('WBA12345678ABCDE9', 100)).toBe('WBA0FINGERPRIN100');
  });

  it('refuses more VINs than it can number', () => {
    expect(() => vinPlaceholder('WBA12345678ABCDE9', 10_000_000)).toThrow(RangeError);
  });
});

describe('isVinPlaceholder', () => {
  it('tells placeholders from real VINs', () => {
    expect(isVinPlaceholder('WBA0FINGERPRINT07')).toBe(true);
    expect(isVinPlaceholder('wba0fingerprint07')).toBe(true);
    expect(isVinPlaceholder('WBA12345678ABCDE9')).toBe(false);
    // A real VIN that happens to be digits after a zero is not mistaken for a placeholder.
    expect(isVinPlaceholder('WBA01234567890123')).toBe(false);
    expect(isVinPlaceholder('WBA0FINGERPRINT0')).toBe(false);
  });
});
