import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { CapturedResponse } from '@bimmer/core';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { isVinPlaceholder } from './anonymize/vin';
import { writeFingerprint } from './writer';

const vinArbitrary = fc
  .stringMatching(/^[A-HJ-NPR-Z0-9]{17}$/)
  .filter((vin) => /[0-9]/.test(vin) && !isVinPlaceholder(vin));

function response(path: string, vin: string | undefined, body: unknown): CapturedResponse {
  return {
    brand: 'bmw',
    method: 'GET',
    path,
    query: {},
    ...(vin === undefined ? {} : { vinHeader: vin }),
    status: 200,
    contentType: 'application/json',
    body: JSON.stringify(body),
    fetchedAt: new Date(0),
  };
}

describe('writeFingerprint (properties)', () => {
  it('writes no generated VIN or e-mail address, in any case, in names or contents', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.uniqueArray(vinArbitrary, { minLength: 1, maxLength: 3 }),
        fc.emailAddress(),
        fc.boolean(),
        async (vins, email, lowerCaseHeaders) => {
          const directory = await mkdtemp(join(tmpdir(), 'bimmer-fingerprint-property-'));
          try {
            const responses = [
              response('/eadrax-vcs/v5/vehicle-list', undefined, {
                mappingInfos: vins.map((vin) => ({ vin })),
              }),
              ...vins.map((vin) =>
                response('/eadrax-vcs/v4/vehicles/state', lowerCaseHeaders ? vin.toLowerCase() : vin, {
                  state: { owner: email, note: `Vehicle ${vin} belongs to ${email}` },
                }),
              ),
              ...vins.map((vin) =>
                response(`/eadrax-crccs/v1/vehicles/${vin}/charging-settings`, undefined, {}),
              ),
            ];
            await writeFingerprint(directory, responses);
            const names = await readdir(directory);
            expect(names).toHaveLength(1 + 2 * vins.length);
            for (const name of names) {
              const content = `${name}\n${await readFile(join(directory, name), 'utf8')}`;
              for (const vin of vins) expect(content.toUpperCase()).not.toContain(vin);
              expect(content).not.toContain(email);
            }
          } finally {
            await rm(directory, { recursive: true, force: true });
          }
        },
      ),
      { numRuns: 25 },
    );
  });
});
