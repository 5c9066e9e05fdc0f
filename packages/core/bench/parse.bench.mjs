// Parse throughput of the fixture fleet: vehicles per second and memory, printed as JSON.
// Reads the project's fleet (fixtures/mybmw, one directory per vehicle); falls back to
// ../shared/fixtures/mybmw when ours is empty. Run after `pnpm build` (imports ../dist).
// No assertions: the numbers are for comparison between commits on the same machine.
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseMyBMWVehicle, vehicleToJSON } from '../dist/index.js';

const here = fileURLToPath(new URL('.', import.meta.url));
const candidates = [join(here, '../../../fixtures/mybmw'), join(here, '../../../../shared/fixtures/mybmw')];
const durationMs = Number(process.env.BENCH_MS ?? 2000);

function loadFleet(root) {
  if (!existsSync(root)) return [];
  const vehicles = [];
  for (const dir of readdirSync(root).sort()) {
    const path = join(root, dir);
    if (!statSync(path).isDirectory()) continue;
    const files = readdirSync(path);
    const find = (fragment) => files.find((f) => f.includes(fragment) && f.endsWith('.json'));
    const profile = find('vehicle-data_profile');
    if (profile === undefined) continue;
    const read = (name) =>
      name === undefined ? undefined : JSON.parse(readFileSync(join(path, name), 'utf8'));
    const brand = profile.split('-')[0];
    vehicles.push({
      dir,
      profile: read(profile),
      state: read(find('vehicles_state')),
      chargingSettings: read(find('crccs_v2_vehicles')),
      brand: ['bmw', 'mini', 'toyota'].includes(brand) ? brand : undefined,
    });
  }
  return vehicles;
}

let source;
let fleet = [];
for (const root of candidates) {
  fleet = loadFleet(root);
  if (fleet.length > 0) {
    source = root;
    break;
  }
}
if (fleet.length === 0) {
  console.log(JSON.stringify({ error: 'no fixture vehicles found', searched: candidates }));
  process.exit(0);
}

const fetchedAt = new Date('2026-11-30T12:00:00Z');
const parseOne = (v) =>
  parseMyBMWVehicle({
    profile: v.profile,
    state: v.state,
    chargingSettings: v.chargingSettings,
    brand: v.brand,
    fetchedAt,
    timeZone: 'UTC',
  });

function run(ms, withJson) {
  let vehicles = 0;
  let sink = 0;
  const start = process.hrtime.bigint();
  const deadline = start + BigInt(ms) * 1_000_000n;
  while (process.hrtime.bigint() < deadline) {
    for (const v of fleet) {
      const snapshot = parseOne(v);
      sink += withJson ? JSON.stringify(vehicleToJSON(snapshot)).length : snapshot.issues.length;
      vehicles++;
    }
  }
  const seconds = Number(process.hrtime.bigint() - start) / 1e9;
  return { vehicles, seconds, perSecond: Math.round(vehicles / seconds), sink };
}

run(Math.min(300, durationMs), true); // warm-up
globalThis.gc?.();
const before = process.memoryUsage();
const parseOnly = run(durationMs, false);
const parseAndJson = run(durationMs, true);
const after = process.memoryUsage();

// Retained size of parsed snapshots: keep 200 copies of the fleet alive (needs --expose-gc).
const copies = 200;
globalThis.gc?.();
const heapBefore = process.memoryUsage().heapUsed;
const keptAll = [];
for (let i = 0; i < copies; i++) keptAll.push(fleet.map(parseOne));
globalThis.gc?.();
const retainedBytes = process.memoryUsage().heapUsed - heapBefore;
const kept = keptAll[0];

const mb = (n) => Math.round((n / 1024 / 1024) * 10) / 10;
console.log(
  JSON.stringify(
    {
      benchmark: '@bimmer/core parseMyBMWVehicle',
      node: process.version,
      fixtures: source,
      fleetSize: fleet.length,
      vehicles: fleet.map((v) => v.dir),
      issues: kept.reduce((n, s) => n + s.issues.length, 0),
      parse: {
        vehiclesPerSecond: parseOnly.perSecond,
        vehicles: parseOnly.vehicles,
        seconds: parseOnly.seconds,
      },
      parseAndJson: {
        vehiclesPerSecond: parseAndJson.perSecond,
        vehicles: parseAndJson.vehicles,
        seconds: parseAndJson.seconds,
      },
      memory: {
        rssMB: mb(after.rss),
        heapUsedMB: mb(after.heapUsed),
        heapGrowthMB: mb(after.heapUsed - before.heapUsed),
        retainedBytesPerVehicle: globalThis.gc ? Math.round(retainedBytes / (copies * fleet.length)) : null,
        gcExposed: typeof globalThis.gc === 'function',
      },
    },
    null,
    2,
  ),
);
