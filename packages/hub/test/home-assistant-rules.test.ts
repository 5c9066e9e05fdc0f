import { describe, expect, it } from 'vitest';
import { checkDeviceDiscovery } from './support/home-assistant-rules';

const expected = { discoveryPrefix: 'homeassistant', availabilityTopic: 'bimmer/status' };
const topic = 'homeassistant/device/bimmer_X/config';

function config(components: Record<string, unknown>, extra: Record<string, unknown> = {}): string {
  return JSON.stringify({
    dev: { ids: ['bimmer_X'], name: 'BMW i4' },
    o: { name: 'bimmer' },
    availability: [{ topic: 'bimmer/status' }],
    cmps: components,
    ...extra,
  });
}

describe('the discovery checker', () => {
  it('accepts a config Home Assistant takes', () => {
    const ok = config({
      battery: {
        p: 'sensor',
        unique_id: 'a',
        state_topic: 't',
        device_class: 'battery',
        unit_of_measurement: '%',
        state_class: 'measurement',
      },
      mileage: {
        p: 'sensor',
        unique_id: 'b',
        state_topic: 't',
        device_class: 'distance',
        unit_of_measurement: 'km',
        state_class: 'total_increasing',
      },
      status: { p: 'sensor', unique_id: 'c', state_topic: 't', device_class: 'enum', options: ['A'] },
      plug: { p: 'binary_sensor', unique_id: 'd', state_topic: 't', device_class: 'plug' },
      location: { p: 'device_tracker', unique_id: 'e', json_attributes_topic: 't', source_type: 'gps' },
    });
    expect(checkDeviceDiscovery(topic, ok, expected)).toEqual([]);
  });

  it('finds each broken rule', () => {
    const problems = checkDeviceDiscovery(
      'homeassistant/device/bad id/config',
      JSON.stringify({
        dev: { name: '' },
        availability: [{ topic: 'other/status' }],
        cmps: {
          'bad id': { p: 'sensor', unique_id: 'a', state_topic: 't' },
          battery: {
            p: 'sensor',
            unique_id: 'a',
            state_topic: 't',
            device_class: 'battery',
            unit_of_measurement: 'km',
          },
          total: {
            p: 'sensor',
            unique_id: 'b',
            state_topic: 't',
            device_class: 'battery',
            unit_of_measurement: '%',
            state_class: 'total',
          },
          when: {
            p: 'sensor',
            unique_id: 'c',
            state_topic: 't',
            device_class: 'timestamp',
            unit_of_measurement: 's',
          },
          choice: { p: 'sensor', unique_id: 'd', state_topic: 't', device_class: 'enum' },
          made_up: { p: 'sensor', unique_id: 'e', state_topic: 't', device_class: 'fuel' },
          door: { p: 'binary_sensor', unique_id: 'f', state_topic: 't', device_class: 'car_door' },
          where: { p: 'device_tracker', unique_id: 'g' },
          light: { p: 'light', unique_id: 'h' },
          nameless: { p: 'sensor', state_topic: 't' },
        },
      }),
      expected,
    );
    expect(problems).toEqual(
      expect.arrayContaining([
        'topic homeassistant/device/bad id/config is not <prefix>/device/<id>/config',
        'device has no identifiers',
        'device has no name',
        'origin (o) with a name is missing',
        'availability does not follow bimmer/status',
        'component bad id: id has characters Home Assistant does not accept',
        'component battery: unique_id a is used twice',
        "component battery: unit km is not one of battery's",
        'component total: state class total is not allowed for battery',
        'component when: a timestamp sensor takes no unit',
        'component choice: an enum sensor needs its options',
        'component made_up: sensor device class fuel does not exist',
        'component door: binary sensor device class car_door does not exist',
        'component where: a device tracker needs a state_topic or a json_attributes_topic',
        'component light: platform light is not one the hub announces',
        'component nameless: unique_id is missing',
      ]),
    );
  });

  it('rejects a payload that is not a device config', () => {
    expect(checkDeviceDiscovery(topic, 'not json', expected)).toEqual(['payload is not JSON']);
    expect(checkDeviceDiscovery(topic, config({}), expected)).toContain('components (cmps) are missing');
  });
});
