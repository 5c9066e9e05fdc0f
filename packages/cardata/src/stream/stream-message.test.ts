import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseStreamMessage } from './stream-message';

const entry = fc.record({
  value: fc.oneof(fc.integer(), fc.string(), fc.boolean()),
  timestamp: fc
    .date({ noInvalidDate: true, min: new Date('2000-01-01'), max: new Date('2100-01-01') })
    .map((d) => d.toISOString()),
});

describe('parseStreamMessage', () => {
  it('keeps every valid entry of a well-formed message', () => {
    fc.assert(
      fc.property(fc.dictionary(fc.string({ minLength: 1 }), entry, { minKeys: 1 }), (data) => {
        fc.pre(!Object.hasOwn(data, '__proto__'));
        const result = parseStreamMessage(
          JSON.stringify({ vin: 'WBA00000000TEST01', timestamp: '2026-01-01T00:00:00Z', data }),
        );
        expect(result.ok).toBe(true);
        if (result.ok) {
          expect(Object.keys(result.message.data).sort()).toEqual(Object.keys(data).sort());
          expect(result.skipped).toEqual([]);
        }
      }),
    );
  });

  it('rejects non-JSON, messages without VIN or data, and skips entries without a timestamp', () => {
    expect(parseStreamMessage('{"vin":')).toEqual({ ok: false, reason: 'the payload is not JSON' });
    expect(parseStreamMessage('{"data":{}}')).toMatchObject({ ok: false, reason: 'the message has no VIN' });
    expect(parseStreamMessage('{"vin":"V","data":[]}')).toMatchObject({ ok: false });
    const partial = parseStreamMessage(
      JSON.stringify({
        vin: 'V',
        data: { a: { value: 1, timestamp: '2026-01-01T00:00:00Z' }, b: { value: 2 } },
      }),
    );
    expect(partial).toMatchObject({ ok: true, skipped: ['b'] });
    expect(
      parseStreamMessage(
        JSON.stringify({ data: { a: { value: 1, timestamp: '2026-01-01T00:00:00Z' } } }),
        'VIN1',
      ),
    ).toMatchObject({
      ok: true,
      message: { vin: 'VIN1' },
    });
  });

  it('never throws on arbitrary payloads', () => {
    fc.assert(
      fc.property(
        fc.oneof(
          fc.string(),
          fc.jsonValue().map((value) => JSON.stringify(value)),
        ),
        (payload) => {
          const result = parseStreamMessage(payload);
          expect(typeof result.ok).toBe('boolean');
        },
      ),
    );
  });
});
