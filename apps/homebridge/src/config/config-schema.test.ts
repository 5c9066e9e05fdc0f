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
      'hubMqttUsername',
      'hubMqttPassword',
      'username',
      'password',
      'region',
      'captchaToken',
      'pollIntervalMinutes',
      'quietHours',
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
      'The hub transport needs "hubUrl" (the URL `bimmer hub` prints, e.g. http://127.0.0.1:8124).',
      `"services".teleport is not a service (known: ${SERVICE_TOGGLE_NAMES.join(', ')}).`,
      '"services".lock must be true or false.',
      '"staleAfterMinutes" must be a number from 1 to 43200.',
      '"home" needs latitude (-90..90) and longitude (-180..180) in degrees.',
    ]);
  });

  it("reads the hub and MyBMW options, with the MyBMW live account's polling defaults", () => {
    const hub = parsePlatformConfig(
      {
        transport: 'hub',
        hubUrl: 'http://hub.local:8124/',
        hubApiKey: 'a-key-of-sixteen-chars',
        hubMqttUsername: 'homebridge',
        hubMqttPassword: 'broker-secret',
      },
      '/hb',
    );
    expect(hub.ok && hub.settings).toMatchObject({
      hubUrl: 'http://hub.local:8124',
      hubApiKey: 'a-key-of-sixteen-chars',
      hubMqttUsername: 'homebridge',
      hubMqttPassword: 'broker-secret',
    });
    const mybmw = parsePlatformConfig(
      {
        transport: 'mybmw',
        username: 'u@example.com',
        password: 'p',
        quietHours: { from: '23:00', to: '06:30' },
      },
      '/hb',
    );
    expect(mybmw.ok && mybmw.settings.pollIntervalMs).toBe(5 * 60_000);
    expect(mybmw.ok && mybmw.settings.quietHours).toEqual({ from: '23:00', to: '06:30' });
    const tuned = parsePlatformConfig({ pollIntervalMinutes: 15, quietHours: { from: '', to: '' } }, '/hb');
    expect(tuned.ok && tuned.settings.pollIntervalMs).toBe(15 * 60_000);
    expect(tuned.ok && tuned.settings.quietHours).toBeUndefined();
  });

  it('names wrong hub and MyBMW options', () => {
    const parsed = parsePlatformConfig(
      {
        transport: 'hub',
        hubUrl: 'mqtt://hub.local:1883',
        pollIntervalMinutes: 0,
        quietHours: { from: '23:00', to: '24:00' },
      },
      '/hb',
    );
    expect(parsed.ok).toBe(false);
    if (parsed.ok) return;
    expect(parsed.errors).toEqual([
      '"pollIntervalMinutes" must be a number from 1 to 1440.',
      '"quietHours" needs "from" and "to" as HH:MM times (24 h), e.g. 23:00 and 06:00.',
      '"hubUrl" is the hub\'s HTTP address (http:// or https://), not its MQTT broker.',
    ]);
    const same = parsePlatformConfig({ quietHours: { from: '22:00', to: '22:00' } }, '/hb');
    expect(same.ok ? [] : same.errors).toEqual(['"quietHours" needs different "from" and "to" times.']);
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
