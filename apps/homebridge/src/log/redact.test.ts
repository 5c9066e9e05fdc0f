import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { maskVin } from './mask-vin';
import { PluginLog } from './plugin-log';
import { REDACTED, redactLogText } from './redact';
import { WarningLimiter } from './warning-limiter';

const vinArbitrary = fc
  .array(fc.constantFrom(...'ABCDEFGHJKLMNPRSTUVWXYZ0123456789'.split('')), { minLength: 17, maxLength: 17 })
  .map((chars) => chars.join(''))
  .filter((vin) => /\d/.test(vin) && /[A-Z]/.test(vin));

describe('redactLogText', () => {
  it('masks VINs, tokens and positions', () => {
    expect(redactLogText('Vehicle WBASIMCARDATA0003 is skipped')).toBe(
      'Vehicle WBA**********0003 is skipped',
    );
    expect(redactLogText('REST GET /customers/vehicles/WBA00000BIMMER001/basicData')).toBe(
      'REST GET /customers/vehicles/WBA**********R001/basicData',
    );
    expect(redactLogText('id eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxIn0.c2ln here')).toBe(`id ${REDACTED} here`);
    expect(redactLogText('authorization: Bearer at.abc-DEF_123')).toBe(`authorization: Bearer ${REDACTED}`);
    expect(redactLogText('{"refresh_token":"rt.x1y2z3"}')).toBe(`{"refresh_token":"${REDACTED}"}`);
    expect(redactLogText('password=hunter2&x=1')).toBe(`password=${REDACTED}&x=1`);
    expect(redactLogText('at 52.5163, 13.3777 now')).toBe(`at ${REDACTED}, ${REDACTED} now`);
    expect(redactLogText('token rt.AbCdEfGhIjKlMnOpQrStUvWxYz0123456789')).toBe(`token ${REDACTED}`);
  });

  it('keeps ordinary text, paths, times and small numbers', () => {
    const line =
      'Battery 64 %, 12.6 V, updated 2026-11-30T18:20:00Z; file /var/lib/homebridge/bimmer/cardata-tokens.json';
    expect(redactLogText(line)).toBe(line);
  });

  it('never lets a VIN, an opaque token or a coordinate through (property)', () => {
    fc.assert(
      fc.property(
        vinArbitrary,
        fc.base64String({ minLength: 40, maxLength: 60 }).filter((token) => /^[\w+/]{40}/.test(token)),
        fc.double({ min: -179, max: 179, noNaN: true }),
        fc.string(),
        (vin, token, degrees, noise) => {
          const coordinate = degrees.toFixed(5);
          const text = redactLogText(`${noise} ${vin} ${noise} Bearer ${token} at ${coordinate} ${noise}`);
          expect(text).not.toContain(vin);
          expect(text).toContain(maskVin(vin));
          expect(text).not.toContain(token);
          expect(text).not.toContain(coordinate);
        },
      ),
      { numRuns: 200 },
    );
  });
});

describe('PluginLog', () => {
  it('rate-limits warnings per cause, keeps repeats at debug, and tells a recovery once', () => {
    let now = 0;
    const lines: [string, string][] = [];
    const sink = {
      info: (text: string) => lines.push(['info', text]),
      warn: (text: string) => lines.push(['warn', text]),
      error: (text: string) => lines.push(['error', text]),
      debug: (text: string) => lines.push(['debug', text]),
    };
    const log = new PluginLog(sink, new WarningLimiter({ now: () => now }));
    log.warn('stream', 'Stream lost for WBA00000BIMMER001.');
    log.warn('stream', 'Stream lost again.');
    log.warn('quota', 'Quota used up.');
    now += 3_600_000;
    log.warn('stream', 'Stream still lost.');
    log.recovered('stream', 'Stream back.');
    log.recovered('stream', 'Stream back (twice).');
    log.warn('stream', 'Stream lost once more.');
    expect(lines).toEqual([
      ['warn', 'Stream lost for WBA**********R001.'],
      ['debug', '(repeated) Stream lost again.'],
      ['warn', 'Quota used up.'],
      ['warn', 'Stream still lost.'],
      ['info', 'Stream back.'],
      ['warn', 'Stream lost once more.'],
    ]);
  });

  it('survives a logger that throws', () => {
    const throwing = {
      info: () => {
        throw new Error('broken');
      },
      warn: () => {},
      error: () => {},
      debug: () => {},
    };
    expect(() => new PluginLog(throwing).info('hello')).not.toThrow();
  });
});
