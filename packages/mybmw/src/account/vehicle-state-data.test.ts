import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { VehicleStateData } from './vehicle-state-data';

const fetchedAt = new Date('2026-12-01T08:00:00Z');

describe('VehicleStateData', () => {
  it('keeps the state response as received and reads capabilities and state from it', () => {
    const response = { capabilities: { lock: true }, state: { currentMileage: 1 }, extra: [1, 2] };
    const data = new VehicleStateData({ response, chargingSettings: null, fetchedAt });
    expect(data.response).toBe(response);
    expect(data.capabilities).toBe(response.capabilities);
    expect(data.state).toBe(response.state);
  });

  it('reads empty objects from any response that lacks them, never throwing', () => {
    fc.assert(
      fc.property(fc.anything(), (response) => {
        const data = new VehicleStateData({ response, chargingSettings: null, fetchedAt });
        expect(data.response).toBe(response);
        expect(typeof data.capabilities).toBe('object');
        expect(Array.isArray(data.state)).toBe(false);
      }),
    );
  });
});
