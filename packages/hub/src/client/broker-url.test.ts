import { describe, expect, it } from 'vitest';
import { brokerUrlFor } from './broker-url';

describe('brokerUrlFor', () => {
  it('keeps the broker the hub names when client and hub share the machine, or the broker is elsewhere', () => {
    expect(brokerUrlFor('http://127.0.0.1:8124', 'mqtt://127.0.0.1:1883')).toBe('mqtt://127.0.0.1:1883');
    expect(brokerUrlFor('http://hub.lan:8124', 'mqtts://broker.lan:8883')).toBe('mqtts://broker.lan:8883');
  });

  it("reaches a hub's loopback or wildcard broker at the hub's own host", () => {
    expect(brokerUrlFor('http://192.168.1.5:8124', 'mqtt://127.0.0.1:1883')).toBe('mqtt://192.168.1.5:1883');
    expect(brokerUrlFor('http://hub.lan:8124', 'mqtt://0.0.0.0:1883')).toBe('mqtt://hub.lan:1883');
  });
});
