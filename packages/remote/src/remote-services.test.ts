import {
  BimmerApiError,
  BimmerQuotaError,
  BimmerRemoteServiceError,
  BimmerUnsupportedError,
  BimmerValidationError,
} from '@bimmer/core';
import { describe, expect, it } from 'vitest';
import { capableEv, fakeVehicle } from '../test/fake-vehicle';
import { ExecutionState } from './execution-state';
import { RemoteServices, remoteServices } from './remote-services';

const commandPaths = (log: { path: string }[]) =>
  log.filter((r) => !/eventStatus|eventPosition|vehicles\/state|crccs\/v2/.test(r.path)).map((r) => r.path);

async function setup(...args: Parameters<typeof fakeVehicle>) {
  const fake = await fakeVehicle(...args);
  const progress: string[] = [];
  const services = remoteServices(fake.vehicle, {
    pollIntervalMs: 10,
    sleep: async (ms) => fake.tick(ms),
    onProgress: (t) => progress.push(t.state),
  });
  return { ...fake, services, progress };
}

describe('RemoteServices', () => {
  it.each([
    ['triggerRemoteLightFlash', '/eadrax-vrccs/v4/presentation/remote-commands/light-flash', {}],
    ['triggerRemoteHorn', '/eadrax-vrccs/v4/presentation/remote-commands/horn-blow', {}],
    ['triggerRemoteDoorLock', '/eadrax-vrccs/v4/presentation/remote-commands/door-lock', {}],
    ['triggerRemoteDoorUnlock', '/eadrax-vrccs/v4/presentation/remote-commands/door-unlock', {}],
    [
      'triggerRemoteAirConditioning',
      '/eadrax-vrccs/v4/presentation/remote-commands/climate-now',
      { action: 'START' },
    ],
    [
      'triggerRemoteAirConditioningStop',
      '/eadrax-vrccs/v4/presentation/remote-commands/climate-now',
      { action: 'STOP' },
    ],
    ['triggerRemoteVehicleFinder', '/eadrax-vrccs/v4/presentation/remote-commands/vehicle-finder', {}],
    ['triggerChargeStop', '/eadrax-crccs/v1/vehicles/WBA00000000TEST01/stop-charging', {}],
  ] as const)(
    '%s posts %s once, polls to EXECUTED and reports every transition',
    async (method, path, query) => {
      const { services, log, progress } = await setup();
      const result = await services[method]();
      expect(result.state).toBe(ExecutionState.EXECUTED);
      expect(result.eventId).toBe('event-1');
      expect(commandPaths(log)).toEqual([path]);
      const command = log.find((r) => r.path === path);
      expect(command?.query).toEqual(query);
      expect(command?.body).toBe('{}');
      expect(command?.brand).toBe('bmw');
      expect(log.filter((r) => r.path.endsWith('/eventStatus'))).toHaveLength(3);
      expect(progress).toEqual(['INITIATED', 'PENDING', 'DELIVERED', 'EXECUTED']);
      expect(result.transitions.map((t) => t.state)).toEqual(progress);
      expect(result.durationMs).toBe(result.finishedAt.getTime() - result.startedAt.getTime());
    },
  );

  it('sends bmw-vin only to endpoints without the VIN in the path', async () => {
    const { services, log } = await setup();
    await services.triggerRemoteLightFlash();
    await services.triggerChargeStop();
    expect(log.find((r) => r.path.endsWith('/light-flash'))?.vin).toBe('WBA00000000TEST01');
    expect(log.find((r) => r.path.endsWith('/stop-charging'))?.vin).toBeNull();
  });

  it('refreshes only this vehicle after state-changing services, by default', async () => {
    const { services, vehicle, log, refreshes } = await setup();
    expect(vehicle.snapshot.doorsAndWindows?.doorLockState).toBe('UNLOCKED');
    const lock = await services.triggerRemoteDoorLock();
    expect(refreshes()).toBe(1);
    expect(lock.vehicleState?.state.doorsState).toEqual({ combinedSecurityState: 'LOCKED' });
    expect(vehicle.snapshot.doorsAndWindows?.doorLockState).toBe('LOCKED');
    const flash = await services.triggerRemoteLightFlash();
    expect(refreshes()).toBe(1);
    expect(flash.vehicleState).toBeUndefined();
    await services.triggerRemoteLightFlash({ refresh: true });
    await services.triggerRemoteDoorUnlock({ refresh: false });
    expect(refreshes()).toBe(2);
    expect(log.filter((r) => r.path.endsWith('/vehicle-list'))).toHaveLength(0);
  });

  it('throws BimmerRemoteServiceError with event id and state on ERROR', async () => {
    const { services } = await setup({}, { statuses: ['PENDING', 'ERROR'] });
    const error = (await services.triggerRemoteHorn().catch((e: unknown) => e)) as BimmerRemoteServiceError;
    expect(error).toBeInstanceOf(BimmerRemoteServiceError);
    expect(error.eventId).toBe('event-1');
    expect(error.state).toBe('ERROR');
  });

  it('times out a stalled event with its last state', async () => {
    const { services, log } = await setup({}, { statuses: ['PENDING'] });
    const error = (await services
      .triggerRemoteHorn({ pollTimeoutMs: 100 })
      .catch((e: unknown) => e)) as BimmerRemoteServiceError;
    expect(error).toBeInstanceOf(BimmerRemoteServiceError);
    expect(error.state).toBe('PENDING');
    expect(error.message).toContain(
      "No final status for the horn-blow command (event 'event-1') within 100 ms; the last state seen was PENDING.",
    );
    expect(error.message).toContain('The vehicle may still have executed it');
    expect(log.filter((r) => r.path.endsWith('/eventStatus'))).toHaveLength(10);
  });

  it('keeps polling through INITIATED and UNKNOWN, and stops at IGNORED', async () => {
    const { services } = await setup({}, { statuses: ['INITIATED', 'whatever', 'IGNORED'] });
    const result = await services.triggerRemoteHorn();
    expect(result.state).toBe('IGNORED');
    expect(result.transitions.map((t) => t.state)).toEqual(['INITIATED', 'UNKNOWN', 'IGNORED']);
  });

  it('keeps polling through failing polls until the deadline, then says the vehicle may have executed it', async () => {
    const { services, log } = await setup(
      {},
      {
        responder: (r) =>
          r.path.endsWith('/eventStatus') ? new Response('oops', { status: 500 }) : undefined,
      },
    );
    const error = (await services
      .triggerRemoteHorn({ pollTimeoutMs: 50 })
      .catch((e: unknown) => e)) as BimmerRemoteServiceError;
    expect(error).toBeInstanceOf(BimmerRemoteServiceError);
    expect(error.state).toBe('INITIATED');
    expect(error.message).toContain('The last status poll failed too: MyBMW request to');
    expect(error.message).toContain('The vehicle may still have executed it');
    expect(error.cause).toBeInstanceOf(BimmerApiError);
    // 5 polls of 3 tries each; the command itself once.
    expect(log.filter((r) => r.path.endsWith('/eventStatus'))).toHaveLength(15);
    expect(log.filter((r) => r.path.endsWith('/horn-blow'))).toHaveLength(1);
  });

  it('stops polling at a failure that polling cannot cure, saying the outcome is open', async () => {
    const { services } = await setup(
      {},
      {
        responder: (r) =>
          r.path.endsWith('/eventStatus')
            ? Response.json({ statusCode: 403, message: 'Out of call volume quota.' }, { status: 403 })
            : undefined,
      },
    );
    const error = (await services.triggerRemoteHorn().catch((e: unknown) => e)) as BimmerRemoteServiceError;
    expect(error).toBeInstanceOf(BimmerRemoteServiceError);
    expect(error.cause).toBeInstanceOf(BimmerQuotaError);
    expect(error.action).toBe('wait');
    expect(error.message).toContain('was sent, but its status could not be followed');
    expect(error.message).toContain('may still have executed it');
  });

  it('does not resend a command answered with 429', async () => {
    const { services, log } = await setup(
      {},
      {
        responder: (r) =>
          r.path.endsWith('/horn-blow')
            ? Response.json({ message: 'Try again in 1 seconds.' }, { status: 429 })
            : undefined,
      },
    );
    await expect(services.triggerRemoteHorn()).rejects.toBeInstanceOf(BimmerQuotaError);
    expect(log).toHaveLength(1);
  });

  it('refuses every unsupported service before any request (the vehicle finder always runs)', async () => {
    const { services, log } = await setup({ capabilities: {}, state: {}, chargingSettings: {} });
    const attempts = [
      () => services.triggerRemoteLightFlash(),
      () => services.triggerRemoteHorn(),
      () => services.triggerRemoteDoorLock(),
      () => services.triggerRemoteDoorUnlock(),
      () => services.triggerRemoteAirConditioning(),
      () => services.triggerRemoteAirConditioningStop(),
      () => services.triggerChargeStart(),
      () => services.triggerChargeStop(),
      () => services.triggerChargingSettingsUpdate({ targetSoc: 80 }),
      () => services.triggerChargingSettingsUpdate({ acLimit: 16 }),
      () => services.triggerChargingProfileUpdate({ chargingMode: 'IMMEDIATE_CHARGING' }),
      () => services.triggerSendPoi({ lat: 1, lon: 2 }),
    ];
    for (const attempt of attempts) await expect(attempt()).rejects.toBeInstanceOf(BimmerUnsupportedError);
    expect(log).toHaveLength(0);
    await expect(services.triggerRemoteVehicleFinder()).resolves.toMatchObject({ state: 'EXECUTED' });
  });

  it('ignores charge start and stop without a request when no charger is connected', async () => {
    const ev = capableEv();
    const unplugged = {
      ...ev.state,
      electricChargingState: { isChargerConnected: false, chargingStatus: 'INVALID' },
    };
    const { services, log } = await setup({ state: unplugged });
    await expect(services.triggerChargeStart()).resolves.toMatchObject({
      state: 'IGNORED',
      eventId: undefined,
    });
    await expect(services.triggerChargeStop()).resolves.toMatchObject({ state: 'IGNORED' });
    expect(log).toHaveLength(0);
  });

  it('ignores charge stop when the vehicle is not charging', async () => {
    const ev = capableEv();
    const waiting = {
      ...ev.state,
      electricChargingState: { isChargerConnected: true, chargingStatus: 'WAITING_FOR_CHARGING' },
    };
    const { services, log } = await setup({ state: waiting });
    const result = await services.triggerChargeStop();
    expect(result).toMatchObject({ state: 'IGNORED', details: { reason: 'Vehicle not charging.' } });
    expect(log).toHaveLength(0);
  });

  it('rejects invalid or empty charging settings before any request', async () => {
    const { services, log } = await setup();
    for (const update of [{ targetSoc: 21 }, { targetSoc: 105 }, { acLimit: 17 }, {}]) {
      await expect(services.triggerChargingSettingsUpdate(update)).rejects.toBeInstanceOf(
        BimmerValidationError,
      );
    }
    await expect(services.triggerChargingProfileUpdate({})).rejects.toBeInstanceOf(BimmerValidationError);
    expect(log).toHaveLength(0);
  });

  it('sends validated charging settings', async () => {
    const { services, log } = await setup();
    await services.triggerChargingSettingsUpdate({ targetSoc: 75, acLimit: 12 }, { refresh: false });
    const post = log.find((r) => r.path.endsWith('/charging-settings'));
    expect(post?.path).toBe('/eadrax-crccs/v1/vehicles/WBA00000000TEST01/charging-settings');
    expect(JSON.parse(post?.body ?? '')).toEqual({ chargingTarget: 75, acLimitValue: 12 });
    await expect(services.triggerChargingSettingsUpdate({ targetSoc: 21 })).rejects.toBeInstanceOf(
      BimmerValidationError,
    );
  });

  it('sends the charging profile with the requested mode and preconditioning', async () => {
    const { services, log } = await setup();
    await services.triggerChargingProfileUpdate({
      chargingMode: 'DELAYED_CHARGING',
      preconditionClimate: false,
    });
    const body = JSON.parse(log.find((r) => r.path.endsWith('/charging-profile'))?.body ?? '{}');
    expect(Object.keys(body).sort()).toEqual([
      'chargingMode',
      'departureTimer',
      'isPreconditionForDepartureActive',
      'servicePack',
    ]);
    expect(body.chargingMode).toMatchObject({
      type: 'TIME_SLOT',
      chargingPreference: 'CHARGING_WINDOW',
      startTimeSlot: '0001-01-01T22:05:00.000',
    });
    expect(body.isPreconditionForDepartureActive).toBe(false);
  });

  it('sends a POI to the gcid URL with numbers as coordinates; 201 without body is EXECUTED', async () => {
    const { services, log, progress } = await setup();
    const result = await services.triggerSendPoi({
      lat: 37.4,
      lon: -121.9,
      name: 'Stadium',
      city: 'Santa Clara',
    });
    expect(result).toMatchObject({ state: 'EXECUTED', eventId: undefined });
    expect(progress).toEqual(['EXECUTED']);
    const post = log[0];
    expect(post?.path).toBe('/eadrax-dcs/v2/user/fake-gcid/send-to-car');
    expect(post?.vin).toBe('WBA00000000TEST01');
    const body = JSON.parse(post?.body ?? '{}');
    expect(body.places[0].position).toEqual({ lat: 37.4, lng: -121.9 });
    expect(body.places[0].address.street).toBeNull();
    expect(body.vehicleInformation).toEqual({ vin: 'WBA00000000TEST01' });
    expect(log).toHaveLength(1);
  });

  it('fetches the vehicle finder position with the observer position and stores it', async () => {
    const { services, log, vehicle } = await setup({}, { observer: { latitude: 1.5, longitude: -0.25 } });
    const result = await services.triggerRemoteVehicleFinder();
    expect(result.position).toMatchObject({ latitude: 48.1, longitude: 11.5, heading: 200 });
    expect(vehicle.snapshot.vehicleLocation?.location).toEqual({ latitude: 48.1, longitude: 11.5 });
    expect(vehicle.snapshot.vehicleLocation?.heading).toBe(200);
    const position = log.find((r) => r.path.endsWith('/eventPosition'));
    expect(position?.query).toEqual({ eventId: 'event-1' });
    expect(position?.headers.get('latitude')).toBe('1.5');
    expect(position?.headers.get('longitude')).toBe('-0.25');
  });

  it('keeps the found position across later refreshes while it is newer than the state', async () => {
    const { services, vehicle } = await setup({}, { observer: { latitude: 1, longitude: 0 } });
    await services.triggerRemoteVehicleFinder();
    await vehicle.getVehicleState(); // the served state still says 50.1/8.6, reported before the finder ran
    expect(vehicle.snapshot.vehicleLocation?.location).toEqual({ latitude: 48.1, longitude: 11.5 });
    expect(vehicle.snapshot.vehicleLocation?.heading).toBe(200);
  });

  it('keeps the vehicle position when the found one is older than the state', async () => {
    const newer = { ...capableEv().state, lastFetched: '2026-12-01T09:00:00Z' };
    const { services, vehicle } = await setup({ state: newer }, { observer: { latitude: 1, longitude: 0 } });
    const result = await services.triggerRemoteVehicleFinder();
    expect(result.position).toMatchObject({ latitude: 48.1, longitude: 11.5 });
    expect(vehicle.snapshot.vehicleLocation?.location).toEqual({ latitude: 50.1, longitude: 8.6 });
    expect(vehicle.snapshot.vehicleLocation?.heading).toBe(90);
  });

  it('runs the vehicle finder without a position request when there is no observer', async () => {
    const { services, log } = await setup();
    const result = await services.triggerRemoteVehicleFinder();
    expect(result.position).toBeUndefined();
    expect(log.some((r) => r.path.endsWith('/eventPosition'))).toBe(false);
  });

  it('reports a failed refresh after an executed command on the result instead of throwing', async () => {
    let commandSent = false;
    const { services, vehicle, log } = await setup(
      {},
      {
        responder: (r) => {
          if (r.path.endsWith('/door-unlock')) commandSent = true;
          return commandSent && r.path === '/eadrax-vcs/v4/vehicles/state'
            ? new Response('busy', { status: 503 })
            : undefined;
        },
      },
    );
    const result = await services.triggerRemoteDoorUnlock();
    expect(result.state).toBe(ExecutionState.EXECUTED);
    expect(result.followUpError).toBeInstanceOf(BimmerApiError);
    expect(result.vehicleState).toBeUndefined();
    expect(vehicle.lastError).toBe(result.followUpError);
    expect(log.filter((r) => r.path.endsWith('/door-unlock'))).toHaveLength(1);
  });

  it('reports a failed vehicle-finder position on the result instead of throwing', async () => {
    const { services } = await setup(
      {},
      {
        observer: { latitude: 1, longitude: 2 },
        responder: (r) => (r.path.endsWith('/eventPosition') ? new Response('', { status: 500 }) : undefined),
      },
    );
    const result = await services.triggerRemoteVehicleFinder();
    expect(result).toMatchObject({ state: 'EXECUTED', eventId: 'event-1' });
    expect(result.position).toBeUndefined();
    expect(result.followUpError).toBeInstanceOf(BimmerApiError);
  });

  it('is also available as a class', async () => {
    const { vehicle } = await fakeVehicle();
    expect(new RemoteServices(vehicle)).toBeInstanceOf(RemoteServices);
  });
});
