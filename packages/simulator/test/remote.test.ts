import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { DEMO_ACCOUNT, type Simulator, startSimulator } from '../src/index';
import { api, json, loginGcdm } from './client';
import { COMBUSTION_VIN, EV_VIN, writeSyntheticFleet } from './fleet-fixture';

let sim: Simulator;
let token: string;
let gcid: string;

beforeAll(async () => {
  sim = await startSimulator({ fingerprints: writeSyntheticFleet() });
});
afterAll(async () => {
  await sim.stop();
});
beforeEach(async () => {
  sim.reset();
  const tokens = await loginGcdm(sim.url, 'row', DEMO_ACCOUNT);
  token = tokens.access_token;
  gcid = tokens.gcid;
});

const V4 = '/eadrax-vrccs/v4/presentation/remote-commands';

async function trigger(path: string, vin = EV_VIN, body: unknown = {}): Promise<string> {
  const response = await api(sim.url, token, path, { method: 'POST', vin, body });
  expect(response.status, path).toBe(200);
  const { eventId, creationTime } = await json<{ eventId: string; creationTime: string }>(response);
  expect(Number.isNaN(Date.parse(creationTime))).toBe(false);
  return eventId;
}

async function poll(eventId: string): Promise<Record<string, string>> {
  const response = await api(
    sim.url,
    token,
    `/eadrax-vrccs/v3/presentation/remote-commands/eventStatus?eventId=${eventId}`,
    {
      method: 'POST',
    },
  );
  expect(response.status).toBe(200);
  return json<Record<string, string>>(response);
}

async function statuses(eventId: string, polls: number): Promise<string[]> {
  const seen: string[] = [];
  for (let index = 0; index < polls; index++) seen.push((await poll(eventId)).eventStatus ?? '');
  return seen;
}

async function servedState(vin = EV_VIN): Promise<{ state: Record<string, Record<string, unknown>> }> {
  return json(await api(sim.url, token, '/eadrax-vcs/v4/vehicles/state', { vin }));
}

