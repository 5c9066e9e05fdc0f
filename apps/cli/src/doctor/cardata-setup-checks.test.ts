import type { CarDataAccountState } from '@bimmer/cardata';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { carDataCacheChecks, carDataScopeChecks } from './cardata-setup-checks';

const TOKENS = {
  kind: 'cardata',
  clientId: 'client',
  accessToken: 'access-secret',
  idToken: 'id-secret',
  refreshToken: 'refresh-secret',
  gcid: 'gcid-1',
} as const;

describe('carDataScopeChecks', () => {
  it('passes both scopes, fails each missing one with the portal fix, never shows a token', () => {
    fc.assert(
      fc.property(fc.boolean(), fc.boolean(), (api, streaming) => {
        const scope = [
          'authenticate_user',
          'openid',
          api ? 'cardata:api:read' : '',
          streaming ? 'cardata:streaming:read' : '',
        ]
          .filter((part) => part !== '')
          .join(' ');
        const checks = carDataScopeChecks({ ...TOKENS, scope });
        expect(checks.map((check) => check.verdict)).toEqual([
          api ? 'ok' : 'fail',
          streaming ? 'ok' : 'fail',
        ]);
        for (const check of checks.filter((check) => check.verdict === 'fail')) {
          expect(check.text).toMatch(/subscribe "CarData (API|Stream)"/);
          expect(check.text).toContain('bimmer login --cardata');
        }
        const text = checks.map((check) => check.text).join('\n');
        for (const secret of ['access-secret', 'id-secret', 'refresh-secret'])
          expect(text).not.toContain(secret);
      }),
    );
    expect(carDataScopeChecks(TOKENS)).toEqual([
      { verdict: 'warn', text: expect.stringContaining('unknown') },
    ]);
  });
});

describe('carDataCacheChecks', () => {
  const state = (mappings: unknown[], container?: string): CarDataAccountState => ({
    calls: [],
    mappings: { value: mappings, fetchedAt: 0 },
    ...(container === undefined ? {} : { container: { id: container, signature: 's' } }),
  });

  it('asks for a first status when nothing is cached', () => {
    expect(carDataCacheChecks(undefined)).toEqual([
      { verdict: 'warn', text: expect.stringContaining('bimmer status --transport cardata') },
    ]);
  });

  it('lists PRIMARY vehicles, warns about the others and reports the container', () => {
    const checks = carDataCacheChecks(
      state(
        [
          { vin: 'WBA00000000000001', mappingType: 'PRIMARY' },
          { vin: 'WBA00000000000002', mappingType: 'SECONDARY' },
        ],
        'container-7',
      ),
    );
    expect(checks).toEqual([
      { verdict: 'ok', text: expect.stringContaining('WBA00000000000001 (PRIMARY)') },
      {
        verdict: 'warn',
        text: expect.stringContaining('WBA00000000000002 gets no data: it is mapped as SECONDARY'),
      },
      { verdict: 'ok', text: expect.stringContaining('container-7') },
    ]);
  });

  it('fails without a PRIMARY vehicle and says what BMW requires and how to re-read the list', () => {
    const [first, container] = carDataCacheChecks(state([]));
    expect(first?.verdict).toBe('fail');
    expect(first?.text).toContain('PRIMARY user');
    expect(first?.text).toContain('--refresh');
    expect(container).toEqual({ verdict: 'warn', text: expect.stringContaining('not set up yet') });
  });
});
