import { describe, expect, it } from 'vitest';
import { AnonymizationContext } from './context';
import { PLACEHOLDERS } from './placeholders';
import { anonymizeText } from './text';

const scrub = (text: string, context = new AnonymizationContext()) => anonymizeText(text, context);

describe('anonymizeText', () => {
  it('replaces JWTs, bearer values and secret URL parameters', () => {
    const jwt = 'eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiJwZXRlciJ9.c2lnbmF0dXJlLXZhbHVl';
    expect(scrub(`token ${jwt} end`)).toBe('token some_token end');
    expect(scrub('Authorization: Bearer abc.DEF-123_x~')).toBe('Authorization: Bearer some_token');
    expect(scrub('com.bmw.connected://oauth?code=Xy12z&state=s3cr3t&client_id=app')).toBe(
      'com.bmw.connected://oauth?code=some_token&state=some_token&client_id=app',
    );
    expect(scrub('https://x.example/cb#access_token=aaa&refresh_token=bbb')).toBe(
      'https://x.example/cb#access_token=some_token&refresh_token=some_token',
    );
  });

  it('replaces e-mail addresses and international phone numbers', () => {
    expect(scrub('mail jane.doe+car@mail.example.org now')).toBe(`mail ${PLACEHOLDERS.email} now`);
    expect(scrub('call +49 89 1234-5678 or +1 (555) 010-9999')).toBe('call some_phone or some_phone');
  });

  it('leaves dates, times and mileages alone', () => {
    const text = '2026-12-01T07:45:00.000+01:00 137009 km, 0001-01-01T00:00:00Z';
    expect(scrub(text)).toBe(text);
  });

  it('replaces coordinate pairs', () => {
    expect(scrub('at 48.137154, 11.576124 (home)')).toBe(`at ${PLACEHOLDERS.coordinatePair} (home)`);
    expect(scrub('geo:-33.86882,151.20929')).toBe(`geo:${PLACEHOLDERS.coordinatePair}`);
  });

  it('replaces VINs and ids consistently through the context', () => {
    const context = new AnonymizationContext();
    expect(scrub('WBA12345678ABCDE9 / 3f2504e0-4f89-41d3-9a0c-0305e82c3301', context)).toBe(
      'WBA0FINGERPRINT01 / 00000000-0000-4000-8000-000000000001',
    );
    expect(scrub('again wba12345678abcde9', context)).toBe('again WBA0FINGERPRINT01');
  });

  it('leaves base64 payloads alone, where VIN-like runs are noise', () => {
    const blob = `${'A1'.repeat(150)}/WBA12345678ABCDE9+${'b2'.repeat(50)}==`;
    expect(scrub(blob)).toBe(blob);
  });
});

describe('anonymizeText on secrets in plain text', () => {
  it('replaces assigned passwords and client secrets', () => {
    expect(scrub('login failed: password=hunter2&user=x')).toBe('login failed: password=some_secret&user=x');
    expect(scrub('{"client_secret": "abc123"} truncated')).toBe('{"client_secret": "some_secret"} truncated');
  });
});
