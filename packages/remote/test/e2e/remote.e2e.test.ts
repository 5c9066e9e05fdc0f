import {
  BimmerQuotaError,
  BimmerRemoteServiceError,
  BimmerUnsupportedError,
  isRemoteServiceSupported,
  type RemoteServiceName,
} from '@bimmer/core';
import { gcj02ToWgs84 } from '@bimmer/core/internal';
import { MyBMWAccount, type MyBMWVehicle, Regions } from '@bimmer/mybmw';
import { type Simulator, startSimulator } from '@bimmer/simulator';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { type RemoteServiceOptions, type RemoteServiceTransition, remoteServices } from '../../src/index';

const USER = { username: 'remote-e2e@bimmer.test', password: 'Remote-e2e-Pa55word' };
const FAST: RemoteServiceOptions = { pollIntervalMs: 10, refreshDelayMs: 0 };

let sim: Simulator;
let account: MyBMWAccount;

beforeAll(async () => {
  sim = await startSimulator({ port: 0, accounts: [USER] });
});
afterAll(async () => {
  await sim.stop();
});
beforeEach(async () => {
  sim.reset();
  account = new MyBMWAccount({
    ...USER,
    captchaToken: 'any-token',
    region: Regions.REST_OF_WORLD,
    baseUrl: sim.url,
  });
  await account.getVehicles();
});

/** The first vehicle of the fleet that offers `service` (and passes `extra`). */
function vehicleWith(
  service: RemoteServiceName,
  extra: (v: MyBMWVehicle) => boolean = () => true,
): MyBMWVehicle {
  const vehicle = account.vehicles.find((v) => isRemoteServiceSupported(v.snapshot, service) && extra(v));
  if (vehicle === undefined) throw new Error(`The fleet has no vehicle with ${service}.`);
  return vehicle;
}

/** Requests the simulator got for remote commands and polls since the last clear. */
const remoteRequests = () => sim.requests().filter((r) => /eadrax-(vrccs|crccs\/v1|dcs)/.test(r.path));

