import { isAbsolute, join, resolve } from 'node:path';
import { parseRegion, REGIONS } from '@bimmer/core';
import { VIN_PATTERN } from '@bimmer/core/internal';
import { STORAGE_FOLDER } from '../settings';
import {
  type HomeGeofence,
  type PlatformSettings,
  type QuietHoursSetting,
  TRANSPORTS,
  type Transport,
  type VehicleEntry,
  type VehicleSettings,
} from './platform-config';
import { DEFAULT_SERVICE_TOGGLES, SERVICE_TOGGLE_NAMES, type ServiceToggles } from './service-toggles';

/** The result of reading a platform entry: the settings, or every problem found (never a throw). */
export type ParsedPlatformConfig =
  | { readonly ok: true; readonly settings: PlatformSettings; readonly notes: readonly string[] }
  | { readonly ok: false; readonly errors: readonly string[] };

/** Default low-battery threshold, percent. */
export const DEFAULT_LOW_BATTERY_PERCENT = 20;
/** Default staleness threshold: a day without any new value. */
export const DEFAULT_STALE_AFTER_MINUTES = 1440;
/** Default time between MyBMW polls (the MyBMW live account's own default). */
export const DEFAULT_POLL_INTERVAL_MINUTES = 5;
/** A wall-clock time of quiet hours, `HH:MM` (24 h). */
const CLOCK_TIME = /^([01]\d|2[0-3]):[0-5]\d$/;
/** 17 capitals and digits (wider than ISO 3779 on purpose: test VINs use any letter). */

type Raw = Record<string, unknown>;

/** The default CarData token file: `<storage path>/bimmer/cardata-tokens.json`. */
export function defaultTokenFile(storagePath: string): string {
  return join(storagePath, STORAGE_FOLDER, 'cardata-tokens.json');
}

/**
 * Reads one `platforms[]` entry of Homebridge's config.json. Everything is checked before anything
 * starts; a problem becomes a sentence saying which option is wrong and what it should be, so the
 * platform can log it and stay idle instead of crashing Homebridge. Relative paths are resolved
 * against Homebridge's storage path.
 */
