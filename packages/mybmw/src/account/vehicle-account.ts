import type { Region } from '@bimmer/core';
import type { MyBMWClient } from '../http/client';
import type { GPSPosition } from './gps-position';

/**
 * What a vehicle (and @bimmer/remote) needs from the account it belongs to. `MyBMWAccount` implements
 * it; tests may pass a smaller object.
 */
export interface VehicleAccount {
  /** The account's HTTP client. */
  readonly client: MyBMWClient;
  /** The account's region (`rest_of_world`, `north_america`, `china`). */
  readonly region: Region;
  /** The account's gcid, once logged in (send-to-car needs it). */
  readonly gcid: string | undefined;
  /** Where the user is; the vehicle finder needs it to return the vehicle's position. */
  readonly observerPosition: GPSPosition | undefined;
  /**
   * The IANA time zone of the vehicle's naive wall-clock times (the charging window), passed to
   * @bimmer/core's parser.
   */
  readonly timeZone: string;
  /** The clock (tests inject one). */
  now(): Date;
}
