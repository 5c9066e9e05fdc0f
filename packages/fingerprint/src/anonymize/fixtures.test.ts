import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { anonymize } from './anonymize';
import { AnonymizationContext } from './context';
import { PLACEHOLDERS } from './placeholders';

/** bimmer_connected's recorded responses, next to the checkout; absent in a user's clone. */
const FIXTURES = fileURLToPath(new URL('../../../../../shared/fixtures/mybmw', import.meta.url));

function jsonFiles(directory: string): string[] {
  return readdirSync(directory).flatMap((name) => {
    const path = join(directory, name);
    if (statSync(path).isDirectory()) return name === 'auth' ? [] : jsonFiles(path);
    return name.endsWith('.json') ? [path] : [];
  });
}

function positions(value: unknown, found: unknown[] = []): unknown[] {
  if (Array.isArray(value)) for (const item of value) positions(item, found);
  else if (typeof value === 'object' && value !== null) {
    for (const [key, item] of Object.entries(value)) {
      if (key === 'latitude' || key === 'longitude') found.push(item);
      else positions(item, found);
    }
  }
  return found;
}

const ABSENT = 'skipped when the reference data at ../shared/fixtures/mybmw is absent';
describe.skipIf(!existsSync(FIXTURES))(`anonymize on recorded MyBMW responses (${ABSENT})`, () => {
  const files = existsSync(FIXTURES) ? jsonFiles(FIXTURES) : [];

  it('replaces every VIN of the recordings and keeps them parseable', () => {
    const vinMap = new AnonymizationContext();
    const vins = new Set<string>();
    for (const file of files) {
      const original: unknown = JSON.parse(readFileSync(file, 'utf8'));
      for (const [vin] of JSON.stringify(original).matchAll(/"vin":\s*"([A-Z0-9]{17})"/g)) vins.add(vin);
      const text = JSON.stringify(anonymize(original, { vinMap }));
      for (const vin of vins) expect(text).not.toContain(vin);
      expect(JSON.parse(text)).toBeTypeOf(typeof original);
    }
    // Every vehicle fixture's VIN was seen and got its own placeholder.
    expect(vins.size).toBeGreaterThanOrEqual(5);
    expect(new Set([...vinMap.vinReplacements.values()]).size).toBe(vinMap.vinReplacements.size);
  });

  it('puts fixed positions everywhere and changes nothing twice', () => {
    for (const file of files) {
      const once = anonymize(JSON.parse(readFileSync(file, 'utf8')));
      for (const value of positions(once))
        expect([PLACEHOLDERS.latitude, PLACEHOLDERS.longitude]).toContain(value);
      expect(anonymize(once)).toEqual(once);
    }
  });
});
