import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { anonymize } from './anonymize';
import { AnonymizationContext } from './context';
import { PLACEHOLDERS } from './placeholders';
import { isVinPlaceholder } from './vin';

const vinArbitrary = fc
  .stringMatching(/^[A-HJ-NPR-Z0-9]{17}$/)
  .filter((vin) => /[0-9]/.test(vin) && !isVinPlaceholder(vin));
/** Six decimals, as the API sends them; never a fragment of a placeholder's own digits. */
const coordinate = (maxDegrees: number) =>
  fc
    .integer({ min: -maxDegrees * 1e6, max: maxDegrees * 1e6 })
    .map((micro) => micro / 1e6)
    .filter((value) => /\.[0-9]{4,}$/.test(String(value)) && !placeholderText().includes(String(value)));
const emailArbitrary = fc.emailAddress().filter((email) => !placeholderText().includes(email));
/** Capitalised names never occur inside the lower-case placeholders. */
const nameArbitrary = fc.stringMatching(/^[A-Z][a-z]{3,11}$/);

function placeholderText(): string {
  return Object.values(PLACEHOLDERS).join(' ');
}

interface Secrets {
  vins: string[];
  latitude: number;
  longitude: number;
  email: string;
  firstName: string;
  lastName: string;
  dealer: string;
}

const secretsArbitrary: fc.Arbitrary<Secrets> = fc.record({
  vins: fc.uniqueArray(vinArbitrary, { minLength: 1, maxLength: 4 }),
  latitude: coordinate(90),
  longitude: coordinate(180),
  email: emailArbitrary,
  firstName: nameArbitrary,
  lastName: nameArbitrary,
  dealer: nameArbitrary,
});

/** A response that puts the secrets everywhere the MyBMW API (or a future version of it) might. */
function responseWith(secrets: Secrets) {
  const [vin = ''] = secrets.vins;
  return {
    gcid: '3f2504e0-4f89-41d3-9a0c-0305e82c3301',
    mappingInfos: secrets.vins.map((each) => ({ vin: each, mappingStatus: 'CONFIRMED' })),
    vinsInText: secrets.vins.map((each, index) =>
      index % 2 === 0 ? `vehicle ${each}.` : each.toLowerCase(),
    ),
    [vin]: { path: `/eadrax-crccs/v1/vehicles/${vin}/charging-settings`, file: `state_${vin}.json` },
    state: {
      location: {
        coordinates: { latitude: secrets.latitude, longitude: secrets.longitude },
        address: { formatted: `${secrets.firstName}weg 3` },
        heading: 90,
      },
      lastPosition: { lat: String(secrets.latitude), lon: secrets.longitude },
      link: `https://maps.example/?q=${secrets.latitude},${secrets.longitude}`,
    },
    account: {
      email: secrets.email,
      username: secrets.email,
      message: `Sent to ${secrets.email} today`,
      recipients: [secrets.email, `cc: ${secrets.email}`],
    },
    owner: {
      firstName: secrets.firstName,
      lastName: secrets.lastName,
      name: `${secrets.firstName} ${secrets.lastName}`,
    },
    names: [secrets.firstName, secrets.lastName],
    dealer: {
      name: secrets.dealer,
      street: `${secrets.dealer}allee 1`,
      remark: `ask for ${secrets.lastName}`,
    },
  };
}

/** Every object key and string value of a JSON-like value. */
function strings(value: unknown, keys = true): string[] {
  if (typeof value === 'string') return [value];
  if (Array.isArray(value)) return value.flatMap((item) => strings(item, keys));
  if (typeof value === 'object' && value !== null) {
    return Object.entries(value).flatMap(([key, item]) => [...(keys ? [key] : []), ...strings(item, keys)]);
  }
  return [];
}

function numbers(value: unknown): number[] {
  if (typeof value === 'number') return [value];
  if (Array.isArray(value)) return value.flatMap(numbers);
  if (typeof value === 'object' && value !== null) return Object.values(value).flatMap(numbers);
  return [];
}

