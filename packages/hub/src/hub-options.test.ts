import { describe, expect, it } from 'vitest';
import { HUB_DEFAULTS, resolveHubOptions } from './hub-options';

const cardata = { tokenFile: '/tmp/x/cardata.json' };

describe('resolveHubOptions', () => {
  it('fills in the defaults: loopback, embedded broker on 1883, HTTP on 8124, prefix bimmer, discovery on', () => {
    const resolved = resolveHubOptions(cardata);
    expect(resolved).toMatchObject({
      host: '127.0.0.1',
      httpPort: HUB_DEFAULTS.httpPort,
      prefix: 'bimmer',
      discoveryPrefix: 'homeassistant',
      discovery: true,
      broker: { kind: 'embedded', port: 1883 },
      source: { kind: 'cardata', tokenFile: '/tmp/x/cardata.json' },
    });
  });

  it('takes the credentials of an external broker from its URL and never shows them', () => {
    const resolved = resolveHubOptions({ ...cardata, mqttUrl: 'mqtts://home%40x:p%3Ass@broker.lan:8883' });
    expect(resolved.broker).toEqual({
      kind: 'external',
      url: 'mqtts://home%40x:p%3Ass@broker.lan:8883',
      publicUrl: 'mqtts://broker.lan:8883',
      username: 'home@x',
      password: 'p:ss',
    });
  });

  it('names every bad option at once', () => {
    expect(() => resolveHubOptions({ ...cardata, httpPort: 70_000, mqttPort: -1, staleAfterMs: 0 })).toThrow(
      expect.objectContaining({ code: 'validation', paths: ['httpPort', 'mqttPort', 'staleAfterMs'] }),
    );
    expect(() => resolveHubOptions({ ...cardata, mqttUrl: 'http://broker' })).toThrow(
      expect.objectContaining({ paths: ['mqttUrl'] }),
    );
    expect(() => resolveHubOptions({ ...cardata, mqttUrl: 'mqtt://broker', mqttPort: 1884 })).toThrow(
      expect.objectContaining({ paths: ['mqttPort', 'mqttUrl'] }),
    );
  });

  it('needs a login source, and says MyBMW comes as a live account of its own', () => {
    expect(() => resolveHubOptions({})).toThrow(
      expect.objectContaining({ code: 'validation', paths: ['tokenFile'] }),
    );
    expect(() => resolveHubOptions({ transport: 'mybmw' })).toThrow(
      expect.objectContaining({ code: 'validation', paths: ['account'], action: 'check-input' }),
    );
    expect(() => resolveHubOptions({ transport: 'mybmw' })).toThrow(/openMyBMWLiveAccount/);
    expect(resolveHubOptions({ demo: true }).source).toEqual({ kind: 'demo', stateDir: undefined });
  });

  it('off loopback needs an API key for HTTP and credentials for the embedded broker, but not for an external one', () => {
    expect(() => resolveHubOptions({ ...cardata, host: '192.168.1.5' })).toThrow(
      expect.objectContaining({ paths: ['apiKey', 'mqttUsername', 'mqttPassword'] }),
    );
    expect(
      resolveHubOptions({
        ...cardata,
        host: '192.168.1.5',
        apiKey: '0123456789abcdef',
        mqttUrl: 'mqtt://broker.lan',
      }).apiKey,
    ).toBe('0123456789abcdef');
  });
});
