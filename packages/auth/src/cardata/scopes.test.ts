import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { CARDATA_DEFAULT_SCOPE } from './constants';
import { CARDATA_REQUIRED_SCOPES, missingCarDataScopes } from './scopes';

describe('missingCarDataScopes', () => {
  it('finds nothing missing in the scope bimmer requests, whatever the order BMW returns it in', () => {
    const scopes = CARDATA_DEFAULT_SCOPE.split(' ');
    fc.assert(
      fc.property(fc.shuffledSubarray(scopes, { minLength: scopes.length }), (order) => {
        expect(missingCarDataScopes({ scope: order.join(' ') })).toEqual([]);
      }),
    );
  });

  it('names each missing scope with the portal subscription that grants it', () => {
    expect(missingCarDataScopes({ scope: 'authenticate_user openid' })).toEqual(CARDATA_REQUIRED_SCOPES);
    expect(missingCarDataScopes({ scope: 'openid  cardata:streaming:read' })).toEqual([
      { scope: 'cardata:api:read', service: 'CarData API', feature: 'rest' },
    ]);
    expect(missingCarDataScopes({ scope: 'cardata:api:read\topenid' })).toEqual([
      { scope: 'cardata:streaming:read', service: 'CarData Stream', feature: 'stream' },
    ]);
  });

  it('cannot tell when BMW sent no scopes', () => {
    expect(missingCarDataScopes({})).toBeUndefined();
    expect(missingCarDataScopes({ scope: '' })).toBeUndefined();
    expect(missingCarDataScopes({ scope: '   ' })).toBeUndefined();
  });
});
