import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { PLATFORM_NAME } from '../settings';
import { defaultTokenFile, parsePlatformConfig, settingsForVehicle } from './parse-platform-config';
import { SERVICE_TOGGLE_NAMES } from './service-toggles';

const schema = JSON.parse(readFileSync(new URL('../../config.schema.json', import.meta.url), 'utf8'));
const properties = schema.schema.properties as Record<string, { description?: string; title?: string }>;
const VIN = 'WBA00000BIMMER001';

describe('config.schema.json', () => {
  it('is the dynamic platform Homebridge registers, with the custom UI', () => {
    expect(schema.pluginAlias).toBe(PLATFORM_NAME);
    expect(schema.pluginType).toBe('platform');
    expect(schema.customUi).toBe(true);
    expect(schema.customUiPath).toBe('./dist/homebridge-ui');
  });

  it('documents every option the plugin reads, and every tile toggle', () => {
    const options = [
      'name',
      'transport',
      'clientId',
      'tokenFile',
      'baseUrl',
      'streamUrl',
      'hubUrl',
      'hubApiKey',
      'username',
      'password',
      'region',
      'captchaToken',
      'namePrefix',
      'services',
      'home',
      'lowBatteryPercent',
      'staleAfterMinutes',
      'onlyListedVehicles',
      'vehicles',
    ];
    expect(Object.keys(properties).sort()).toEqual([...options].sort());
    for (const option of options) expect(properties[option]?.title, option).toBeTruthy();
    const toggles = (properties.services as { properties: Record<string, { description: string }> })
      .properties;
    expect(Object.keys(toggles).sort()).toEqual([...SERVICE_TOGGLE_NAMES].sort());
    for (const toggle of Object.values(toggles)) expect(toggle.description.length).toBeGreaterThan(10);
  });
});

describe('parsePlatformConfig', () => {
  it('applies the defaults, with the token file in the storage path', () => {
    const parsed = parsePlatformConfig({ platform: 'Bimmer' }, '/var/lib/homebridge');
    expect(parsed.ok).toBe(true);
    if (!parsed.ok) return;
    expect(parsed.settings.transport).toBe('cardata');
    expect(parsed.settings.tokenFile).toBe('/var/lib/homebridge/bimmer/cardata-tokens.json');
    expect(defaultTokenFile('/x')).toBe('/x/bimmer/cardata-tokens.json');
    expect(parsed.settings.defaults.lowBatteryPercent).toBe(20);
    expect(parsed.settings.defaults.staleAfterMs).toBe(86_400_000);
  });

  it('resolves per-vehicle settings over the platform ones, and excludes', () => {
    const parsed = parsePlatformConfig(
      {
        namePrefix: 'Car',
        lowBatteryPercent: 30,
        services: { stateOfChargeSensor: true },
        tokenFile: 'tokens/cardata.json',
        vehicles: [
          { vin: VIN.toLowerCase(), namePrefix: 'i5', services: { lock: false } },
          { vin: 'WBA00000BIMMER002', exclude: true },
        ],
      },
      '/hb',
    );
    expect(parsed.ok).toBe(true);
    if (!parsed.ok) return;
    expect(parsed.settings.tokenFile).toBe('/hb/tokens/cardata.json');
    const i5 = settingsForVehicle(parsed.settings, VIN);
    expect(i5?.namePrefix).toBe('i5');
    expect(i5?.lowBatteryPercent).toBe(30);
    expect(i5?.services.lock).toBe(false);
    expect(i5?.services.stateOfChargeSensor).toBe(true);
    expect(settingsForVehicle(parsed.settings, 'WBA00000BIMMER002')).toBeUndefined();
    expect(settingsForVehicle(parsed.settings, 'WBA00000BIMMER003')?.namePrefix).toBe('Car');
  });

  it('names each wrong option', () => {
    const parsed = parsePlatformConfig(
      {
        transport: 'hub',
        services: { teleport: true, lock: 'yes' },
        home: { latitude: 91, longitude: 0 },
        staleAfterMinutes: 0,
      },
      '/hb',
    );
    expect(parsed.ok).toBe(false);
    if (parsed.ok) return;
    expect(parsed.errors).toEqual([
      'The hub transport needs "hubUrl" (the URL `bimmer hub` prints, e.g. http://127.0.0.1:8080).',
      `"services".teleport is not a service (known: ${SERVICE_TOGGLE_NAMES.join(', ')}).`,
      '"services".lock must be true or false.',
      '"staleAfterMinutes" must be a number from 1 to 43200.',
      '"home" needs latitude (-90..90) and longitude (-180..180) in degrees.',
    ]);
  });

  it('never throws, whatever the entry holds', () => {
    fc.assert(
      fc.property(fc.anything(), (raw) => {
        const parsed = parsePlatformConfig(raw, '/hb');
        expect(typeof parsed.ok).toBe('boolean');
      }),
      { numRuns: 300 },
    );
    fc.assert(
      fc.property(fc.dictionary(fc.constantFrom(...Object.keys(properties)), fc.anything()), (raw) => {
        parsePlatformConfig(raw, '/hb');
      }),
      { numRuns: 300 },
    );
  });
});