describe('remote services against the simulator', () => {
  it('runs the README example: light flash on a vehicle found by VIN', async () => {
    const vin = account.vehicles[0]?.vin ?? '';
    const vehicle = account.getVehicle(vin);
    expect(vehicle).toBeDefined();
    if (vehicle === undefined) return;
    expect([vehicle.brand, vehicle.name, vehicle.vin].every((part) => part.length > 0)).toBe(true);
    const result = await remoteServices(vehicle, FAST).triggerRemoteLightFlash();
    expect(result.state).toBe('EXECUTED');
    expect(sim.events().map((e) => [e.service, e.vin])).toEqual([['light-flash', vin]]);
  });

  it('locks and unlocks, and the refreshed state shows it', async () => {
    const vehicle = vehicleWith('doorLock', (v) => isRemoteServiceSupported(v.snapshot, 'doorUnlock'));
    const services = remoteServices(vehicle, FAST);
    const transitions: RemoteServiceTransition[] = [];
    const lock = await services.triggerRemoteDoorLock({ onProgress: (t) => transitions.push(t) });
    expect(lock.state).toBe('EXECUTED');
    expect(lock.eventId).toBe(sim.events()[0]?.eventId);
    expect(transitions.map((t) => t.state)).toEqual(['INITIATED', 'PENDING', 'DELIVERED', 'EXECUTED']);
    expect(lock.transitions).toEqual(transitions);
    expect(vehicle.snapshot.doorsAndWindows?.doorLockState).toBe('LOCKED');
    expect(lock.vehicleState?.state.doorsState).toMatchObject({ combinedSecurityState: 'LOCKED' });
    const unlock = await services.triggerRemoteDoorUnlock();
    expect(unlock.state).toBe('EXECUTED');
    expect(vehicle.snapshot.doorsAndWindows?.doorLockState).toBe('UNLOCKED');
  });

  it('costs one command, one poll per status and one state refresh (plus charging details if any)', async () => {
    const vehicle = vehicleWith('doorLock');
    sim.clearRequests();
    await remoteServices(vehicle, FAST).triggerRemoteDoorLock();
    const paths = sim.requests().map((r) => r.path);
    const polls = paths.filter((p) => p.endsWith('/eventStatus')).length;
    expect(paths.filter((p) => p.endsWith('/door-lock'))).toHaveLength(1);
    expect(polls).toBe(3);
    expect(paths.filter((p) => p === '/eadrax-vcs/v4/vehicles/state')).toHaveLength(1);
    expect(paths.filter((p) => p === '/eadrax-vcs/v5/vehicle-list')).toHaveLength(0);
    const charging = vehicle.chargingSettings === null ? 0 : 1;
    expect(paths).toHaveLength(1 + polls + 1 + charging);
  });

  it('starts and stops climatisation', async () => {
    const vehicle = vehicleWith('climateStart', (v) => isRemoteServiceSupported(v.snapshot, 'climateStop'));
    const services = remoteServices(vehicle, FAST);
    await expect(services.triggerRemoteAirConditioning()).resolves.toMatchObject({ state: 'EXECUTED' });
    expect(['COOLING', 'HEATING']).toContain(vehicle.snapshot.climate?.activity);
    await expect(services.triggerRemoteAirConditioningStop()).resolves.toMatchObject({ state: 'EXECUTED' });
    expect(vehicle.snapshot.climate?.activity).toBe('STANDBY');
    expect(
      remoteRequests()
        .filter((r) => r.path.endsWith('/climate-now'))
        .map((r) => r.query.action),
    ).toEqual(['START', 'STOP']);
  });

  it('stops and starts charging', async () => {
    const vehicle = vehicleWith(
      'chargeStop',
      (v) =>
        isRemoteServiceSupported(v.snapshot, 'chargeStart') &&
        v.snapshot.fuelAndBattery?.chargingStatus === 'CHARGING',
    );
    const services = remoteServices(vehicle, FAST);
    await expect(services.triggerChargeStop()).resolves.toMatchObject({ state: 'EXECUTED' });
    expect(vehicle.snapshot.fuelAndBattery?.chargingStatus).toBe('PLUGGED_IN');
    await expect(services.triggerChargeStart()).resolves.toMatchObject({ state: 'EXECUTED' });
    expect(vehicle.snapshot.fuelAndBattery?.chargingStatus).toBe('CHARGING');
  });

  it('sets target SoC and AC limit', async () => {
    const vehicle = vehicleWith(
      'chargingSettings',
      (v) =>
        v.snapshot.isRemoteSetTargetSocEnabled &&
        (v.snapshot.chargingProfile?.acAvailableLimits?.length ?? 0) > 1,
    );
    const limits = vehicle.snapshot.chargingProfile?.acAvailableLimits ?? [];
    const acLimit = limits.find((limit) => limit !== vehicle.snapshot.chargingProfile?.acCurrentLimit) ?? 0;
    const targetSoc = vehicle.snapshot.fuelAndBattery?.chargingTarget === 55 ? 60 : 55;
    const result = await remoteServices(vehicle, FAST).triggerChargingSettingsUpdate({ targetSoc, acLimit });
    expect(result.state).toBe('EXECUTED');
    expect(vehicle.snapshot.fuelAndBattery?.chargingTarget).toBe(targetSoc);
    expect(vehicle.snapshot.chargingProfile?.acCurrentLimit).toBe(acLimit);
  });

  it('changes the charging mode and preconditioning', async () => {
    const vehicle = vehicleWith(
      'chargingProfile',
      (v) => v.snapshot.chargingProfile?.timerType !== 'UNKNOWN',
    );
    const services = remoteServices(vehicle, FAST);
    const delayed = await services.triggerChargingProfileUpdate({
      chargingMode: 'DELAYED_CHARGING',
      preconditionClimate: true,
    });
    expect(delayed.state).toBe('EXECUTED');
    expect(vehicle.snapshot.chargingProfile?.chargingMode).toBe('DELAYED_CHARGING');
    expect(vehicle.snapshot.chargingProfile?.isPreEntryClimatizationEnabled).toBe(true);
    await services.triggerChargingProfileUpdate({
      chargingMode: 'IMMEDIATE_CHARGING',
      preconditionClimate: false,
    });
    expect(vehicle.snapshot.chargingProfile?.chargingMode).toBe('IMMEDIATE_CHARGING');
    expect(vehicle.snapshot.chargingProfile?.isPreEntryClimatizationEnabled).toBe(false);
  });

  it('blows the horn and finds the vehicle at the position the server reports', async () => {
    const vehicle = vehicleWith('horn');
    const services = remoteServices(vehicle, FAST);
    await expect(services.triggerRemoteHorn()).resolves.toMatchObject({ state: 'EXECUTED' });
    account.setObserverPosition(48.2, 11.6);
    const found = await services.triggerRemoteVehicleFinder();
    expect(found.state).toBe('EXECUTED');
    const served = sim.events().find((e) => e.service === 'vehicle-finder')?.position;
    expect(found.position).toMatchObject({ latitude: served?.latitude, longitude: served?.longitude });
    expect(vehicle.snapshot.vehicleLocation?.location).toEqual({
      latitude: served?.latitude,
      longitude: served?.longitude,
    });
    const request = sim.requests().find((r) => r.path.endsWith('/eventPosition'));
    expect([request?.headers.latitude, request?.headers.longitude]).toEqual(['48.2', '11.6']);
  });

  it('in China, converts the vehicle-finder position from GCJ-02 and keeps the raw one on the result', async () => {
    const china = new MyBMWAccount({ ...USER, region: Regions.CHINA, baseUrl: sim.url });
    const vehicles = await china.getVehicles();
    // A vehicle parked in China, where GCJ-02 and WGS-84 differ.
    const vehicle = vehicles.find((v) => {
      const served = (sim.state(v.vin) as { state: { location?: { coordinates?: { longitude: number } } } })
        .state.location?.coordinates;
      return served !== undefined && served.longitude > 73 && served.longitude < 135;
    });
    if (vehicle === undefined) throw new Error('The fleet has no vehicle in China.');
    china.setObserverPosition(31.2, 121.4);
    const found = await remoteServices(vehicle, FAST).triggerRemoteVehicleFinder();
    const served = sim.events().find((e) => e.service === 'vehicle-finder')?.position;
    if (served === undefined) throw new Error('The simulator served no position.');
    expect(found.position).toMatchObject({ latitude: served.latitude, longitude: served.longitude });
    const expected = gcj02ToWgs84(served);
    expect(vehicle.vehicleLocation?.location?.latitude).toBeCloseTo(expected.latitude, 9);
    expect(vehicle.vehicleLocation?.location?.longitude).toBeCloseTo(expected.longitude, 9);
    expect(Math.abs(expected.longitude - served.longitude)).toBeGreaterThan(1e-4);
    const request = sim.requests().find((r) => r.path.endsWith('/vehicle-finder'));
    expect(request?.headers['x-user-agent']).toMatch(/;cn$/);
  });

  it('sends a POI the server stores with numeric coordinates', async () => {
    const vehicle = vehicleWith('sendPoi');
    const result = await remoteServices(vehicle, FAST).triggerSendPoi({
      lat: 52.5163,
      lon: 13.3777,
      name: 'Gate',
      street: 'Pariser Platz',
      city: 'Berlin',
    });
    expect(result).toMatchObject({ state: 'EXECUTED', eventId: undefined });
    const [sent] = sim.sentPois(vehicle.vin);
    expect(JSON.stringify(sent)).toContain('Pariser Platz');
    expect(JSON.stringify(sent)).not.toContain('"None"');
  });

  it('throws BimmerRemoteServiceError when the event ends in ERROR', async () => {
    sim.setRemoteServices({ outcome: 'ERROR' });
    const vehicle = vehicleWith('lightFlash');
    const error = (await remoteServices(vehicle, FAST)
      .triggerRemoteLightFlash()
      .catch((e: unknown) => e)) as BimmerRemoteServiceError;
    expect(error).toBeInstanceOf(BimmerRemoteServiceError);
    expect(error.state).toBe('ERROR');
    expect(error.eventId).toBe(sim.events()[0]?.eventId);
  });

  it('times out a stalled event with its last state', async () => {
    sim.setRemoteServices({ outcome: 'STALL' });
    const vehicle = vehicleWith('horn');
    const error = (await remoteServices(vehicle, { ...FAST, pollTimeoutMs: 80 })
      .triggerRemoteHorn()
      .catch((e: unknown) => e)) as BimmerRemoteServiceError;
    expect(error).toBeInstanceOf(BimmerRemoteServiceError);
    expect(error.state).toBe('PENDING');
  });

  it('refuses unsupported services before any request', async () => {
    const vehicle = account.vehicles.find((v) => !isRemoteServiceSupported(v.snapshot, 'climateStart'));
    expect(vehicle).toBeDefined();
    if (vehicle === undefined) return;
    sim.clearRequests();
    const services = remoteServices(vehicle, FAST);
    await expect(services.triggerRemoteAirConditioning()).rejects.toBeInstanceOf(BimmerUnsupportedError);
    await expect(services.triggerChargeStart()).rejects.toBeInstanceOf(BimmerUnsupportedError);
    await expect(services.triggerChargingSettingsUpdate({ targetSoc: 80 })).rejects.toBeInstanceOf(
      BimmerUnsupportedError,
    );
    expect(sim.requests()).toHaveLength(0);
  });

  it('never resends a command the server answered with 429', async () => {
    sim.addFault('429@/eadrax-vrccs/v4/presentation/remote-commands/light-flash');
    const vehicle = vehicleWith('lightFlash');
    sim.clearRequests();
    await expect(remoteServices(vehicle, FAST).triggerRemoteLightFlash()).rejects.toBeInstanceOf(
      BimmerQuotaError,
    );
    expect(sim.requests()).toHaveLength(1);
    expect(sim.events()).toHaveLength(0);
  });
});
