import type { GpsPosition } from './vehicle';

/** True when latitude is in [-90, 90] and longitude in [-180, 180] (finite numbers). */
export function isValidGpsPosition(position: {
  latitude: unknown;
  longitude: unknown;
}): position is GpsPosition {
  const { latitude, longitude } = position;
  return (
    typeof latitude === 'number' &&
    typeof longitude === 'number' &&
    Number.isFinite(latitude) &&
    Number.isFinite(longitude) &&
    latitude >= -90 &&
    latitude <= 90 &&
    longitude >= -180 &&
    longitude <= 180
  );
}

// GCJ-02 ("Mars coordinates") <-> WGS-84, after the MIT-licensed coord-convert project that
// bimmer_connected vendors. Krasovsky 1940 ellipsoid.
const A = 6378245.0;
const F = 1 / 298.3;
const B = A * (1 - F);
const EE = 1 - (B * B) / (A * A);

function outOfChina(lng: number, lat: number): boolean {
  return !(lng >= 72.004 && lng <= 137.8347 && lat >= 0.8293 && lat <= 55.8271);
}

function transformLat(x: number, y: number): number {
  let ret = -100.0 + 2.0 * x + 3.0 * y + 0.2 * y * y + 0.1 * x * y + 0.2 * Math.sqrt(Math.abs(x));
  ret += ((20.0 * Math.sin(6.0 * x * Math.PI) + 20.0 * Math.sin(2.0 * x * Math.PI)) * 2.0) / 3.0;
  ret += ((20.0 * Math.sin(y * Math.PI) + 40.0 * Math.sin((y / 3.0) * Math.PI)) * 2.0) / 3.0;
  ret += ((160.0 * Math.sin((y / 12.0) * Math.PI) + 320 * Math.sin((y * Math.PI) / 30.0)) * 2.0) / 3.0;
  return ret;
}

function transformLon(x: number, y: number): number {
  let ret = 300.0 + x + 2.0 * y + 0.1 * x * x + 0.1 * x * y + 0.1 * Math.sqrt(Math.abs(x));
  ret += ((20.0 * Math.sin(6.0 * x * Math.PI) + 20.0 * Math.sin(2.0 * x * Math.PI)) * 2.0) / 3.0;
  ret += ((20.0 * Math.sin(x * Math.PI) + 40.0 * Math.sin((x / 3.0) * Math.PI)) * 2.0) / 3.0;
  ret += ((150.0 * Math.sin((x / 12.0) * Math.PI) + 300.0 * Math.sin((x / 30.0) * Math.PI)) * 2.0) / 3.0;
  return ret;
}

/** WGS-84 to GCJ-02. Positions outside China are returned unchanged. */
export function wgs84ToGcj02(position: GpsPosition): GpsPosition {
  const { latitude: lat, longitude: lng } = position;
  if (outOfChina(lng, lat)) return { latitude: lat, longitude: lng };
  let dLat = transformLat(lng - 105.0, lat - 35.0);
  let dLng = transformLon(lng - 105.0, lat - 35.0);
  const radLat = (lat / 180.0) * Math.PI;
  let magic = Math.sin(radLat);
  magic = 1 - EE * magic * magic;
  const sqrtMagic = Math.sqrt(magic);
  dLat = (dLat * 180.0) / (((A * (1 - EE)) / (magic * sqrtMagic)) * Math.PI);
  dLng = (dLng * 180.0) / ((A / sqrtMagic) * Math.cos(radLat) * Math.PI);
  return { latitude: lat + dLat, longitude: lng + dLng };
}

/**
 * GCJ-02 (the datum of positions reported to China accounts) to WGS-84, by iterating the forward
 * transform until both components move less than 1e-6 degrees. Outside China: unchanged.
 */
export function gcj02ToWgs84(position: GpsPosition): GpsPosition {
  let wgs = { latitude: position.latitude, longitude: position.longitude };
  for (let i = 0; i < 100; i++) {
    const gcj = wgs84ToGcj02(wgs);
    const next = {
      latitude: wgs.latitude - (gcj.latitude - position.latitude),
      longitude: wgs.longitude - (gcj.longitude - position.longitude),
    };
    const done =
      Math.abs(next.latitude - wgs.latitude) < 1e-6 && Math.abs(next.longitude - wgs.longitude) < 1e-6;
    wgs = next;
    if (done) break;
  }
  return wgs;
}
