// The configured home circles become the live account's named geofences, one per distinct circle.
import { describe, expect, it } from 'vitest';
import { parsePlatformConfig } from '../config/parse-platform-config';
import { homeGeofences } from './home-geofences';

const HOME = { latitude: 48.1772, longitude: 11.5562, radiusMeters: 150 };
const COTTAGE = { latitude: 47.5, longitude: 12.1, radiusMeters: 300 };

function settingsOf(raw: Record<string, unknown>) {
  const parsed = parsePlatformConfig({ platform: 'Bimmer', ...raw }, '/tmp/hb');
  if (!parsed.ok) throw new Error(parsed.errors.join(' '));
  return parsed.settings;
}

describe('homeGeofences', () => {
  it('names the platform home "home" and a vehicle home of its own "home 2"', () => {
    const settings = settingsOf({
      home: HOME,
      vehicles: [
        { vin: 'WBASIMCARDATA0001' },
        { vin: 'WBASIMCARDATA0002', home: COTTAGE },
        { vin: 'WBASIMCARDATA0003', home: HOME },
      ],
    });
    const homes = homeGeofences(settings);
    expect(homes.geofences).toEqual([
      { name: 'home', center: { latitude: 48.1772, longitude: 11.5562 }, radiusMeters: 150 },
      { name: 'home 2', center: { latitude: 47.5, longitude: 12.1 }, radiusMeters: 300 },
    ]);
    expect(homes.nameOf(settings.vehicles[0]?.settings.home)).toBe('home');
    expect(homes.nameOf(settings.vehicles[1]?.settings.home)).toBe('home 2');
    expect(homes.nameOf(settings.vehicles[2]?.settings.home)).toBe('home');
    expect(homes.nameOf(undefined)).toBeUndefined();
  });

  it('has no geofence without a home, and leaves out the homes of excluded vehicles', () => {
    expect(homeGeofences(settingsOf({})).geofences).toEqual([]);
    const settings = settingsOf({ vehicles: [{ vin: 'WBASIMCARDATA0002', exclude: true, home: COTTAGE }] });
    expect(homeGeofences(settings).geofences).toEqual([]);
  });
});
