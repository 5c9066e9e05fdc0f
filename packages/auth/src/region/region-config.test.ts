import { BimmerValidationError } from '@bimmer/core';
import { describe, expect, it } from 'vitest';
import { getRegionConfig } from './region-config';

describe('getRegionConfig', () => {
  it('has the reference hosts, keys and codes, for any spelling core accepts', () => {
    expect(getRegionConfig('na')).toMatchObject({
      region: 'north_america',
      host: 'cocoapi.bmwgroup.us',
      code: 'na',
      ocpApimSubscriptionKey: '31e102f5-6f7e-7ef3-9044-ddce63891362',
      hcaptchaSiteKey: 'dc24de9a-9844-438b-b542-60067ff4dbe9',
      requiresCaptchaToken: true,
    });
    expect(getRegionConfig('Rest of World')).toMatchObject({
      serverUrl: 'https://cocoapi.bmwgroup.com',
      code: 'row',
      ocpApimSubscriptionKey: '4f1c85a3-758f-a37d-bbb6-f8704494acfa',
    });
    expect(getRegionConfig('china')).toMatchObject({
      host: 'myprofile.bmw.com.cn',
      code: 'cn',
      ocpApimSubscriptionKey: undefined,
      requiresCaptchaToken: false,
    });
  });

  it('rejects unknown regions with the valid names', () => {
    expect(() => getRegionConfig('unknown')).toThrow(BimmerValidationError);
    expect(() => getRegionConfig('unknown')).toThrow(
      'Unknown region unknown. Valid regions are: north_america,china,rest_of_world',
    );
  });
});
