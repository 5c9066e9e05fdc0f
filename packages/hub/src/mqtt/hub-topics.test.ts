import { describe, expect, it } from 'vitest';
import { HubTopics } from './hub-topics';

describe('HubTopics', () => {
  it('names every topic of the issue', () => {
    const topics = new HubTopics('bimmer', 'homeassistant');
    const vin = 'WBA00000000000001';
    expect(topics.status).toBe('bimmer/status');
    expect(topics.budget).toBe('bimmer/budget');
    expect(topics.connection).toBe('bimmer/connection');
    expect(topics.raw(vin)).toBe(`bimmer/raw/${vin}`);
    expect(topics.state(vin)).toBe(`bimmer/${vin}/state`);
    expect(topics.event(vin)).toBe(`bimmer/${vin}/event`);
    expect(topics.field(vin, 'fuelAndBattery.remainingBatteryPercent')).toBe(
      `bimmer/${vin}/fuelAndBattery/remainingBatteryPercent`,
    );
    expect(topics.discovery(vin)).toBe(`homeassistant/device/bimmer_${vin}/config`);
    expect(topics.homeAssistantStatus).toBe('homeassistant/status');
  });

  it('refuses prefixes that would break topics', () => {
    for (const prefix of ['', 'a/#', 'a/+/b', '/a', 'a/', 'a//b']) {
      expect(() => new HubTopics(prefix, 'homeassistant'), prefix).toThrow(
        expect.objectContaining({ code: 'validation' }),
      );
    }
    expect(new HubTopics('home/cars', 'ha').state('X')).toBe('home/cars/X/state');
  });
});
