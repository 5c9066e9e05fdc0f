import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import {
  isCarDataTokens,
  loginWithCarDataDeviceCode,
  MemoryTokenStore,
  refreshCarDataTokens,
} from '@bimmer/auth';
import {
  CARDATA_DESCRIPTORS,
  parseStreamMessage,
  summarizeTyreDiagnosis,
  type TelematicDataEntryDto,
  toVehicleSnapshot,
  type VehicleBasicDataDto,
  VehicleTelemetry,
} from '@bimmer/cardata';
import { carDataErrorFromResponse } from '@bimmer/cardata/internal';
import { describe, expect, it } from 'vitest';

/** BMW CarData samples of the shared reference (read in place, never copied). */
const SAMPLES = new URL('../../../../shared/reference/cardata/samples/', import.meta.url);
const CATALOGUE = new URL('../../../../shared/reference/cardata/telematic-catalogue.json', import.meta.url);

async function sample<T = unknown>(name: string): Promise<T> {
  return JSON.parse(await readFile(new URL(name, SAMPLES), 'utf8')) as T;
}

function jsonResponse(status: number, body: unknown): Response {
  return new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json' } });
}

const ABSENT = 'skipped when the reference data at ../shared/reference/cardata is absent';
describe.skipIf(!existsSync(SAMPLES))(`CarData reference samples (${ABSENT})`, () => {
  it('maps the real stream messages: enum value and mileage with unit', async () => {
    const telemetry = new VehicleTelemetry('WBA00000000CDATA1');
    for (const name of [
      'mqtt-stream-message-enum-value.json',
      'mqtt-stream-message-numeric-with-unit.json',
    ]) {
      const result = parseStreamMessage(JSON.stringify(await sample(name)), 'WBA00000000CDATA1');
      if (!result.ok) throw new Error(result.reason);
      telemetry.mergeStream(result.message.data);
    }
    expect(telemetry.get('vehicle.powertrain.electric.battery.charging.preferenceSmartCharging')).toEqual({
      value: 'PRICE_OPTIMIZED',
      unit: undefined,
      timestamp: Date.parse('2025-10-01T10:12:39Z'),
      source: 'stream',
    });
    const snapshot = toVehicleSnapshot({
      vin: telemetry.vin,
      basicData: undefined,
      telemetry,
      fetchedAt: new Date(),
    });
    expect(snapshot.mileage).toEqual({ value: 87897, unit: 'km' });
    expect(snapshot.fieldTimes.mileage).toMatchObject({
      at: new Date('2025-10-18T19:09:04Z'),
      channel: 'stream',
    });
  });

  it('maps the real REST telematic data and basic data of a petrol X1', async () => {
    const { telematicData } = await sample<{ telematicData: Record<string, TelematicDataEntryDto> }>(
      'rest-telematicdata-ice-service-and-tyres.json',
    );
    const basicData = await sample<VehicleBasicDataDto>('rest-basicdata-x1-sdrive18i.json');
    const telemetry = new VehicleTelemetry('WBA00000000CDATA1');
    telemetry.mergeRest(telematicData);
    const snapshot = toVehicleSnapshot({ vin: telemetry.vin, basicData, telemetry, fetchedAt: new Date() });
    expect(snapshot).toMatchObject({
      brand: 'bmw',
      name: 'X1 sDrive18i',
      // propulsionType "BE" is Benzin: the drive train comes from driveTrain CONV.
      driveTrain: 'COMBUSTION',
      hasElectricDrivetrain: false,
      bodyType: 'U11',
      year: 2022,
      mileage: { value: 48260, unit: 'km' },
      tires: {
        frontLeft: { currentPressure: 240, targetPressure: 250 },
        frontRight: { currentPressure: 240, targetPressure: 250 },
        rearLeft: { currentPressure: 220, targetPressure: 250 },
        rearRight: { currentPressure: 230, targetPressure: 250 },
      },
      conditionBasedServices: { isServiceRequired: false },
    });
    expect(snapshot.fuelAndBattery).toBeUndefined();
    expect(snapshot.checkControlMessages).toBeUndefined();
    expect(telemetry.get('vehicle.electricalSystem.battery.voltage')?.value).toBe(14.39);
    expect(telemetry.get('vehicle.electricalSystem.battery.stateOfCharge')).toBeUndefined();
    const services = snapshot.conditionBasedServices?.messages ?? [];
    expect(services).toHaveLength(5);
    expect(services.find((service) => service.serviceType === 'BRAKE_PADS_FRONT')?.dueDistance).toEqual({
      value: 2100,
      unit: 'km',
    });
    expect(services.find((service) => service.serviceType === 'VEHICLE_TUV')?.dueDate).toEqual(
      new Date('2027-01-01T00:00:00Z'),
    );
    expect(services.find((service) => service.serviceType === 'OIL')).toMatchObject({
      dueDate: new Date('2027-07-01T00:00:00Z'),
      dueDistance: { value: 14000, unit: 'km' },
    });
  });

  it('reads a tyre diagnosis without data as no data', async () => {
    const summary = summarizeTyreDiagnosis(await sample('rest-tyre-diagnosis-no-data.json'));
    expect(summary).toEqual({
      frontLeft: undefined,
      frontRight: undefined,
      rearLeft: undefined,
      rearRight: undefined,
    });
  });

  it('reads CU-127 with invalid_token as an auth error (the message key wins over the id)', async () => {
    const error = carDataErrorFromResponse(
      403,
      await sample('rest-error-cu127-invalid-token.json'),
      '/customers/containers',
    );
    expect(error).toMatchObject({ code: 'auth', cuCode: 'CU-127', status: 403 });
    expect(error.message).not.toMatch(/FAKE/);
  });

  it('runs the device flow on the real device-code and token responses', async () => {
    const codeResponse = await sample('oauth-device-code-response.json');
    const tokenResponse = await sample('oauth-token-refresh-response.json');
    const answers = [
      jsonResponse(200, codeResponse),
      jsonResponse(403, { error: 'authorization_pending' }),
      jsonResponse(200, tokenResponse),
    ];
    const prompts: unknown[] = [];
    const store = new MemoryTokenStore();
    const tokens = await loginWithCarDataDeviceCode({
      clientId: '00000000-0000-0000-0000-000000000001',
      fetch: async () => answers.shift() ?? jsonResponse(500, {}),
      sleep: async () => {},
      tokenStore: store,
      onUserCode: (prompt) => {
        prompts.push(prompt);
      },
    });
    expect(prompts).toEqual([
      expect.objectContaining({
        userCode: 'FAKE0000',
        verificationUri: 'https://customer.bmwgroup.com/oneid/link',
        verificationUriComplete: 'https://customer.bmwgroup.com/oneid/link?user_code=FAKE0000',
      }),
    ]);
    expect(tokens).toMatchObject({
      gcid: '00000000-0000-0000-0000-000000000000',
      scope: expect.stringContaining('cardata:api:read'),
    });
    expect(isCarDataTokens(await store.load())).toBe(true);
  });

  it('explains the real invalid_request answer to a stale refresh token', async () => {
    const body = await sample('oauth-error-invalid-request.json');
    const tokens = {
      kind: 'cardata' as const,
      clientId: 'c',
      gcid: 'g',
      accessToken: 'a',
      idToken: 'i',
      refreshToken: 'stale-refresh',
      scope: '',
      expiresAt: 0,
      refreshExpiresAt: Date.now() + 60_000,
    };
    const failure = await refreshCarDataTokens(tokens, { fetch: async () => jsonResponse(400, body) }).catch(
      (e: unknown) => e,
    );
    expect(failure).toMatchObject({
      code: 'auth',
      status: 400,
      hint: expect.stringMatching(/log in again/i),
    });
    expect(JSON.stringify(failure)).not.toContain('stale-refresh');
  });

  it('maps the constructed burst, ASN booleans and split location', async () => {
    const telemetry = new VehicleTelemetry('WBA00000000CDATA1');
    const messages = [
      ...(await sample<unknown[]>('constructed/mqtt-stream-burst.json')),
      ...(await sample<unknown[]>('constructed/mqtt-stream-asn-booleans.json')),
      ...(await sample<unknown[]>('constructed/mqtt-stream-location-split.json')),
    ];
    for (const message of messages) {
      const result = parseStreamMessage(JSON.stringify(message));
      if (!result.ok) throw new Error(result.reason);
      telemetry.mergeStream(result.message.data);
    }
    const snapshot = toVehicleSnapshot({
      vin: telemetry.vin,
      basicData: { driveTrain: 'BEV' },
      telemetry,
      fetchedAt: new Date(),
    });
    expect(snapshot.fuelAndBattery).toMatchObject({
      remainingBatteryPercent: 57,
      remainingRangeElectric: { value: 212, unit: 'km' },
    });
    expect(snapshot.mileage).toEqual({ value: 48261, unit: 'km' });
    expect(snapshot.doorsAndWindows).toMatchObject({
      doorLockState: 'SECURED',
      allLidsClosed: true,
      allWindowsClosed: true,
    });
    expect(telemetry.get('vehicle.isMoving')?.value).toBe(false);
    expect(telemetry.get('vehicle.drivetrain.engine.isIgnitionOn')?.value).toBe(true);
    expect(telemetry.get('vehicle.drivetrain.engine.isActive')?.value).toBeUndefined();
    expect(telemetry.get('vehicle.body.trunk.isLocked')?.value).toBe(true);
    expect(snapshot.vehicleLocation).toMatchObject({
      location: { latitude: 48.1, longitude: 11.5 },
      heading: 212,
    });
  });
});

const TABLE = `CarData descriptor table against the telematic catalogue (${ABSENT})`;
describe.skipIf(!existsSync(CATALOGUE))(TABLE, () => {
  it('names only catalogue descriptors, with a value kind that fits their data type', async () => {
    const catalogue = JSON.parse(await readFile(CATALOGUE, 'utf8')) as {
      descriptors: { descriptor: string; data_type: string }[];
    };
    const types = new Map(catalogue.descriptors.map((entry) => [entry.descriptor, entry.data_type]));
    const fits: Record<string, RegExp> = {
      number: /^(float|double|u?int\d+|-)$/,
      boolean: /^boolean$/,
      string: /^(string|-)$/,
      json: /^-$/,
    };
    for (const [key, kind] of Object.values(CARDATA_DESCRIPTORS)) {
      expect(types.has(key), key).toBe(true);
      expect(types.get(key), key).toMatch(fits[kind] ?? /^$/);
    }
  });
});