/** The type skeleton of a JSON value: what a parser depends on. */
function shapeOf(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(shapeOf);
  if (typeof value === 'object' && value !== null) return Object.values(value).map(shapeOf);
  return value === null ? 'null' : typeof value;
}

/** Text full of things that look identifying, glued together in every order. */
const trickyText = fc
  .array(
    fc.oneof(
      vinArbitrary,
      vinArbitrary.map((vin) => vin.toLowerCase()),
      emailArbitrary,
      fc.uuid(),
      fc.constantFrom('eyJhbGciOiJub25lIn0.eyJzdWIiOiIxIn0.c2ln', 'Bearer abc.def', '?code=xyz&state=1'),
      fc.constantFrom(
        '+49 89 1234567',
        '48.137154,11.576124',
        'WBA0FINGERPRINT01',
        ' ',
        '_',
        '-',
        '/',
        '@',
        '.',
      ),
      fc.string({ maxLength: 6 }),
    ),
    { maxLength: 8 },
  )
  .map((parts) => parts.join(''));

const jsonWithTrickyStrings = fc.oneof(
  fc.jsonValue(),
  fc.dictionary(fc.constantFrom('vin', 'name', 'lat', 'note', 'items', 'dealer', 'gcid', 'x'), trickyText),
  fc.array(trickyText),
);

describe('anonymize (properties)', () => {
  it('lets no generated VIN, coordinate, e-mail address or name through', () => {
    fc.assert(
      fc.property(secretsArbitrary, (secrets) => {
        const result = anonymize(responseWith(secrets));
        const text = strings(result).join('\n');
        const lowerText = text.toLowerCase();
        for (const vin of secrets.vins) expect(lowerText).not.toContain(vin.toLowerCase());
        expect(text).not.toContain(secrets.email);
        expect(text).not.toContain(String(secrets.latitude));
        expect(text).not.toContain(String(secrets.longitude));
        expect(numbers(result)).not.toContain(secrets.latitude);
        expect(numbers(result)).not.toContain(secrets.longitude);
        const values = strings(result, false).join('\n');
        for (const name of [secrets.firstName, secrets.lastName, secrets.dealer])
          expect(values).not.toContain(name);
      }),
    );
  });

  it('gives each VIN of a recording its own placeholder, the same in every response', () => {
    fc.assert(
      fc.property(fc.uniqueArray(vinArbitrary, { minLength: 1, maxLength: 6 }), (vins) => {
        const vinMap = new AnonymizationContext();
        const list = anonymize(vins, { vinMap });
        const again = anonymize(
          vins.map((vin) => ({ vin: vin.toLowerCase() })),
          { vinMap },
        );
        expect(new Set(list).size).toBe(vins.length);
        expect(again.map((entry) => entry.vin)).toEqual(list);
        for (const placeholder of list) expect(placeholder).toMatch(/^[A-Z0-9]{3}0FINGERPRINT[0-9]{2}$/);
      }),
    );
  });

  it('keeps the shape: same types, same array lengths, same number of keys', () => {
    fc.assert(
      fc.property(fc.oneof(jsonWithTrickyStrings, secretsArbitrary.map(responseWith)), (value) => {
        expect(shapeOf(anonymize(value))).toEqual(shapeOf(value));
      }),
    );
  });

  it('is idempotent: anonymised data stays as it is', () => {
    fc.assert(
      fc.property(fc.oneof(jsonWithTrickyStrings, secretsArbitrary.map(responseWith)), (value) => {
        const once = anonymize(value);
        expect(anonymize(once)).toEqual(once);
      }),
    );
  });

  it('is deterministic: the same input gives the same output', () => {
    fc.assert(
      fc.property(fc.oneof(jsonWithTrickyStrings, secretsArbitrary.map(responseWith)), (value) => {
        expect(anonymize(value)).toEqual(anonymize(structuredClone(value)));
      }),
    );
  });
});
