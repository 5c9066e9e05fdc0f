import { readdirSync } from 'node:fs';
import { join } from 'node:path';

/** The VINs of our own fleet as the repository's `fixtures/` holds it: what a user must be served. */
export function fleetVins(repository: string): { vins: string[]; cardataVins: string[] } {
  const mybmw = join(repository, 'fixtures', 'mybmw');
  const vins = readdirSync(mybmw, { recursive: true, encoding: 'utf8' })
    .map((path) => /vehicle-data_profile_([A-Z0-9]{17})\.json$/.exec(path)?.[1])
    .filter((vin) => vin !== undefined);
  const cardataVins = readdirSync(join(repository, 'fixtures', 'cardata', 'rest'))
    .map((name) => /^([A-Z0-9]{17})\.json$/.exec(name)?.[1])
    .filter((vin) => vin !== undefined);
  return { vins: vins.sort(), cardataVins: cardataVins.sort() };
}
