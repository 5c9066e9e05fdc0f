import { MemoryTokenStore } from '@bimmer/auth';
import { vehicleToJSON } from '@bimmer/core';
import { MyBMWAccount } from '@bimmer/mybmw';
import { startSimulator } from '@bimmer/simulator';
import { describe, expect, it } from 'vitest';
import { FIELD_CATALOGUE, UNWATCHED_FIELDS } from '../src/fields/field-catalogue';
import { isLeafObject, leafEntries } from '../src/fields/json-paths';

function kindOf(value: unknown): string {
  if (Array.isArray(value)) return 'list';
  if (isLeafObject(value))
    return typeof value === 'object' && value !== null && 'unit' in value ? 'value-with-unit' : 'position';
  if (typeof value === 'number') return 'number';
  if (typeof value === 'boolean') return 'boolean';
  return 'string';
}

describe('the watch node field picker', () => {
  it('lists exactly the fields of the JSON form of our fleet, with their kinds and units', async () => {
    const sim = await startSimulator({ port: 0 });
    try {
      const demo = sim.demoAccount ?? { username: '', password: '' };
      const account = new MyBMWAccount({
        ...demo,
        region: 'rest_of_world',
        captchaToken: 'test',
        tokenStore: new MemoryTokenStore(),
        baseUrl: sim.url,
      });
      const vehicles = await account.getVehicles();
      expect(vehicles.length).toBeGreaterThanOrEqual(10);
      const seen = new Map<string, { kinds: Set<string>; units: Set<string> }>();
      for (const vehicle of vehicles) {
        for (const [path, value] of leafEntries(vehicleToJSON(vehicle.snapshot))) {
          const entry = seen.get(path) ?? { kinds: new Set(), units: new Set() };
          entry.kinds.add(kindOf(value));
          if (typeof value === 'object' && value !== null && 'unit' in value)
            entry.units.add(String(value.unit));
          seen.set(path, entry);
        }
      }
      for (const path of seen.keys()) {
        expect(FIELD_CATALOGUE.some((field) => field.path === path) || UNWATCHED_FIELDS.has(path), path).toBe(
          true,
        );
      }
      for (const field of FIELD_CATALOGUE) {
        const found = seen.get(field.path);
        expect(found, `${field.path} occurs in the fleet`).toBeDefined();
        const expected = ['enum', 'text', 'time'].includes(field.kind) ? 'string' : field.kind;
        expect([...(found?.kinds ?? [])], field.path).toEqual([expected]);
        if (field.kind === 'value-with-unit')
          expect([...(found?.units ?? [])], field.path).toEqual([field.unit]);
      }
    } finally {
      await sim.stop();
    }
  });
});