export function parsePlatformConfig(raw: unknown, storagePath: string): ParsedPlatformConfig {
  const errors: string[] = [];
  const notes: string[] = [];
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) {
    return { ok: false, errors: ['The platform entry is not an object.'] };
  }
  const input = raw as Raw;
  const text = (key: string): string | undefined => {
    const value = input[key];
    if (value === undefined || value === null || value === '') return undefined;
    if (typeof value !== 'string') {
      errors.push(`"${key}" must be text.`);
      return undefined;
    }
    return value.trim() === '' ? undefined : value.trim();
  };
  const url = (key: string): string | undefined => {
    const value = text(key);
    if (value === undefined) return undefined;
    try {
      const parsed = new URL(value);
      if (!/^(https?|mqtts?|wss?):$/.test(parsed.protocol)) throw new TypeError('protocol');
      return value.replace(/\/+$/, '');
    } catch {
      errors.push(`"${key}" must be a URL (http://, https://, mqtt:// or mqtts://).`);
      return undefined;
    }
  };

  const transportText = text('transport') ?? 'cardata';
  const transport = (TRANSPORTS as readonly string[]).includes(transportText)
    ? (transportText as Transport)
    : undefined;
  if (transport === undefined) {
    errors.push(`"transport" must be one of ${TRANSPORTS.join(', ')} (got "${transportText}").`);
  }

  const tokenFileText = text('tokenFile');
  const tokenFile =
    tokenFileText === undefined
      ? defaultTokenFile(storagePath)
      : isAbsolute(tokenFileText)
        ? tokenFileText
        : resolve(storagePath, tokenFileText);

  const settings = {
    name: text('name') ?? 'Bimmer',
    clientId: text('clientId'),
    baseUrl: url('baseUrl'),
    streamUrl: url('streamUrl'),
    tokenFile,
    hubUrl: url('hubUrl'),
    hubApiKey: text('hubApiKey'),
    hubMqttUsername: text('hubMqttUsername'),
    hubMqttPassword: text('hubMqttPassword'),
    username: text('username'),
    password: text('password'),
    region: text('region'),
    captchaToken: text('captchaToken'),
    pollIntervalMs: pollInterval(input.pollIntervalMinutes, errors),
    quietHours: quietHours(input.quietHours, errors),
  };

  const hubUrlGiven = typeof input.hubUrl === 'string' && input.hubUrl.trim() !== '';
  if (transport === 'hub' && !hubUrlGiven) {
    errors.push(
      'The hub transport needs "hubUrl" (the URL `bimmer hub` prints, e.g. http://127.0.0.1:8124).',
    );
  } else if (transport === 'hub' && settings.hubUrl !== undefined && !/^https?:/.test(settings.hubUrl)) {
    errors.push('"hubUrl" is the hub\'s HTTP address (http:// or https://), not its MQTT broker.');
  }
  if (transport === 'mybmw') {
    if (settings.username === undefined) errors.push('The mybmw transport needs "username".');
    if (settings.password === undefined) errors.push('The mybmw transport needs "password".');
    if (settings.region !== undefined && parseRegion(settings.region) === undefined) {
      errors.push(`"region" must be one of ${REGIONS.join(', ')} (or row, na, cn).`);
    }
  }
  if (settings.clientId !== undefined && !/^[\w-]{8,}$/.test(settings.clientId)) {
    errors.push('"clientId" must be the CarData client ID from the BMW portal (a UUID).');
  }

  const defaults = vehicleSettings(input, undefined, 'platform', errors);
  const vehicles: VehicleEntry[] = [];
  const listed = input.vehicles;
  if (listed !== undefined && listed !== null) {
    if (!Array.isArray(listed)) {
      errors.push('"vehicles" must be a list.');
    } else {
      const seen = new Set<string>();
      listed.forEach((entry, index) => {
        const where = `vehicles[${index}]`;
        if (typeof entry !== 'object' || entry === null) {
          errors.push(`${where} must be an object with a "vin".`);
          return;
        }
        const vinRaw = (entry as Raw).vin;
        const vin = typeof vinRaw === 'string' ? vinRaw.trim().toUpperCase() : '';
        if (!VIN_PATTERN.test(vin)) {
          errors.push(`${where}.vin must be a 17-character VIN.`);
          return;
        }
        if (seen.has(vin)) {
          errors.push(`${where}: this VIN is listed twice.`);
          return;
        }
        seen.add(vin);
        const exclude = (entry as Raw).exclude;
        if (exclude !== undefined && typeof exclude !== 'boolean')
          errors.push(`${where}.exclude must be true or false.`);
        vehicles.push({
          vin,
          exclude: exclude === true,
          settings: vehicleSettings(entry as Raw, defaults, where, errors),
        });
      });
    }
  }
  const only = input.onlyListedVehicles;
  if (only !== undefined && typeof only !== 'boolean')
    errors.push('"onlyListedVehicles" must be true or false.');
  if (only === true && vehicles.every((vehicle) => vehicle.exclude)) {
    notes.push('"onlyListedVehicles" is on but no vehicle is listed to show: no accessory will be created.');
  }

  if (errors.length > 0 || transport === undefined) return { ok: false, errors };
  return {
    ok: true,
    notes,
    settings: { ...settings, transport, onlyListedVehicles: only === true, defaults, vehicles },
  };
}

/** `pollIntervalMinutes` (MyBMW) in ms: 1 minute to a day, default 5 minutes. */
function pollInterval(value: unknown, errors: string[]): number {
  if (value === undefined || value === null || value === '') return DEFAULT_POLL_INTERVAL_MINUTES * 60_000;
  if (typeof value !== 'number' || !Number.isFinite(value) || value < 1 || value > 1440) {
    errors.push('"pollIntervalMinutes" must be a number from 1 to 1440.');
    return DEFAULT_POLL_INTERVAL_MINUTES * 60_000;
  }
  return Math.round(value * 60_000);
}

/** `quietHours` (MyBMW): both times `HH:MM` and different, or neither. */
function quietHours(value: unknown, errors: string[]): QuietHoursSetting | undefined {
  if (value === undefined || value === null) return undefined;
  const { from, to } = typeof value === 'object' && !Array.isArray(value) ? (value as Raw) : {};
  const blank = (x: unknown) => x === undefined || x === null || x === '';
  if (blank(from) && blank(to)) return undefined;
  if (typeof from !== 'string' || typeof to !== 'string' || !CLOCK_TIME.test(from) || !CLOCK_TIME.test(to)) {
    errors.push('"quietHours" needs "from" and "to" as HH:MM times (24 h), e.g. 23:00 and 06:00.');
    return undefined;
  }
  if (from === to) {
    errors.push('"quietHours" needs different "from" and "to" times.');
    return undefined;
  }
  return { from, to };
}

