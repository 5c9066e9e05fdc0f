/**
 * A tiny in-memory MyBMW API for unit tests of the account (the end-to-end suite uses
 * @bimmer/simulator over real HTTP). Values are our own.
 */
import type { AccountAuthenticator } from '../src/account/account';

/** One fake vehicle. */
export interface FakeVehicle {
  vin: string;
  brand: 'bmw' | 'mini' | 'toyota';
  model: string;
  charging: boolean;
}

/** A logged request. */
export interface FakeRequest {
  method: string;
  path: string;
  vin: string | null;
  brand: string | undefined;
}

/** Overrides a response: return a Response to answer with it, or undefined for the normal one. */
export type FakeOverride = (request: FakeRequest, count: number) => Response | undefined;

export const FLEET: FakeVehicle[] = [
  { vin: 'WBA00000000TEST01', brand: 'bmw', model: 'Test i4', charging: true },
  { vin: 'WBA00000000TEST02', brand: 'bmw', model: 'Test 320d', charging: false },
  { vin: 'WMW00000000TEST03', brand: 'mini', model: 'Test Cooper SE', charging: true },
  { vin: 'WZ100000000TEST04', brand: 'toyota', model: 'Test Supra', charging: false },
];

const json = (body: unknown, status = 200) =>
  new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json' } });

/** A fetch over `fleet`, logging every request; `override` can inject failures. */
export function fakeApi(fleet: FakeVehicle[] = FLEET, override?: FakeOverride) {
  const log: FakeRequest[] = [];
  const fetchFn = (async (input: string | URL | Request, init?: RequestInit) => {
    const request = input instanceof Request ? input : new Request(input, init);
    const url = new URL(request.url);
    const entry: FakeRequest = {
      method: request.method,
      path: url.pathname,
      vin: request.headers.get('bmw-vin'),
      brand: request.headers.get('x-user-agent')?.split(';')[1],
    };
    log.push(entry);
    const injected = override?.(
      entry,
      log.filter((r) => r.path === entry.path && r.vin === entry.vin).length,
    );
    if (injected !== undefined) return injected;
    const vehicle = fleet.find((v) => v.vin === entry.vin);
    switch (url.pathname) {
      case '/eadrax-vcs/v5/vehicle-list':
        return json({
          gcid: 'fake-gcid',
          mappingInfos: fleet
            .filter((v) => v.brand === entry.brand)
            .map((v) => ({ vin: v.vin, mappingStatus: 'CONFIRMED' })),
        });
      case '/eadrax-vcs/v5/vehicle-data/profile':
        return vehicle === undefined
          ? json({ message: 'unknown vin' }, 404)
          : json({
              vin: vehicle.vin,
              model: vehicle.model,
              brand: vehicle.brand === 'toyota' ? 'DRITTKUNDE' : vehicle.brand.toUpperCase(),
            });
      case '/eadrax-vcs/v4/vehicles/state':
        return vehicle === undefined
          ? json({ message: 'unknown vin' }, 404)
          : json({
              capabilities: {
                isChargingPlanSupported: vehicle.charging,
                isChargingSettingsEnabled: vehicle.charging,
                lights: true,
              },
              state: { currentMileage: 1234, lastFetched: '2026-11-30T10:00:00Z' },
            });
      case '/eadrax-crccs/v2/vehicles':
        return vehicle === undefined
          ? json({}, 404)
          : json({ servicePack: 'TEST', chargeAndClimateTimerDetail: {} });
      case '/eadrax-ics/v5/presentation/vehicles/images':
        return new Response(new Uint8Array([137, 80, 78, 71]), { headers: { 'content-type': 'image/png' } });
      default:
        return json({ message: 'no route' }, 404);
    }
  }) as typeof fetch;
  return { fetch: fetchFn, log };
}

/** An authenticator that hands out fixed tokens. */
export function fakeAuthenticator(): AccountAuthenticator & { refreshes: number } {
  let token = 'fake-access-1';
  const auth = {
    refreshes: 0,
    sessionId: 'fake-session',
    gcid: 'fake-gcid',
    getAccessToken: async () => token,
    onUnauthorized: async () => {
      auth.refreshes++;
      token = `fake-access-${auth.refreshes + 1}`;
    },
  };
  return auth;
}
