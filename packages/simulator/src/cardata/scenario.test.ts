import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseScenario, stampedMessage, stampedTelematic } from './scenario';

const AT = Date.parse('2026-12-07T07:30:00Z');

describe('parseScenario', () => {
  it('accepts the documented format and returns it unchanged', () => {
    const scenario = {
      name: 'x',
      speed: 2,
      steps: [
        {
          afterMs: 0,
          message: { vin: 'WBASIMCARDATA0001', data: { 'vehicle.isMoving': { value: 'ASN_isTrue' } } },
        },
        {
          afterMs: 1000,
          telematic: { vin: 'WBASIMCARDATA0001', telematicData: { 'vehicle.x': { value: '1', unit: null } } },
        },
      ],
    };
    expect(parseScenario(scenario)).toBe(scenario);
  });

  it.each([
    [null, 'A scenario must be an object'],
    [{}, 'A scenario needs "steps"'],
    [{ steps: [], speed: 0 }, 'speed must be a number > 0'],
    [{ steps: [{ message: { vin: 'V', data: {} } }] }, 'steps[0].afterMs must be a number >= 0'],
    [{ steps: [{ afterMs: -1, message: { vin: 'V', data: {} } }] }, 'steps[0].afterMs'],
    [{ steps: [{ afterMs: 1 }] }, 'steps[0] needs a message or telematic'],
    [{ steps: [{ afterMs: 1, message: { data: {} } }] }, 'steps[0].message needs a vin'],
    [{ steps: [{ afterMs: 1, message: { vin: 'V' } }] }, 'steps[0].message.data must be an object'],
    [
      { steps: [{ afterMs: 1, message: { vin: 'V', data: { 'vehicle.x': 3 } } }] },
      'data["vehicle.x"] must be',
    ],
    [
      { steps: [{ afterMs: 1, telematic: { vin: 'V', telematicData: [] } }] },
      'telematicData must be an object',
    ],
  ])('refuses %j, naming what is wrong', (value, message) => {
    expect(() => parseScenario(value)).toThrow(message);
  });
});

describe('stamping a step with the time it is due', () => {
  it('fills the timestamps a message leaves out and keeps those it gives', () => {
    const message = {
      vin: 'WBASIMCARDATA0001',
      data: {
        'vehicle.isMoving': { value: 'ASN_isTrue' },
        'vehicle.vehicle.travelledDistance': { value: 23530, unit: 'km', timestamp: '2026-12-01T00:00:00Z' },
      },
    };
    expect(stampedMessage(message, AT)).toEqual({
      vin: 'WBASIMCARDATA0001',
      timestamp: '2026-12-07T07:30:00.000Z',
      data: {
        'vehicle.isMoving': { value: 'ASN_isTrue', timestamp: '2026-12-07T07:30:00.000Z' },
        'vehicle.vehicle.travelledDistance': { value: 23530, unit: 'km', timestamp: '2026-12-01T00:00:00Z' },
      },
    });
    expect(message.data['vehicle.isMoving']).toEqual({ value: 'ASN_isTrue' });
  });

  it('gives REST telematic data BMW shape: string values, unit and timestamp always present', () => {
    expect(
      stampedTelematic(
        { 'vehicle.a': { value: 41, unit: 'percent' }, 'vehicle.b': { value: null, timestamp: null } },
        AT,
      ),
    ).toEqual({
      'vehicle.a': { value: '41', unit: 'percent', timestamp: '2026-12-07T07:30:00.000Z' },
      'vehicle.b': { value: null, unit: null, timestamp: null },
    });
  });

  it('never changes a given timestamp and stamps every missing one with the due time', () => {
    const entry = fc.record(
      { value: fc.oneof(fc.string(), fc.integer(), fc.constant(null)), timestamp: fc.string() },
      { requiredKeys: ['value'] },
    );
    fc.assert(
      fc.property(
        fc.dictionary(fc.string({ minLength: 1 }), entry),
        fc.integer({ min: 0, max: 4e12 }),
        (data, at) => {
          const stamped = stampedMessage({ vin: 'V', data }, at).data;
          for (const [descriptor, original] of Object.entries(data)) {
            expect(stamped[descriptor]?.timestamp).toBe(original.timestamp ?? new Date(at).toISOString());
            expect(stamped[descriptor]?.value).toBe(original.value);
          }
        },
      ),
    );
  });
});
