import { describe, expect, it } from 'vitest';
import { isLoopbackHost, urlHost } from './host-address';

describe('isLoopbackHost', () => {
  it('knows the loopback names and addresses', () => {
    for (const host of [
      '127.0.0.1',
      '127.1.2.3',
      'localhost',
      'LOCALHOST',
      '::1',
      '[::1]',
      '::ffff:127.0.0.1',
    ]) {
      expect(isLoopbackHost(host), host).toBe(true);
    }
  });

  it('treats every other interface, the wildcards included, as reachable from the network', () => {
    for (const host of ['0.0.0.0', '::', '192.168.1.10', '10.0.0.1', 'fe80::1', 'hub.local', '128.0.0.1']) {
      expect(isLoopbackHost(host), host).toBe(false);
    }
  });
});

describe('urlHost', () => {
  it('brackets IPv6 and turns wildcards into a loopback address a client can reach', () => {
    expect(urlHost('127.0.0.1')).toBe('127.0.0.1');
    expect(urlHost('::1')).toBe('[::1]');
    expect(urlHost('0.0.0.0')).toBe('127.0.0.1');
    expect(urlHost('::')).toBe('[::1]');
    expect(urlHost('hub.local')).toBe('hub.local');
  });
});
