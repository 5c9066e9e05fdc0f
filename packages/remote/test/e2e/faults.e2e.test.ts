/**
 * Remote services under faults, against the simulator over real HTTP: a command is sent exactly once
 * whatever happens to its answer (and the error then says that its outcome is unknown), and the
 * event-status polling survives transient faults. Counts come from the simulator's request log and
 * its list of triggered events.
 */
import { BimmerRemoteServiceError, isRemoteServiceSupported, type RemoteServiceName } from '@bimmer/core';
import { MyBMWAccount, type MyBMWVehicle, Regions } from '@bimmer/mybmw';
import { type Simulator, startSimulator } from '@bimmer/simulator';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { type RemoteServiceOptions, remoteServices } from '../../src/index';

const USER = { username: 'remote-faults@bimmer.test', password: 'Remote-faults-Pa55word' };
const FAST: RemoteServiceOptions = { pollIntervalMs: 10, refreshDelayMs: 0, refresh: false };
const LIGHT_FLASH = '/eadrax-vrccs/v4/presentation/remote-commands/light-flash';
const DOOR_LOCK = '/eadrax-vrccs/v4/presentation/remote-commands/door-lock';
const EVENT_STATUS = '/eadrax-vrccs/v3/presentation/remote-commands/eventStatus';

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
    sleep: async () => {},
  });
  await account.getVehicles();
  sim.clearRequests();
});

function vehicleWith(service: RemoteServiceName): MyBMWVehicle {
  const vehicle = account.vehicles.find((v) => isRemoteServiceSupported(v.snapshot, service));
  if (vehicle === undefined) throw new Error(`The fleet has no vehicle with ${service}.`);
  return vehicle;
}

const sent = (path: string) => sim.requests().filter((r) => r.path === path);
const failure = (promise: Promise<unknown>) =>
  promise.then(
    () => undefined,
    (error: unknown) => error as BimmerRemoteServiceError,
  );

describe('a remote command is sent exactly once', () => {
  it.each([
    ['500', 'BMW failed (HTTP 500)', 0],
    ['drop', 'no answer arrived', 0],
    ['truncated', 'broke off before its end', 1],
    ['malformed', 'was not readable', 0],
  ])('after a %s its outcome is unknown, and it is not sent again', async (kind, reason, executed) => {
    sim.addFault(`${kind}@${LIGHT_FLASH}*1`);
    const error = await failure(remoteServices(vehicleWith('lightFlash'), FAST).triggerRemoteLightFlash());
    expect(error).toBeInstanceOf(BimmerRemoteServiceError);
    expect(error?.state).toBe('UNKNOWN');
    expect(error?.message).toContain('may or may not have reached the vehicle');
    expect(error?.message).toContain(reason);
    expect(error?.hint).toContain('before sending the command again');
    expect(sent(LIGHT_FLASH)).toHaveLength(1);
    // A cut-off answer came from a command the simulator executed: "unknown" is the truth.
    expect(sim.events()).toHaveLength(executed);
  });

  it('after a 401 it renews the token for the next command but does not resend this one', async () => {
    sim.addFault(`401@${DOOR_LOCK}*1`);
    const vehicle = vehicleWith('doorLock');
    const error = await failure(remoteServices(vehicle, FAST).triggerRemoteDoorLock());
    expect(error?.state).toBe('UNKNOWN');
    expect(error?.message).toContain('HTTP 401; the token was renewed');
    expect(sent(DOOR_LOCK)).toHaveLength(1);
    expect(sent('/gcdm/oauth/token')).toHaveLength(1);
    expect(sent('/gcdm/oauth/authenticate')).toHaveLength(0);

    // The renewed token works for the next command: no further login.
    const result = await remoteServices(vehicle, FAST).triggerRemoteDoorLock();
    expect(result.state).toBe('EXECUTED');
    expect(sent(DOOR_LOCK)).toHaveLength(2);
    expect(sent('/gcdm/oauth/token')).toHaveLength(1);
  });
});

describe('event-status polling', () => {
  it.each([
    ['500', `500@${EVENT_STATUS}*4`],
    ['drop', `drop@${EVENT_STATUS}*2`],
    ['truncated', `truncated@${EVENT_STATUS}*2`],
    ['malformed', `malformed@${EVENT_STATUS}*2`],
  ])('survives a transient %s and ends with BMW’s final state', async (_, fault) => {
    sim.addFault(fault);
    const result = await remoteServices(vehicleWith('lightFlash'), FAST).triggerRemoteLightFlash();
    expect(result.state).toBe('EXECUTED');
    expect(sent(LIGHT_FLASH)).toHaveLength(1);
    expect(sim.events()).toHaveLength(1);
  });

  it('reports a failure only at the deadline, saying that the vehicle may still have executed it', async () => {
    sim.addFault(`500@${EVENT_STATUS}`);
    const error = await failure(
      remoteServices(vehicleWith('lightFlash'), { ...FAST, pollTimeoutMs: 100 }).triggerRemoteLightFlash(),
    );
    expect(error).toBeInstanceOf(BimmerRemoteServiceError);
    expect(error?.eventId).toBe(sim.events()[0]?.eventId);
    expect(error?.message).toContain('No final status for the light-flash command');
    expect(error?.message).toContain('The vehicle may still have executed it');
    expect(sent(LIGHT_FLASH)).toHaveLength(1);
    expect(sent(EVENT_STATUS).length).toBeGreaterThanOrEqual(3);
  });

  it('reports BMW’s ERROR as a failure', async () => {
    sim.setRemoteServices({ outcome: 'ERROR' });
    const error = await failure(remoteServices(vehicleWith('lightFlash'), FAST).triggerRemoteLightFlash());
    expect(error?.state).toBe('ERROR');
    expect(error?.message).toContain('BMW reports that the light-flash command failed');
  });
});
