import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { splitPositionals } from './split-positionals';

describe('splitPositionals', () => {
  it('takes off the bimmer_connected credentials prefix', () => {
    expect(splitPositionals(['me@example.com', 'secret', 'rest_of_world', 'WBA00000000DEMO01'], 1)).toEqual({
      credentials: { username: 'me@example.com', password: 'secret', region: 'rest_of_world' },
      rest: ['WBA00000000DEMO01'],
    });
    expect(splitPositionals(['me', 'pw', 'na'], 0).credentials?.region).toBe('na');
  });

  it('leaves the command positionals alone when there is no prefix', () => {
    expect(splitPositionals(['WBA00000000DEMO01'], 1)).toEqual({
      credentials: undefined,
      rest: ['WBA00000000DEMO01'],
    });
    expect(splitPositionals(['48.1', '11.5'], 0).credentials).toBeUndefined();
    expect(splitPositionals(['VIN', 'start'], 2).credentials).toBeUndefined();
    // Too few positionals for prefix plus required ones.
    expect(splitPositionals(['a', 'b', 'china'], 1).credentials).toBeUndefined();
  });

  it('never loses or reorders an argument', () => {
    fc.assert(
      fc.property(fc.array(fc.string(), { maxLength: 7 }), fc.nat(3), (args, required) => {
        const { credentials, rest } = splitPositionals(args, required);
        const prefix =
          credentials === undefined ? [] : [credentials.username, credentials.password, credentials.region];
        expect([...prefix, ...rest]).toEqual(args);
      }),
    );
  });
});