function vehicleSettings(
  input: Raw,
  base: VehicleSettings | undefined,
  where: string,
  errors: string[],
): VehicleSettings {
  const prefix = (key: string) => (where === 'platform' ? `"${key}"` : `${where}.${key}`);
  const optionalText = (key: string): string | undefined => {
    const value = input[key];
    if (value === undefined || value === null || value === '') return undefined;
    if (typeof value !== 'string') {
      errors.push(`${prefix(key)} must be text.`);
      return undefined;
    }
    return value.trim() || undefined;
  };
  const number = (key: string, min: number, max: number): number | undefined => {
    const value = input[key];
    if (value === undefined || value === null || value === '') return undefined;
    if (typeof value !== 'number' || !Number.isFinite(value) || value < min || value > max) {
      errors.push(`${prefix(key)} must be a number from ${min} to ${max}.`);
      return undefined;
    }
    return value;
  };
  const services: Record<string, boolean> = { ...(base?.services ?? DEFAULT_SERVICE_TOGGLES) };
  const rawServices = input.services;
  if (rawServices !== undefined && rawServices !== null) {
    if (typeof rawServices !== 'object' || Array.isArray(rawServices)) {
      errors.push(`${prefix('services')} must be an object of true/false switches.`);
    } else {
      for (const [key, value] of Object.entries(rawServices)) {
        if (!(SERVICE_TOGGLE_NAMES as string[]).includes(key)) {
          errors.push(
            `${prefix('services')}.${key} is not a service (known: ${SERVICE_TOGGLE_NAMES.join(', ')}).`,
          );
        } else if (typeof value !== 'boolean') {
          errors.push(`${prefix('services')}.${key} must be true or false.`);
        } else {
          services[key] = value;
        }
      }
    }
  }
  const staleMinutes = number('staleAfterMinutes', 1, 60 * 24 * 30);
  return {
    namePrefix: optionalText('namePrefix') ?? base?.namePrefix,
    name: where === 'platform' ? undefined : optionalText('name'),
    services: services as unknown as ServiceToggles,
    home: home(input.home, prefix('home'), errors) ?? base?.home,
    lowBatteryPercent:
      number('lowBatteryPercent', 1, 99) ?? base?.lowBatteryPercent ?? DEFAULT_LOW_BATTERY_PERCENT,
    staleAfterMs:
      staleMinutes === undefined
        ? (base?.staleAfterMs ?? DEFAULT_STALE_AFTER_MINUTES * 60_000)
        : staleMinutes * 60_000,
  };
}

function home(value: unknown, where: string, errors: string[]): HomeGeofence | undefined {
  if (value === undefined || value === null) return undefined;
  if (typeof value !== 'object' || Array.isArray(value)) {
    errors.push(`${where} must be an object with latitude, longitude and radiusMeters.`);
    return undefined;
  }
  const { latitude, longitude, radiusMeters } = value as Raw;
  const inRange = (x: unknown, min: number, max: number) =>
    typeof x === 'number' && Number.isFinite(x) && x >= min && x <= max;
  if (latitude === undefined && longitude === undefined) return undefined;
  if (!inRange(latitude, -90, 90) || !inRange(longitude, -180, 180)) {
    errors.push(`${where} needs latitude (-90..90) and longitude (-180..180) in degrees.`);
    return undefined;
  }
  if (radiusMeters !== undefined && !inRange(radiusMeters, 10, 100_000)) {
    errors.push(`${where}.radiusMeters must be from 10 to 100000.`);
    return undefined;
  }
  return {
    latitude: latitude as number,
    longitude: longitude as number,
    radiusMeters: (radiusMeters as number | undefined) ?? 150,
  };
}

/** The settings that apply to one vehicle: its own entry's, else the platform's defaults. */
export function settingsForVehicle(settings: PlatformSettings, vin: string): VehicleSettings | undefined {
  const entry = settings.vehicles.find((vehicle) => vehicle.vin === vin);
  if (entry?.exclude === true) return undefined;
  if (entry === undefined) return settings.onlyListedVehicles ? undefined : settings.defaults;
  return entry.settings;
}
