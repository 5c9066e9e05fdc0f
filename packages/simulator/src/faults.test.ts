import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { FaultSet, type FaultSpec, formatFaultSpec, parseFaultSpec } from './faults';

const kind = fc.constantFrom(
  '429',
  'quota',
  '401',
  'blocked',
  '500',
  'drop',
  'malformed',
  'truncated',
  'slow',
);
const spec: fc.Arbitrary<FaultSpec> = fc
  .record({
    kind,
    delayMs: fc.nat(100_000),
    pathPrefix: fc.option(fc.stringMatching(/^\/[a-z0-9/_.-]{0,30}$/), { nil: undefined }),
    vin: fc.option(fc.stringMatching(/^[A-Z0-9]{17}$/), { nil: undefined }),
    count: fc.option(fc.integer({ min: 1, max: 1000 }), { nil: undefined }),
    percent: fc.option(fc.integer({ min: 0, max: 100 }), { nil: undefined }),
    seed: fc.nat(1_000_000),
  })
  .map(({ kind, delayMs, pathPrefix, vin, count, percent, seed }) => {
    const fault: FaultSpec = kind === 'slow' ? { kind, delayMs } : { kind };
    if (pathPrefix !== undefined) fault.pathPrefix = pathPrefix;
    if (vin !== undefined) fault.vin = vin;
    if (count !== undefined) fault.count = count;
    if (percent !== undefined) {
      fault.probability = percent / 100;
      fault.seed = seed;
    }
    return fault;
  });

describe('parseFaultSpec', () => {
  it('parses what formatFaultSpec writes', () => {
    fc.assert(
      fc.property(spec, (fault) => {
        expect(parseFaultSpec(formatFaultSpec(fault))).toEqual(fault);
      }),
    );
  });

  it('reads the documented examples', () => {
    expect(parseFaultSpec('429')).toEqual({ kind: '429' });
    expect(parseFaultSpec('quota@/eadrax-vcs/v4/vehicles/state*2')).toEqual({
      kind: 'quota',
      pathPrefix: '/eadrax-vcs/v4/vehicles/state',
      count: 2,
    });
    expect(parseFaultSpec('slow=250@/eadrax-vcs')).toEqual({
      kind: 'slow',
      delayMs: 250,
      pathPrefix: '/eadrax-vcs',
    });
    expect(parseFaultSpec('500%25~7')).toEqual({ kind: '500', probability: 0.25, seed: 7 });
    expect(parseFaultSpec('500%10')).toEqual({ kind: '500', probability: 0.1, seed: 1 });
  });

  it.each(['', 'boom', 'slow', '429=5', '429@eadrax', '429*x', '500%101', 'drop@/x*2%5~'])(
    'refuses %j',
    (text) => {
      expect(() => parseFaultSpec(text)).toThrow(TypeError);
    },
  );
});

describe('FaultSet', () => {
  it('hits only the vehicle a #VIN fault names, by bmw-vin header or path segment', () => {
    const faults = new FaultSet();
    faults.add('500@/eadrax#WBA00000BIMMER001*3');
    expect(faults.take('/eadrax-vcs/v4/vehicles/state', 'WBA00000BIMMER002')).toBeUndefined();
    expect(faults.take('/eadrax-vcs/v4/vehicles/state')).toBeUndefined();
    expect(faults.take('/eadrax-vcs/v4/vehicles/state', 'wba00000bimmer001')?.kind).toBe('500');
    expect(faults.take('/eadrax-crccs/v1/vehicles/WBA00000BIMMER001/start-charging')?.kind).toBe('500');
    expect(faults.list()).toMatchObject([{ spec: '500@/eadrax#WBA00000BIMMER001*3', remaining: 1 }]);
  });

  it('hits only matching paths and disarms a fault when its count is used up', () => {
    const faults = new FaultSet();
    faults.add('429@/a*2');
    expect(faults.take('/b')).toBeUndefined();
    expect(faults.take('/a/x')?.kind).toBe('429');
    expect(faults.list()[0]?.remaining).toBe(1);
    expect(faults.take('/a')?.kind).toBe('429');
    expect(faults.take('/a')).toBeUndefined();
    expect(faults.list()).toEqual([]);
  });

  it('decides probabilistic faults by a seeded sequence: the same seed gives the same hits', () => {
    fc.assert(
      fc.property(fc.nat(), fc.integer({ min: 1, max: 99 }), (seed, percent) => {
        const run = () => {
          const faults = new FaultSet();
          faults.add(`500%${percent}~${seed}`);
          return Array.from({ length: 50 }, () => faults.take('/x') !== undefined);
        };
        expect(run()).toEqual(run());
      }),
      { numRuns: 50 },
    );
  });

  it('hits roughly the asked share of requests', () => {
    const faults = new FaultSet();
    faults.add('500%30~3');
    const hits = Array.from({ length: 2000 }, () => faults.take('/x')).filter(Boolean).length;
    expect(hits).toBeGreaterThan(450);
    expect(hits).toBeLessThan(750);
  });
});
