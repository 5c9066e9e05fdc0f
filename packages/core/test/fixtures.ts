import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { CarBrand, MyBMWVehicleResponses } from '../src/index';

/** Test-only fixture loading (the package itself has no I/O). */

const here = fileURLToPath(new URL('.', import.meta.url));
/** `../shared/fixtures/mybmw` beside the checkout (absent in a user's clone). */
export const SHARED_FIXTURES = join(here, '../../../../shared/fixtures/mybmw');
/** The project's own fleet (`fixtures/mybmw` at the repository root). */
export const OWN_FIXTURES = join(here, '../../../fixtures/mybmw');

export interface FixtureVehicle extends MyBMWVehicleResponses {
  /** Directory name (chassis code). */
  readonly dir: string;
  /** Brand from the file-name prefix (`toyota-eadrax-…`). */
  readonly brand: CarBrand | undefined;
}

function readJson(path: string): unknown {
  return JSON.parse(readFileSync(path, 'utf8'));
}

/** Loads one fingerprint directory in bimmer_connected's layout, or undefined if it has no profile. */
export function loadFixtureDir(root: string, dir: string): FixtureVehicle | undefined {
  const path = join(root, dir);
  const files = readdirSync(path);
  const find = (fragment: string) => files.find((f) => f.includes(fragment) && f.endsWith('.json'));
  const profile = find('vehicle-data_profile');
  if (profile === undefined) return undefined;
  const state = find('vehicles_state');
  const crccs = find('crccs_v2_vehicles');
  const prefix = profile.split('-')[0];
  const brand = prefix === 'bmw' || prefix === 'mini' || prefix === 'toyota' ? prefix : undefined;
  return {
    dir,
    brand,
    profile: readJson(join(path, profile)),
    state: state === undefined ? undefined : readJson(join(path, state)),
    chargingSettings: crccs === undefined ? undefined : readJson(join(path, crccs)),
  };
}

/** Every vehicle directory under `root` (sorted), or [] when `root` does not exist. */
export function loadFleet(root: string): FixtureVehicle[] {
  if (!existsSync(root)) return [];
  return readdirSync(root)
    .filter((entry) => statSync(join(root, entry)).isDirectory())
    .sort()
    .map((dir) => loadFixtureDir(root, dir))
    .filter((v): v is FixtureVehicle => v !== undefined);
}

/** The tests' frozen clock (bimmer_connected's tests use the same). */
export const FROZEN = new Date('2021-11-28T21:28:59Z');
