import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { MyBMWAuthenticator } from '@bimmer/auth';
import { vehicleToJSON } from '@bimmer/core';
import {
  AnonymizationContext,
  anonymize,
  type CapturedResponse,
  createFingerprintRecorder,
  PLACEHOLDERS,
  type WrittenFingerprint,
  writeFingerprint,
} from '@bimmer/fingerprint';
import { MyBMWAccount } from '@bimmer/mybmw';
import { type Simulator, startSimulator } from '@bimmer/simulator';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

/** The recorded owner: distinctive values, so finding them in a file means they leaked. */
const OWNER = {
  username: 'jane.roe@mail.example.org',
  password: 'Correct-Horse-Battery-9172',
  captchaToken: 'P1_round-trip-captcha-5e2c',
};
/** The replay serves the fingerprint to the simulator's demo account. */
const DEMO = { username: 'demo@bimmer.dev', password: 'bimmer-demo', captchaToken: 'x' };

/** Both fetches run at the same instant, so times derived from "now" (climate end times) agree. */
const NOW = new Date('2026-12-01T08:00:00Z');

type VehicleJSON = ReturnType<typeof vehicleToJSON>;
type Credentials = typeof OWNER;

/**
 * Logs in to `simulator` and loads every vehicle, handing each response to `onResponse`. Returns the
 * vehicles and the session's secrets (tokens, session id).
 */
async function fetchFleet(
  simulator: Simulator,
  credentials: Credentials,
  onResponse: (response: CapturedResponse) => void,
): Promise<{ vehicles: VehicleJSON[]; secrets: string[] }> {
  const account = new MyBMWAccount({
    ...credentials,
    region: 'rest_of_world',
    baseUrl: simulator.url,
    onResponse,
    now: () => NOW,
  });
  const vehicles = await account.getVehicles();
  const authenticator = account.authenticator;
  const tokens = authenticator instanceof MyBMWAuthenticator ? authenticator.tokens : undefined;
  const secrets = [tokens?.accessToken, tokens?.refreshToken, authenticator.sessionId];
  return {
    vehicles: vehicles.map((vehicle) => vehicleToJSON(vehicle.snapshot)),
    secrets: secrets.filter((secret): secret is string => secret !== undefined && secret.length > 0),
  };
}

/** The per-vehicle JSON responses (profile, state, charging settings), keyed by path and VIN header. */
function vehicleDocuments(responses: readonly CapturedResponse[]): Map<string, unknown> {
  const documents = new Map<string, unknown>();
  for (const response of responses) {
    if (response.vinHeader === undefined || typeof response.body !== 'string') continue;
    documents.set(documentKey(response.path, response.vinHeader), JSON.parse(response.body));
  }
  return documents;
}

function documentKey(path: string, vin: string): string {
  return `${path} ${vin.toUpperCase()}`;
}

/** What a vehicle should look like after the round trip: its VIN and position replaced, nothing else. */
function anonymisedView(vehicle: VehicleJSON, vinMap: AnonymizationContext): VehicleJSON {
  const location = vehicle.vehicleLocation;
  return {
    ...vehicle,
    vin: vinMap.vin(vehicle.vin),
    ...(location === undefined
      ? {}
      : {
          vehicleLocation: {
            ...location,
            ...(location.location === undefined
              ? {}
              : { location: { latitude: PLACEHOLDERS.latitude, longitude: PLACEHOLDERS.longitude } }),
            ...(location.heading === undefined ? {} : { heading: PLACEHOLDERS.heading }),
          },
        }),
  };
}

describe('fingerprint round trip: record the fleet, anonymise, replay it in the simulator', () => {
  let original: Simulator;
  let replay: Simulator;
  let directory: string;
  const vinMap = new AnonymizationContext();
  const recorded = createFingerprintRecorder();
  const replayed = createFingerprintRecorder();
  let before: VehicleJSON[];
  let sessionSecrets: string[];
  let after: VehicleJSON[];
  let written: WrittenFingerprint;

  beforeAll(async () => {
    original = await startSimulator({
      port: 0,
      accounts: [{ username: OWNER.username, password: OWNER.password }],
    });
    directory = await mkdtemp(join(tmpdir(), 'bimmer-roundtrip-'));
    ({ vehicles: before, secrets: sessionSecrets } = await fetchFleet(original, OWNER, recorded.onResponse));
    written = await writeFingerprint(directory, recorded.responses, { vinMap });
    replay = await startSimulator({ port: 0, fingerprints: [directory] });
    ({ vehicles: after } = await fetchFleet(replay, DEMO, replayed.onResponse));
  });
  afterAll(async () => {
    await original?.stop();
    await replay?.stop();
    await rm(directory, { recursive: true, force: true });
  });

  it('keeps and writes every response of a fleet larger than the reference store of 10', () => {
    expect(before.length).toBe(original.vins().length);
    expect(recorded.responses.length).toBeGreaterThan(10);
    expect(written.files).toHaveLength(recorded.responses.length);
    expect(written.skipped).toEqual([]);
    expect(replay.vins()).toEqual(
      original
        .vins()
        .map((vin) => vinMap.vin(vin))
        .sort(),
    );
  });

  it('serves every vehicle response back as its anonymised original', () => {
    const originals = vehicleDocuments(recorded.responses);
    const served = vehicleDocuments(replayed.responses);
    expect(served.size).toBe(originals.size);
    for (const [key, document] of originals) {
      const [path = '', vin = ''] = key.split(' ');
      expect(served.get(documentKey(path, vinMap.vin(vin))), key).toEqual(anonymize(document, { vinMap }));
    }
  });

  it('parses into the same vehicles, except the VINs and positions', () => {
    const replayedByVin = new Map(after.map((vehicle) => [vehicle.vin, vehicle]));
    expect(replayedByVin.size).toBe(before.length);
    for (const vehicle of before) {
      expect(replayedByVin.get(vinMap.vin(vehicle.vin)), vehicle.vin).toEqual(
        anonymisedView(vehicle, vinMap),
      );
    }
  });

  it('writes no VIN, position, credential, token or account id', async () => {
    expect(sessionSecrets.length).toBeGreaterThanOrEqual(2);
    const secrets = [
      ...original.vins(),
      ...original.accounts.map((account) => account.gcid),
      ...Object.values(OWNER),
      ...sessionSecrets,
      ...before.flatMap((vehicle) => {
        const position = vehicle.vehicleLocation?.location;
        return position === undefined ? [] : [String(position.latitude), String(position.longitude)];
      }),
    ].map((secret) => secret.toLowerCase());
    expect(secrets.length).toBeGreaterThan(original.vins().length + 5);
    const names = await readdir(directory);
    expect(names.sort()).toEqual(written.files.map((file) => file.fileName).sort());
    for (const name of names) {
      const content = `${name}\n${await readFile(join(directory, name), 'utf8')}`.toLowerCase();
      for (const secret of secrets) expect(content, name).not.toContain(secret);
      expect(content, name).not.toMatch(/eyj[a-z0-9_-]+\.[a-z0-9_-]+\./);
    }
  });
});
