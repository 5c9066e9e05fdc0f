import { describe, expect, it } from 'vitest';
import { CAPTCHA, DEMO, secretsIn, useSimulator } from './helpers/simulator-setup';

type VehicleJson = Record<string, unknown> & {
  vin: string;
  fuelAndBattery?: { isChargerConnected?: boolean; chargingStatus?: string };
  doorsAndWindows?: { doorLockState?: string };
};

const FAST = ['--poll-interval', '0.02', '--timeout', '10'];

/** The charging-details read a vehicle with charging settings adds to its state read (zero or one). */
const chargingReads = (reads: readonly { path: string }[]) =>
  reads.filter((read) => read.path.startsWith('/eadrax-crccs/')).map((read) => read.path);

describe('remote services', () => {
  const harness = useSimulator();
  let fleet: VehicleJson[] | undefined;

  async function vehicles(): Promise<VehicleJson[]> {
    if (fleet === undefined) {
      const run = await harness.run(['status', '--json']);
      expect(run.code, run.stderr).toBe(0);
      fleet = JSON.parse(run.stdout) as VehicleJson[];
    }
    return fleet;
  }

  async function vinWhere(predicate: (vehicle: VehicleJson) => boolean): Promise<string> {
    const vehicle = (await vehicles()).find(predicate);
    if (vehicle === undefined) throw new Error('the fleet has no vehicle for this test');
    return vehicle.vin;
  }

  async function statusOf(vin: string): Promise<VehicleJson> {
    const run = await harness.run(['status', '--json', '--vin', vin]);
    expect(run.code, run.stderr).toBe(0);
    return JSON.parse(run.stdout) as VehicleJson;
  }

  it('flashes the lights, showing PENDING, DELIVERED and EXECUTED on stderr', async () => {
    const vin = await vinWhere((vehicle) => vehicle.isRemoteLightsEnabled === true);
    const run = await harness.run(['lightflash', vin, ...FAST]);
    expect(run.code, run.stderr).toBe(0);
    expect(run.stdout).toBe('EXECUTED\n');
    const states = run.stderr
      .split('\n')
      .map((line) => line.match(/: ([A-Z]+)$/)?.[1])
      .filter(Boolean);
    expect(states).toEqual(expect.arrayContaining(['PENDING', 'DELIVERED', 'EXECUTED']));
    expect(states.indexOf('PENDING')).toBeLessThan(states.indexOf('DELIVERED'));
    expect(run.stderr).toMatch(/✔ Light flash on .*: EXECUTED in \d+\.\d s/);
    expect(harness.sim.events().map((event) => event.service)).toEqual(['light-flash']);
    expect(secretsIn(run, [DEMO.password, CAPTCHA])).toEqual([]);
  });

  it('loads only the vehicle it commands: the three lists, its profile and its state', async () => {
    const vin = await vinWhere((vehicle) => vehicle.isRemoteLightsEnabled === true);
    harness.sim.clearRequests();
    const run = await harness.run(['lightflash', vin, ...FAST]);
    expect(run.code, run.stderr).toBe(0);
    const requests = harness.sim.requests();
    const firstCommand = requests.findIndex((request) => request.path.startsWith('/eadrax-vrccs/'));
    // The vehicle reads before the command (the login's requests aside).
    const reads = requests
      .slice(0, firstCommand)
      .filter((request) => /^\/eadrax-(vcs|crccs)\//.test(request.path))
      .map((request) => ({ path: request.path, vin: request.headers['bmw-vin'] }));
    expect(reads.filter((read) => read.path === '/eadrax-vcs/v5/vehicle-list')).toHaveLength(3);
    const perVehicle = reads.filter((read) => read.path !== '/eadrax-vcs/v5/vehicle-list');
    expect(perVehicle.map((read) => read.path).sort()).toEqual(
      [
        '/eadrax-vcs/v4/vehicles/state',
        '/eadrax-vcs/v5/vehicle-data/profile',
        ...chargingReads(perVehicle),
      ].sort(),
    );
    expect(new Set(perVehicle.map((read) => read.vin))).toEqual(new Set([vin]));
    expect(harness.sim.vins().length).toBeGreaterThan(1);
  });

  it('never takes a failed vehicle list for "not found": it asks for the vehicle itself, or says it cannot tell', async () => {
    const vin = await vinWhere((vehicle) => vehicle.isRemoteLightsEnabled === true);
    // Every brand's list fails, retries included: the vehicle's own profile shows it is on the account.
    harness.sim.addFault('500@/eadrax-vcs/v5/vehicle-list');
    const listed = await harness.run(['lightflash', vin, ...FAST]);
    expect(listed.code, listed.stderr).toBe(0);
    expect(listed.stderr).not.toContain('not on this');
    expect(harness.sim.events().map((event) => event.service)).toEqual(['light-flash']);

    // The profile fails too: nobody can tell, so it is neither "not found" (8) nor sent.
    harness.sim.addFault('500@/eadrax-vcs/v5/vehicle-data/profile');
    const unknown = await harness.run(['lightflash', vin, ...FAST]);
    expect(unknown.code, unknown.stderr).toBe(1);
    expect(unknown.stderr).toContain(`Could not tell whether ${vin} is on this account`);
    expect(unknown.stderr).not.toMatch(/not on this|Could not find/);
    expect(harness.sim.events()).toHaveLength(1);
  });

  it('prints the result as JSON with --json', async () => {
    const vin = await vinWhere((vehicle) => vehicle.isRemoteHornEnabled === true);
    const run = await harness.run(['horn', vin, '--json', ...FAST]);
    expect(run.code, run.stderr).toBe(0);
    const result = JSON.parse(run.stdout) as {
      service: string;
      state: string;
      eventId: string;
      transitions: Array<{ state: string }>;
    };
    expect(result).toMatchObject({ service: 'horn-blow', state: 'EXECUTED' });
    expect(result.eventId).toBe(harness.sim.events()[0]?.eventId);
    expect(result.transitions.at(-1)?.state).toBe('EXECUTED');
  });

  it('locks and unlocks, and the next status shows it', async () => {
    const vin = await vinWhere(
      (vehicle) => vehicle.isRemoteLockEnabled === true && vehicle.isRemoteUnlockEnabled === true,
    );
    const unlock = await harness.run(['unlock', vin, ...FAST]);
    expect(unlock.code, unlock.stderr).toBe(0);
    expect((await statusOf(vin)).doorsAndWindows?.doorLockState).toBe('UNLOCKED');
    const lock = await harness.run(['lock', vin, ...FAST]);
    expect(lock.code, lock.stderr).toBe(0);
    expect((await statusOf(vin)).doorsAndWindows?.doorLockState).toBe('LOCKED');
  });

  it('starts and stops climate control', async () => {
    const vin = await vinWhere((vehicle) => vehicle.isRemoteClimateStartEnabled === true);
    const start = await harness.run(['climate', vin, 'start', ...FAST]);
    expect(start.code, start.stderr).toBe(0);
    expect((await statusOf(vin)).climate).toMatchObject({ isClimateOn: true });
    const stop = await harness.run(['climate', vin, 'stop', ...FAST]);
    expect(stop.code, stop.stderr).toBe(0);
    expect((await statusOf(vin)).climate).toMatchObject({ isClimateOn: false });
  });

  it('stops charging, ignores a second stop (exit 7), and starts again', async () => {
    const vin = await vinWhere(
      (vehicle) =>
        vehicle.isRemoteChargeStartEnabled === true &&
        vehicle.isRemoteChargeStopEnabled === true &&
        vehicle.fuelAndBattery?.chargingStatus === 'CHARGING',
    );
    const stop = await harness.run(['charge', vin, 'stop', ...FAST]);
    expect(stop.code, stop.stderr).toBe(0);
    expect((await statusOf(vin)).fuelAndBattery?.chargingStatus).not.toBe('CHARGING');

    const again = await harness.run(['charge', vin, 'stop', ...FAST]);
    expect(again.code, again.stderr).toBe(7);
    expect(again.stdout).toBe('IGNORED\n');
    expect(again.stderr).toMatch(/not charging/i);

    const start = await harness.run(['charge', vin, 'start', ...FAST]);
    expect(start.code, start.stderr).toBe(0);
    expect((await statusOf(vin)).fuelAndBattery?.chargingStatus).toBe('CHARGING');
    expect(harness.sim.events().map((event) => event.service)).toEqual(['stop-charging', 'start-charging']);
  });

  it('finds the vehicle near the observer and prints its position', async () => {
    const vin = (await vehicles())[0]?.vin ?? '';
    const run = await harness.run(['vehiclefinder', vin, '48.177', '11.556', ...FAST]);
    expect(run.code, run.stderr).toBe(0);
    expect(run.stdout).toMatch(/^EXECUTED\nPosition: -?\d+(\.\d+)?, -?\d+(\.\d+)?/);

    const blind = await harness.run(['vehiclefinder', vin, ...FAST]);
    expect(blind.code, blind.stderr).toBe(0);
    expect(blind.stdout).toBe('EXECUTED\n');
    expect(blind.stderr).toContain('No position');
  });

  it('sets charging settings and the charging profile', async () => {
    const vin = await vinWhere(
      (vehicle) => vehicle.isRemoteSetTargetSocEnabled === true && vehicle.isChargingPlanSupported === true,
    );
    const settings = await harness.run(['chargingsettings', vin, '--target-soc', '85', ...FAST]);
    expect(settings.code, settings.stderr).toBe(0);
    expect((await statusOf(vin)).fuelAndBattery).toMatchObject({ chargingTarget: 85 });
    const profile = await harness.run([
      'chargingprofile',
      vin,
      '--charging-mode',
      'immediate_charging',
      '--precondition-climate',
      'false',
      ...FAST,
    ]);
    expect(profile.code, profile.stderr).toBe(0);
    expect((await statusOf(vin)).chargingProfile).toMatchObject({
      chargingMode: 'IMMEDIATE_CHARGING',
      isPreEntryClimatizationEnabled: false,
    });
  });

  it('rejects invalid charging values before sending anything', async () => {
    const vin = await vinWhere((vehicle) => vehicle.isRemoteSetTargetSocEnabled === true);
    harness.sim.clearRequests();
    const run = await harness.run(['chargingsettings', vin, '--target-soc', '83', ...FAST]);
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/20 to 100 in steps of 5/);
    expect(harness.sim.events()).toEqual([]);
    const none = await harness.run(['chargingsettings', vin]);
    expect(none.code).toBe(2);
    expect(none.stderr).toContain('Give --target-soc, --ac-limit or both.');
  });

  it('sends a POI with its address, coordinates as numbers', async () => {
    const vin = await vinWhere((vehicle) => vehicle.isRemoteSendpoiEnabled === true);
    const run = await harness.run([
      'sendpoi',
      vin,
      '48.1771',
      '11.5562',
      '--name',
      'BMW Welt',
      '--street',
      'Am Olympiapark 1',
      '--city',
      'München',
      '--postalcode',
      '80809',
      '--country',
      'Germany',
      ...FAST,
    ]);
    expect(run.code, run.stderr).toBe(0);
    const [poi] = harness.sim.sentPois(vin);
    expect(JSON.stringify(poi)).toContain('BMW Welt');
    expect(JSON.stringify(poi)).toContain('80809');
    expect(JSON.stringify(poi)).not.toContain('"None"');
  });

  it('looks an address up with the geocoder of the --base-url server and sends it', async () => {
    const vin = await vinWhere((vehicle) => vehicle.isRemoteSendpoiEnabled === true);
    harness.sim.clearRequests();
    const run = await harness.run(['sendpoi_from_address', vin, '-a', 'BMW', 'Welt', 'Munich', ...FAST]);
    expect(run.code, run.stderr).toBe(0);
    expect(harness.sim.requests().some((request) => request.path === '/search')).toBe(true);
    expect(run.stderr).toContain('Found');
    const sent = JSON.stringify(harness.sim.sentPois(vin));
    expect(sent).toMatch(/"lat":48\.17/);
    expect(sent).toContain('München');
  });

  it('exits 8 when the geocoder finds nothing', async () => {
    const vin = (await vehicles())[0]?.vin ?? '';
    const run = await harness.run([
      'sendpoi_from_address',
      vin,
      '-a',
      'Nowhere',
      'at',
      'all',
      '--geocoder-url',
      harness.sim.url,
      ...FAST,
    ]);
    expect(run.code, run.stderr).toBe(8);
    expect(run.stderr).toContain('Address not found');
  });

  it('takes a base URL with --geocoder-url and rejects one that is not http(s) before any request', async () => {
    const vin = (await vehicles())[0]?.vin ?? '';
    harness.sim.clearRequests();
    const bad = await harness.run([
      'sendpoi_from_address',
      vin,
      '-a',
      'BMW',
      'Welt',
      '--geocoder-url',
      'ftp://x',
    ]);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain('--geocoder-url must be a http: or https: URL');
    expect(harness.sim.requests()).toEqual([]);
  });

  it('exits 9 for a service the vehicle does not support, before sending it', async () => {
    const vin = await vinWhere((vehicle) => vehicle.isRemoteChargeStartEnabled === false);
    const run = await harness.run(['charge', vin, 'start', ...FAST]);
    expect(run.code, run.stderr).toBe(9);
    expect(harness.sim.events()).toEqual([]);
  });

  it('exits 7 when the command ends in ERROR', async () => {
    harness.sim.setRemoteServices({ outcome: 'ERROR' });
    const vin = await vinWhere((vehicle) => vehicle.isRemoteLightsEnabled === true);
    const run = await harness.run(['lightflash', vin, ...FAST]);
    expect(run.code, run.stderr).toBe(7);
    expect(run.stdout).toBe('');
    expect(run.stderr).toMatch(/✖ Light flash on .*: failed/);
  });

  it('exits 7 when the command does not finish in time', async () => {
    harness.sim.setRemoteServices({ outcome: 'STALL' });
    const vin = await vinWhere((vehicle) => vehicle.isRemoteLightsEnabled === true);
    const run = await harness.run(['lightflash', vin, '--poll-interval', '0.02', '--timeout', '0.2']);
    expect(run.code, run.stderr).toBe(7);
    expect(run.stderr).toMatch(/PENDING/);
  });

  it('exits 8 for a VIN that is not on the account', async () => {
    const run = await harness.run(['horn', 'WBA00000000NOSUCH', ...FAST]);
    expect(run.code).toBe(8);
    expect(harness.sim.events()).toEqual([]);
  });

  it('exits 2 for a bad action or coordinate, before logging in', async () => {
    const vin = (await vehicles())[0]?.vin ?? '';
    harness.sim.clearRequests();
    const badAction = await harness.run(['charge', vin, 'go']);
    expect(badAction.code).toBe(2);
    expect(badAction.stderr).toContain('action must be one of start, stop');
    const badLatitude = await harness.run(['sendpoi', vin, 'north', '11.5']);
    expect(badLatitude.code).toBe(2);
    const oneCoordinate = await harness.run(['vehiclefinder', vin, '48.1']);
    expect(oneCoordinate.code).toBe(2);
    expect(harness.sim.requests()).toEqual([]);
  });

  it('accepts the bimmer_connected positional form for remote commands', async () => {
    const vin = await vinWhere((vehicle) => vehicle.isRemoteLightsEnabled === true);
    const { runBimmer } = await import('./helpers/run-bimmer');
    const run = await runBimmer(
      [
        'lightflash',
        DEMO.username,
        DEMO.password,
        'rest_of_world',
        vin,
        '--base-url',
        harness.sim.url,
        '--no-token-store',
        '--captcha-token',
        CAPTCHA,
        ...FAST,
      ],
      { env: harness.home.env() },
    );
    expect(run.code, run.stderr).toBe(0);
    expect(run.stdout).toBe('EXECUTED\n');
  });
});
