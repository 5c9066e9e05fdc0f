import { describe, expect, it } from 'vitest';
import { relativeToCwd } from './simulator';

describe('relativeToCwd', () => {
  it("resolves the simulator's folders against the CLI's working directory and keeps the rest", () => {
    expect(
      relativeToCwd(
        { fingerprints: ['a', '/abs/b'], cardataVehicles: 'cars', port: 8123, latencyMs: 5 },
        '/cwd',
      ),
    ).toEqual({ fingerprints: ['/cwd/a', '/abs/b'], cardataVehicles: '/cwd/cars', port: 8123, latencyMs: 5 });
    expect(relativeToCwd({ fingerprints: 'x', cardataVehicles: false }, '/cwd')).toEqual({
      fingerprints: '/cwd/x',
      cardataVehicles: false,
    });
    expect(relativeToCwd({}, '/cwd')).toEqual({});
  });
});
