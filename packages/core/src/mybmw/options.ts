import type { CarBrand, Region } from '../models/enums';

/** Input of `parseMyBMWVehicle`: the three MyBMW responses of one vehicle, as parsed JSON. */
export interface MyBMWVehicleResponses {
  /** `GET /eadrax-vcs/v5/vehicle-data/profile` (header `bmw-vin`). Must carry the VIN. */
  readonly profile: unknown;
  /** `GET /eadrax-vcs/v4/vehicles/state`: `{ capabilities, state }`. Missing or malformed: no state. */
  readonly state?: unknown;
  /** `GET /eadrax-crccs/v2/vehicles` (charging settings); null/undefined when not fetched. */
  readonly chargingSettings?: unknown;
}

/** Options of `parseMyBMWVehicle`. */
export interface ParseMyBMWVehicleOptions extends MyBMWVehicleResponses {
  /** When the responses were fetched. Truncated to whole seconds. Charging/climate end times count from it. */
  readonly fetchedAt: Date;
  /**
   * Region of the account, `rest_of_world` when omitted; `china` converts GCJ-02 positions to WGS-84.
   * bimmer_connected's short codes (`row`, `na`, `cn`) are accepted too.
   */
  readonly region?: Region | 'row' | 'na' | 'cn' | undefined;
  /**
   * The brand whose vehicle list the VIN came from. Overrides the profile's brand when it is
   * `toyota` (the API says `DRITTKUNDE`), and is the fallback when the profile's brand is unknown.
   */
  readonly brand?: CarBrand | undefined;
  /**
   * "Now" for the next start of a charging window (`fuelAndBattery.chargingStartTime`). Defaults to
   * `fetchedAt` (bimmer_connected uses the wall clock at parse time).
   */
  readonly now?: Date | undefined;
  /**
   * IANA time zone of the charging window's wall-clock times. Defaults to this machine's zone (as
   * bimmer_connected, which uses local time). An unknown zone falls back to UTC with an issue.
   */
  readonly timeZone?: string | undefined;
}