describe('remote commands', () => {
  it.each([
    'light-flash',
    'horn-blow',
    'door-lock',
    'door-unlock',
    'vehicle-finder',
    'climate-now?action=START',
  ])('%s progresses PENDING, DELIVERED, EXECUTED', async (service) => {
    const eventId = await trigger(`${V4}/${service}`);
    expect(await statuses(eventId, 4)).toEqual(['PENDING', 'DELIVERED', 'EXECUTED', 'EXECUTED']);
  });

  it('locks and unlocks the doors', async () => {
    await trigger(`${V4}/door-lock`);
    expect((await servedState()).state.doorsState?.combinedSecurityState).toBe('LOCKED');
    await trigger(`${V4}/door-unlock`);
    expect((await servedState()).state.doorsState?.combinedSecurityState).toBe('UNLOCKED');
  });

  it('starts and stops the climate', async () => {
    await trigger(`${V4}/climate-now?action=START`);
    expect(['COOLING', 'HEATING']).toContain((await servedState()).state.climateControlState?.activity);
    await trigger(`${V4}/climate-now?action=STOP`);
    expect((await servedState()).state.climateControlState?.activity).toBe('STANDBY');
    const missing = await api(sim.url, token, `${V4}/climate-now`, { method: 'POST', vin: EV_VIN, body: {} });
    expect(missing.status).toBe(400);
  });

  it('starts and stops charging', async () => {
    await trigger(`/eadrax-crccs/v1/vehicles/${EV_VIN}/start-charging`);
    expect((await servedState()).state.electricChargingState?.chargingStatus).toBe('CHARGING');
    await trigger(`/eadrax-crccs/v1/vehicles/${EV_VIN}/stop-charging`);
    expect((await servedState()).state.electricChargingState?.chargingStatus).toBe('PLUGGED_IN');
  });

  it('sets target SoC and AC limit in the state and the charging settings', async () => {
    await trigger(`/eadrax-crccs/v1/vehicles/${EV_VIN}/charging-settings`, EV_VIN, {
      chargingTarget: 75,
      acLimitValue: 12,
    });
    const { state } = await servedState();
    expect(state.electricChargingState?.chargingTarget).toBe(75);
    expect(state.chargingProfile?.chargingSettings).toMatchObject({ acCurrentLimit: 12 });
    const settings = await json<{
      chargingSettingsDetail: { chargingTarget: number; acLimit: { current: { value: number } } };
    }>(
      await api(
        sim.url,
        token,
        '/eadrax-crccs/v2/vehicles?fields=charging-profile&has_charging_settings_capabilities=true',
        {
          vin: EV_VIN,
        },
      ),
    );
    expect(settings.chargingSettingsDetail.chargingTarget).toBe(75);
    expect(settings.chargingSettingsDetail.acLimit.current.value).toBe(12);
    // null leaves a value alone
    await trigger(`/eadrax-crccs/v1/vehicles/${EV_VIN}/charging-settings`, EV_VIN, {
      chargingTarget: null,
      acLimitValue: 16,
    });
    expect((await servedState()).state.electricChargingState?.chargingTarget).toBe(75);
  });

  it.each([
    [{ chargingTarget: 75 }],
    [{ chargingTarget: 19, acLimitValue: null }],
    [{ chargingTarget: 77, acLimitValue: null }],
    [{ chargingTarget: 'asdf', acLimitValue: null }],
    [{ chargingTarget: null, acLimitValue: 12.5 }],
    [{ chargingTarget: 80, acLimitValue: 16, dcLoudness: null }],
  ])('refuses the charging-settings body %j', async (body) => {
    const response = await api(sim.url, token, `/eadrax-crccs/v1/vehicles/${EV_VIN}/charging-settings`, {
      method: 'POST',
      body,
    });
    expect(response.status).toBe(400);
  });

  const profileBody = (preference: string, type: string, precondition: unknown = true) => ({
    chargingMode: {
      chargingPreference: preference,
      endTimeSlot: '0001-01-01T00:00:00.000',
      startTimeSlot: '0001-01-01T00:00:00.000',
      type,
      timerChange: 'NO_CHANGE',
    },
    departureTimer: { type: 'WEEKLY_DEPARTURE_TIMER', weeklyTimers: [] },
    isPreconditionForDepartureActive: precondition,
    servicePack: 'WAVE_01',
  });

  it('sets charging mode and precondition', async () => {
    await trigger(
      `/eadrax-crccs/v1/vehicles/${EV_VIN}/charging-profile`,
      EV_VIN,
      profileBody('CHARGING_WINDOW', 'TIME_SLOT'),
    );
    const profile = (await servedState()).state.chargingProfile;
    expect(profile?.chargingMode).toBe('DELAYED_CHARGING');
    expect(profile?.chargingPreference).toBe('CHARGING_WINDOW');
    expect(profile?.climatisationOn).toBe(true);
    const settings = sim.chargingSettings(EV_VIN) as {
      chargeAndClimateTimerDetail: {
        chargingMode: { type: string };
        isPreconditionForDepartureActive: boolean;
      };
    };
    expect(settings.chargeAndClimateTimerDetail.chargingMode.type).toBe('TIME_SLOT');
    expect(settings.chargeAndClimateTimerDetail.isPreconditionForDepartureActive).toBe(true);
  });

  it.each([
    profileBody('NO_PRESELECTION', 'TIME_SLOT'),
    profileBody('CHARGING_WINDOW', 'CHARGING_IMMEDIATELY'),
    profileBody('NO_PRESELECTION', 'CHARGING_IMMEDIATELY', 'yes'),
    { ...profileBody('NO_PRESELECTION', 'CHARGING_IMMEDIATELY'), extra: 1 },
  ])('refuses an invalid charging-profile body (%#)', async (body) => {
    const response = await api(sim.url, token, `/eadrax-crccs/v1/vehicles/${EV_VIN}/charging-profile`, {
      method: 'POST',
      body,
    });
    expect(response.status).toBe(400);
  });

  it('finds the vehicle: eventPosition reports where, and the state shows it afterwards', async () => {
    expect(sim.state(COMBUSTION_VIN)).not.toHaveProperty('state.location');
    const eventId = await trigger(`${V4}/vehicle-finder`, COMBUSTION_VIN);
    await statuses(eventId, 3);
    const noObserver = await api(sim.url, token, `${V4}/eventPosition?eventId=${eventId}`, {
      method: 'POST',
    });
    expect(noObserver.status).toBe(400);
    const response = await api(sim.url, token, `${V4}/eventPosition?eventId=${eventId}`, {
      method: 'POST',
      headers: { latitude: '1.0', longitude: '0.0' },
    });
    const body = await json<{
      positionData: { status: string; position: { latitude: number; longitude: number; heading: number } };
      errorDetails: null;
    }>(response);
    expect(body.positionData.status).toBe('OK');
    expect(body.errorDetails).toBeNull();
    const location = (await servedState(COMBUSTION_VIN)).state.location as {
      coordinates: { latitude: number; longitude: number };
      heading: number;
    };
    expect(location.coordinates).toEqual({
      latitude: body.positionData.position.latitude,
      longitude: body.positionData.position.longitude,
    });
    expect(location.heading).toBe(body.positionData.position.heading);
  });

  it('uses a configured vehicle position for the finder', async () => {
    const custom = await startSimulator({
      fingerprints: writeSyntheticFleet(),
      vehiclePositions: { [EV_VIN]: { latitude: 52.52, longitude: 13.405, heading: 7 } },
    });
    try {
      const { access_token } = await loginGcdm(custom.url, 'row', DEMO_ACCOUNT);
      const response = await api(custom.url, access_token, `${V4}/vehicle-finder`, {
        method: 'POST',
        vin: EV_VIN,
        body: {},
      });
      const { eventId } = await json<{ eventId: string }>(response);
      const position = await json<{ positionData: { position: { latitude: number; heading: number } } }>(
        await api(custom.url, access_token, `${V4}/eventPosition?eventId=${eventId}`, {
          method: 'POST',
          headers: { latitude: '1.0', longitude: '2.0' },
        }),
      );
      expect(position.positionData.position).toMatchObject({ latitude: 52.52, heading: 7 });
    } finally {
      await custom.stop();
    }
  });

  it('ends in ERROR when configured, without changing the state', async () => {
    sim.setRemoteServices({ outcome: 'ERROR' });
    const eventId = await trigger(`${V4}/door-lock`);
    const seen = await statuses(eventId, 3);
    expect(seen).toEqual(['PENDING', 'DELIVERED', 'ERROR']);
    expect((await servedState()).state.doorsState?.combinedSecurityState).toBe('UNLOCKED');
  });

  it('stalls in PENDING when configured, per service, through the admin endpoint too', async () => {
    const admin = await fetch(`${sim.url}/_simulator/remote-services`, {
      method: 'POST',
      body: JSON.stringify({ services: { 'horn-blow': { outcome: 'STALL' } }, stepsPerStatus: 2 }),
    });
    expect(admin.status).toBe(200);
    const horn = await trigger(`${V4}/horn-blow`);
    expect(await statuses(horn, 5)).toEqual(['PENDING', 'PENDING', 'PENDING', 'PENDING', 'PENDING']);
    const flash = await trigger(`${V4}/light-flash`);
    expect(await statuses(flash, 5)).toEqual(['PENDING', 'PENDING', 'DELIVERED', 'DELIVERED', 'EXECUTED']);
    expect(() => sim.setRemoteServices({ outcome: 'MAYBE' as 'ERROR' })).toThrow(
      'Unknown remote-service outcome',
    );
  });

  it('answers 404 for unknown services, events and foreign vehicles', async () => {
    expect(
      (await api(sim.url, token, `${V4}/self-destruct`, { method: 'POST', vin: EV_VIN, body: {} })).status,
    ).toBe(404);
    const status = await api(
      sim.url,
      token,
      '/eadrax-vrccs/v3/presentation/remote-commands/eventStatus?eventId=nope',
      {
        method: 'POST',
      },
    );
    expect(status.status).toBe(404);
    expect(
      (await api(sim.url, token, `${V4}/door-lock`, { method: 'POST', vin: 'WBA00000000000XXX', body: {} }))
        .status,
    ).toBe(404);
  });

  it('sends a POI to the car with the gcid in the path', async () => {
    const place = {
      position: { lat: 48.177, lng: 11.556 },
      title: 'BMW Welt',
      formattedAddress: 'Am Olympiapark 1',
      placeType: 'ADDRESS',
    };
    const body = { places: [place], vehicleInformation: { vin: EV_VIN } };
    const sent = await api(sim.url, token, `/eadrax-dcs/v2/user/${gcid}/send-to-car`, {
      method: 'POST',
      vin: EV_VIN,
      body,
    });
    expect(sent.status).toBe(201);
    expect(await sent.text()).toBe('');
    expect(sim.sentPois(EV_VIN).map((poi) => poi.place.title)).toEqual(['BMW Welt']);
    const pois = await json<unknown[]>(await fetch(`${sim.url}/_simulator/pois?vin=${EV_VIN}`));
    expect(pois).toHaveLength(1);
    const wrongUser = await api(sim.url, token, '/eadrax-dcs/v2/user/someone-else/send-to-car', {
      method: 'POST',
      vin: EV_VIN,
      body,
    });
    expect(wrongUser.status).toBe(403);
    for (const invalid of [
      { ...body, vehicleInformation: { vin: 'SHORT' } },
      { ...body, places: [{ ...place, title: '' }] },
      { ...body, places: [{ ...place, position: { lat: '48.1', lng: 11.5 } }] },
      { places: [place] },
    ]) {
      const response = await api(sim.url, token, `/eadrax-dcs/v2/user/${gcid}/send-to-car`, {
        method: 'POST',
        vin: EV_VIN,
        body: invalid,
      });
      expect(response.status).toBe(400);
    }
  });

  it('lists triggered events', async () => {
    await trigger(`${V4}/light-flash`);
    expect(sim.events().map((event) => [event.service, event.vin])).toEqual([['light-flash', EV_VIN]]);
  });
});
