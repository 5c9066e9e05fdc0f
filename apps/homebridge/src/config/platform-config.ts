import type { ServiceToggles } from './service-toggles';

/** How the plugin reaches the car. */
export type Transport = 'cardata' | 'hub' | 'mybmw' | 'demo';

/** Every transport, as the settings page offers them. */
export const TRANSPORTS: readonly Transport[] = ['cardata', 'hub', 'mybmw', 'demo'];

/** A daily window without automatic MyBMW polls, `HH:MM` (24 h) on this machine's clock. */
export interface QuietHoursSetting {
  readonly from: string;
  readonly to: string;
}

/** A circle around home, for the "At home" sensor. */
export interface HomeGeofence {
  readonly latitude: number;
  readonly longitude: number;
  readonly radiusMeters: number;
}

/** What shapes the tiles of one vehicle (defaults, overridden per vehicle). */
export interface VehicleSettings {
  /** Put before every service name (e.g. `i4`), so Siri tells two cars apart. */
  readonly namePrefix: string | undefined;
  /** The accessory's name; default the model name. */
  readonly name: string | undefined;
  readonly services: ServiceToggles;
  readonly home: HomeGeofence | undefined;
  /** Low battery below this percentage. */
  readonly lowBatteryPercent: number;
  /** The data counts as stale (StatusFault) when its newest value is older than this. */
  readonly staleAfterMs: number;
}

/** A vehicle named in the configuration. */
export interface VehicleEntry {
  readonly vin: string;
  /** Leave this vehicle out of Homebridge. */
  readonly exclude: boolean;
  /** Its own settings, over the platform's. */
  readonly settings: VehicleSettings;
}

/** The settings of one `platforms[]` entry, checked and with defaults applied. */
export interface PlatformSettings {
  /** The platform entry's `name` (log prefix). */
  readonly name: string;
  readonly transport: Transport;
  /** CarData client ID (the login needs it; the running plugin reads it from the token file). */
  readonly clientId: string | undefined;
  /** BMW's login and REST host (advanced; the simulator in tests). */
  readonly baseUrl: string | undefined;
  /** BMW's stream broker (advanced). */
  readonly streamUrl: string | undefined;
  /** The CarData token file: absolute, inside the storage path unless the user chose otherwise. */
  readonly tokenFile: string;
  /** The hub's HTTP URL (what `bimmer hub` prints as `hub http on …`). */
  readonly hubUrl: string | undefined;
  /** The hub's API key (needed when the hub listens beyond its own machine). */
  readonly hubApiKey: string | undefined;
  /** The login of the hub's embedded MQTT broker (needed when the hub listens beyond its own machine). */
  readonly hubMqttUsername: string | undefined;
  readonly hubMqttPassword: string | undefined;
  readonly username: string | undefined;
  readonly password: string | undefined;
  readonly region: string | undefined;
  readonly captchaToken: string | undefined;
  /** MyBMW: time between polls. */
  readonly pollIntervalMs: number;
  /** MyBMW: a daily window without automatic polls (this machine's clock). */
  readonly quietHours: QuietHoursSetting | undefined;
  /** Show only the vehicles listed in `vehicles` (default: every vehicle of the account). */
  readonly onlyListedVehicles: boolean;
  /** The defaults for every vehicle. */
  readonly defaults: VehicleSettings;
  readonly vehicles: readonly VehicleEntry[];
}
