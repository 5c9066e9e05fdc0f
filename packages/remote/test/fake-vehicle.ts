/**
 * A real `MyBMWVehicle` on a fake API, for unit tests of remote services (the end-to-end suite uses
 * @bimmer/simulator over real HTTP). Values are our own.
 */
import type { JsonObject } from '@bimmer/core/internal';
import { type GPSPosition, MyBMWClient, MyBMWVehicle, type VehicleAccount } from '@bimmer/mybmw';

/** A logged request. */
export interface LoggedRequest {
  method: string;
  path: string;
  query: Record<string, string>;
  vin: string | null;
  brand: string | undefined;
  headers: Headers;
  body: string;
}

/** Answers a request; return undefined for the default behaviour. */
export type Responder = (request: LoggedRequest) => Response | undefined;

const json = (body: unknown, status = 200) =>
  new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json' } });

/** The VIN of the test vehicle. */
export const TEST_VIN = 'WBA00000000TEST01';

/** Capabilities, state and charging details of a fully capable test EV. */
export function capableEv(): { capabilities: JsonObject; state: JsonObject; chargingSettings: JsonObject } {
  return {
    capabilities: {
      lights: true,
      horn: true,
      lock: true,
      unlock: true,
      climateNow: true,
      sendPoi: true,
      vehicleFinder: true,
      isChargingPlanSupported: true,
      isChargingSettingsEnabled: true,
      isChargingTargetSocEnabled: true,
      isChargingPowerLimitEnabled: true,
      remoteChargingCommands: { chargingControl: ['START', 'STOP'] },
    },
    state: {
      lastFetched: '2026-12-01T07:00:00Z',
      isLscSupported: true,
      climateControlState: { activity: 'STANDBY' },
      doorsState: { combinedSecurityState: 'UNLOCKED' },
      electricChargingState: {
        isChargerConnected: true,
        chargingStatus: 'CHARGING',
        chargingTarget: 80,
        chargingLevelPercent: 50,
      },
      location: { coordinates: { latitude: 50.1, longitude: 8.6 }, heading: 90 },
      chargingProfile: {
        chargingControlType: 'WEEKLY_PLANNER',
        chargingMode: 'IMMEDIATE_CHARGING',
        chargingPreference: 'NO_PRESELECTION',
        climatisationOn: true,
        reductionOfChargeCurrent: { start: { hour: 22, minute: 5 }, end: { hour: 6, minute: 30 } },
        departureTimes: [
          { id: 1, action: 'ACTIVATE', timeStamp: { hour: 7, minute: 15 }, timerWeekDays: ['MONDAY'] },
          { id: 2, action: 'DEACTIVATE', timerWeekDays: [] },
        ],
        chargingSettings: { acCurrentLimit: 16 },
      },
    },
    chargingSettings: {
      servicePack: 'TEST_PACK',
      chargingSettingsDetail: { acLimit: { values: [6, 8, 10, 12, 16, 32] } },
    },
  };
}

/**
 * A vehicle wired to a fake API: commands answer an event id, each event-status poll walks
 * `statuses` (default PENDING, DELIVERED, EXECUTED), door-lock/unlock change the served state, and
 * state requests answer the current data.
 */
export async function fakeVehicle(
  init: Partial<ReturnType<typeof capableEv>> = {},
  options: { responder?: Responder; statuses?: string[]; observer?: GPSPosition; gcid?: string } = {},
) {
  const log: LoggedRequest[] = [];
  const data = { ...capableEv(), ...init };
  const statuses = options.statuses ?? ['PENDING', 'DELIVERED', 'EXECUTED'];
  const polls = new Map<string, number>();
  let events = 0;
  let clock = Date.parse('2026-12-01T08:00:00Z');
  const fetchFn = (async (input: string | URL | Request, requestInit?: RequestInit) => {
    const request = input instanceof Request ? input : new Request(input, requestInit);
    const url = new URL(request.url);
    const entry: LoggedRequest = {
      method: request.method,
      path: url.pathname,
      query: Object.fromEntries(url.searchParams),
      vin: request.headers.get('bmw-vin'),
      brand: request.headers.get('x-user-agent')?.split(';')[1],
      headers: request.headers,
      body: await request.text(),
    };
    log.push(entry);
    const answer = options.responder?.(entry);
    if (answer !== undefined) return answer;
    if (url.pathname.endsWith('/eventStatus')) {
      const id = entry.query.eventId ?? '';
      const index = polls.get(id) ?? 0;
      polls.set(id, index + 1);
      return json({ eventStatus: statuses[Math.min(index, statuses.length - 1)] });
    }
    if (url.pathname.endsWith('/eventPosition')) {
      return json({
        positionData: {
          status: 'OK',
          position: { latitude: 48.1, longitude: 11.5, heading: 200, formattedAddress: 'Test St 1' },
        },
        errorDetails: null,
      });
    }
    if (url.pathname.endsWith('/send-to-car')) return new Response(null, { status: 201 });
    if (url.pathname === '/eadrax-vcs/v4/vehicles/state')
      return json({ capabilities: data.capabilities, state: data.state });
    if (url.pathname === '/eadrax-crccs/v2/vehicles') return json(data.chargingSettings);
    if (url.pathname.endsWith('/door-lock') || url.pathname.endsWith('/door-unlock')) {
      const locked = url.pathname.endsWith('/door-lock') ? 'LOCKED' : 'UNLOCKED';
      data.state = { ...data.state, doorsState: { combinedSecurityState: locked } };
    }
    events++;
    return json({ eventId: `event-${events}`, creationTime: new Date(clock).toISOString() });
  }) as typeof fetch;

  const client = new MyBMWClient({
    tokens: {
      getAccessToken: async () => 'fake-token',
      onUnauthorized: async () => {},
      sessionId: 's',
      gcid: 'g',
    },
    baseUrl: 'https://fake.test',
    defaultHeaders: (brand) => ({ 'x-user-agent': `android(AP2A.000000.000);${brand};4.9.2(36892);row` }),
    fetch: fetchFn,
    sleep: async () => {},
  });
  const account: VehicleAccount = {
    client,
    region: 'rest_of_world',
    gcid: options.gcid ?? 'fake-gcid',
    observerPosition: options.observer,
    timeZone: 'UTC',
    now: () => new Date(clock),
  };
  const vehicle = new MyBMWVehicle(account, {
    vin: TEST_VIN,
    brand: 'bmw',
    profile: { vin: TEST_VIN, model: 'Test i4', brand: 'BMW', driveTrain: 'ELECTRIC' },
  });
  await vehicle.getVehicleState();
  log.length = 0;
  let refreshes = 0;
  const getVehicleState = vehicle.getVehicleState.bind(vehicle);
  vehicle.getVehicleState = async () => {
    refreshes++;
    return getVehicleState();
  };
  const tick = (ms: number) => {
    clock += ms;
  };
  return { vehicle, log, tick, refreshes: () => refreshes };
}
