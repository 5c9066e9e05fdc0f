import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { isBimmerError } from '@bimmer/core';
import fc from 'fast-check';
import * as v from 'valibot';
import { describe, expect, it } from 'vitest';
import { readAnswer } from './read-answer';
import {
  ChargingHistoryPageSchema,
  ContainerDetailsSchema,
  ContainerListSchema,
  LocationBasedChargingSettingsPageSchema,
  TelematicDataResponseSchema,
  TyreDiagnosisSchema,
  VehicleBasicDataSchema,
  VehicleMappingsSchema,
} from './schemas';

/** BMW's samples of the shared reference, read in place (never copied into the repository). */
const SAMPLES = new URL('../../../../../shared/reference/cardata/samples/', import.meta.url);
/** Our own simulator fleet. */
const FIXTURES = new URL('../../../../fixtures/cardata/rest/', import.meta.url);

const json = async (url: URL) => JSON.parse(await readFile(url, 'utf8')) as unknown;

const SCHEMAS = {
  mappings: VehicleMappingsSchema,
  basicData: VehicleBasicDataSchema,
  containers: ContainerListSchema,
  container: ContainerDetailsSchema,
  telematicData: TelematicDataResponseSchema,
  chargingHistory: ChargingHistoryPageSchema,
  tyreDiagnosis: TyreDiagnosisSchema,
  chargingSettings: LocationBasedChargingSettingsPageSchema,
} as const;

/** Reads `body` as CarData's answer with `schema`, as the REST client does. */
function answer(schema: v.GenericSchema, body: string, status = 200) {
  return readAnswer(schema, new Response(body, { status }), { method: 'GET', path: '/customers/x' });
}

describe.skipIf(!existsSync(SAMPLES))(
  "CarData schemas against BMW's samples (reference data present)",
  () => {
    const cases: [keyof typeof SCHEMAS, string][] = [
      ['basicData', 'rest-basicdata-x1-sdrive18i.json'],
      ['telematicData', 'rest-telematicdata-ice-service-and-tyres.json'],
      ['tyreDiagnosis', 'rest-tyre-diagnosis-no-data.json'],
      ['mappings', 'constructed/rest-vehicle-mappings.json'],
      ['containers', 'constructed/rest-containers-list.json'],
      ['container', 'constructed/rest-container-create-response.json'],
      ['chargingHistory', 'constructed/rest-charging-history-page.json'],
    ];
    for (const [schema, file] of cases) {
      it(`reads ${file}`, async () => {
        const result = v.safeParse(SCHEMAS[schema], await json(new URL(file, SAMPLES)));
        expect(result.issues).toBeUndefined();
      });
    }

    it('reads the samples to what the code relies on', async () => {
      const mappings = v.parse(
        VehicleMappingsSchema,
        await json(new URL('constructed/rest-vehicle-mappings.json', SAMPLES)),
      );
      expect(mappings.map((mapping) => mapping.mappingType)).toEqual(['PRIMARY', 'SECONDARY']);
      const history = v.parse(
        ChargingHistoryPageSchema,
        await json(new URL('constructed/rest-charging-history-page.json', SAMPLES)),
      );
      expect(history.data).toHaveLength(2);
      expect(history.next_token).toBe('FAKE');
      const basic = v.parse(
        VehicleBasicDataSchema,
        await json(new URL('rest-basicdata-x1-sdrive18i.json', SAMPLES)),
      );
      expect(basic).toMatchObject({ modelName: 'X1 sDrive18i', driveTrain: 'CONV', numberOfDoors: 5 });
    });
  },
);

describe('CarData schemas against our simulator fleet', () => {
  for (const vin of ['WBASIMCARDATA0001', 'WBASIMCARDATA0002', 'WBASIMCARDATA0003']) {
    it(`reads the basic and telematic data of ${vin}`, async () => {
      const fixture = (await json(new URL(`${vin}.json`, FIXTURES))) as Record<string, unknown>;
      expect(v.safeParse(VehicleBasicDataSchema, fixture.basicData).issues).toBeUndefined();
      expect(
        v.safeParse(TelematicDataResponseSchema, { telematicData: fixture.telematicData }).issues,
      ).toBeUndefined();
    });
  }
});

describe('CarData answers that are not what BMW documents', () => {
  it('reads null as absent and fills the lists and names the code relies on', () => {
    expect(v.parse(VehicleBasicDataSchema, { modelName: null, numberOfDoors: 5 })).toEqual({
      modelName: undefined,
      numberOfDoors: 5,
    });
    expect(v.parse(ContainerListSchema, {})).toEqual({ containers: [] });
    expect(v.parse(ContainerListSchema, { containers: [{ containerId: 'C' }] })).toEqual({
      containers: [{ containerId: 'C', name: '', purpose: '', state: 'UNKNOWN' }],
    });
    expect(v.parse(VehicleMappingsSchema, { vin: 'V1' })).toEqual([{ vin: 'V1', mappingType: 'UNKNOWN' }]);
    expect(v.parse(VehicleMappingsSchema, null)).toEqual([]);
    expect(v.parse(ChargingHistoryPageSchema, { data: null })).toEqual({ data: [] });
  });

  it('turns a wrong shape into a typed api error that names the path, never the value', async () => {
    const secret = 'WBA00000000SECRET';
    await expect(
      answer(
        TelematicDataResponseSchema,
        JSON.stringify({ telematicData: { 'vehicle.x': { value: { vin: secret } } } }),
      ),
    ).rejects.toMatchObject({
      code: 'api',
      status: 200,
      endpoint: '/customers/x',
      message: expect.stringContaining('telematicData.vehicle.x.value'),
    });
    const error = await answer(
      VehicleBasicDataSchema,
      JSON.stringify({ modelName: secret, numberOfDoors: secret }),
    ).catch((caught: unknown) => caught);
    expect(error).toMatchObject({ code: 'api', message: expect.stringContaining('numberOfDoors') });
    expect(JSON.stringify(error)).not.toContain(secret);
    expect((error as Error).message).not.toContain(secret);
  });

  it('turns a body that is cut off or not JSON into a typed api error', async () => {
    await expect(answer(ContainerListSchema, '{"containers": [')).rejects.toMatchObject({
      code: 'api',
      message: expect.stringMatching(/not JSON/),
    });
    const cut = new Response(
      new ReadableStream({
        start(controller) {
          controller.enqueue(new TextEncoder().encode('{"containers":'));
          controller.error(new TypeError('terminated'));
        },
      }),
    );
    await expect(
      readAnswer(ContainerListSchema, cut, { method: 'GET', path: '/customers/containers' }),
    ).rejects.toMatchObject({
      code: 'api',
      message: expect.stringMatching(/cut off/),
    });
  });

  it('never throws anything but a typed error, whatever the body', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.constantFrom(...(Object.keys(SCHEMAS) as (keyof typeof SCHEMAS)[])),
        fc.oneof(
          fc.string(),
          fc.jsonValue().map((value) => JSON.stringify(value)),
        ),
        async (name, body) => {
          try {
            await answer(SCHEMAS[name], body);
          } catch (error) {
            expect(isBimmerError(error, 'api')).toBe(true);
          }
        },
      ),
      { numRuns: 300 },
    );
  });
});
