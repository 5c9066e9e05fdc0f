import type { API } from 'homebridge';
import { BimmerPlatform } from './platform/bimmer-platform';
import { PLATFORM_NAME } from './settings';

/**
 * Homebridge's entry point: registers the `Bimmer` dynamic platform. Importing this module starts
 * nothing; the platform starts only when config.json configures it.
 */
export default function bimmer(api: API): void {
  api.registerPlatform(PLATFORM_NAME, BimmerPlatform);
}
