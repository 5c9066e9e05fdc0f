import { describe, expect, it } from 'vitest';
import { AnonymizationContext } from './context';

describe('AnonymizationContext', () => {
  it('maps the same VIN to the same placeholder, in any case', () => {
    const context = new AnonymizationContext();
    const first = context.vin('WBA12345678ABCDE9');
    expect(first).toBe('WBA0FINGERPRINT01');
    expect(context.vin('wba12345678abcde9')).toBe(first);
    expect(context.vin('WMW98765432ZYXWV1')).toBe('WMW0FINGERPRINT02');
    expect(context.vinReplacements).toEqual(
      new Map([
        ['WBA12345678ABCDE9', 'WBA0FINGERPRINT01'],
        ['WMW98765432ZYXWV1', 'WMW0FINGERPRINT02'],
      ]),
    );
  });

  it('maps ids to distinct UUID placeholders, consistently', () => {
    const context = new AnonymizationContext();
    const gcid = context.id('3F2504E0-4F89-41D3-9A0C-0305E82C3301');
    expect(gcid).toBe('00000000-0000-4000-8000-000000000001');
    expect(context.id('3f2504e0-4f89-41d3-9a0c-0305e82c3301')).toBe(gcid);
    expect(context.id('7c9e6679-7425-40de-944b-e07fc1f90ae7')).toBe('00000000-0000-4000-8000-000000000002');
  });

  it('leaves placeholders as they are and never hands them out again', () => {
    const context = new AnonymizationContext();
    context.reserve('WBA0FINGERPRINT01');
    expect(context.vin('WBA0FINGERPRINT02')).toBe('WBA0FINGERPRINT02');
    expect(context.vin('WBA12345678ABCDE9')).toBe('WBA0FINGERPRINT03');
    context.reserve('00000000-0000-4000-8000-000000000001');
    expect(context.id('7c9e6679-7425-40de-944b-e07fc1f90ae7')).toBe('00000000-0000-4000-8000-000000000002');
  });

  it('keeps recordings apart: a new context starts numbering again', () => {
    const one = new AnonymizationContext();
    const two = new AnonymizationContext();
    one.vin('WBA12345678ABCDE9');
    expect(two.vin('WMW98765432ZYXWV1')).toBe('WMW0FINGERPRINT01');
  });
});
