#!/usr/bin/env node
// `pnpm demo`: prints our own fleet (fixtures/mybmw) as @bimmer/core parses it. Interim, until the CLI exists.
// Plain Node ESM without dependencies; imports core's build output, which the root script builds first.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const FLEET_DIR = fileURLToPath(new URL('../fixtures/mybmw/', import.meta.url));
const CORE_DIST = new URL('../packages/core/dist/index.js', import.meta.url);

// Colours only for a terminal, and never when NO_COLOR is set (https://no-color.org).
// biome-ignore lint/suspicious/noUndeclaredEnvVars: only this script's terminal output reads it, no turbo task.
const useColour = Boolean(process.stdout.isTTY) && !process.env.NO_COLOR;
const paint = (open, close) => (text) =>
  useColour ? `\u001b[${open}m${text}\u001b[${close}m` : String(text);
const bold = paint(1, 22);
const dim = paint(2, 22);
const red = paint(31, 39);
const green = paint(32, 39);
const yellow = paint(33, 39);
const cyan = paint(36, 39);

// Visible width of a string: ANSI escapes take no columns.
// biome-ignore lint/suspicious/noControlCharactersInRegex: matching ANSI escape sequences is the point.
const visibleLength = (text) => text.replace(/\u001b\[[0-9;]*m/g, '').length;
const padEnd = (text, width) => text + ' '.repeat(Math.max(0, width - visibleLength(text)));

const FILE =
  /^(bmw|mini|toyota)-eadrax-(vcs_v5_vehicle-data_profile|vcs_v4_vehicles_state|crccs_v2_vehicles)_([A-Z0-9]{17})\.json$/;

/** Reads one fingerprint directory into the inputs of parseMyBMWVehicle. */
function readVehicleDirectory(dir) {
  const found = {};
  for (const name of readdirSync(dir)) {
    const match = FILE.exec(name);
    if (match === null) continue;
    const [, brand, kind] = match;
    found.brand = brand;
    found[kind] = JSON.parse(readFileSync(join(dir, name), 'utf8'));
  }
  return found;
}

const number = new Intl.NumberFormat('en-GB');
const withUnit = (vwu) => (vwu === undefined ? undefined : `${number.format(vwu.value)} ${vwu.unit}`);
const words = (value) => String(value).toLowerCase().replaceAll('_', ' ');
const clock = (date) => `${date.toISOString().slice(11, 16)} UTC`;

const DRIVE_TRAINS = {
  COMBUSTION: 'combustion',
  PLUGIN_HYBRID: 'plug-in hybrid',
  ELECTRIC: 'electric',
  ELECTRIC_WITH_RANGE_EXTENDER: 'electric with range extender',
  HYBRID: 'hybrid',
  MILD_HYBRID: 'mild hybrid',
};

function energy(fuel) {
  if (fuel === undefined) return dim('no data');
  const parts = [];
  if (fuel.remainingBatteryPercent !== undefined) parts.push(`battery ${fuel.remainingBatteryPercent} %`);
  if (fuel.remainingFuel !== undefined) {
    const percent = fuel.remainingFuelPercent === undefined ? '' : ` (${fuel.remainingFuelPercent} %)`;
    parts.push(`fuel ${withUnit(fuel.remainingFuel)}${percent}`);
  }
  return parts.length > 0 ? parts.join(', ') : dim('no data');
}

function range(fuel) {
  const total = withUnit(fuel?.remainingRangeTotal);
  if (total === undefined) return dim('no data');
  const split = [];
  if (fuel.remainingRangeElectric !== undefined)
    split.push(`electric ${withUnit(fuel.remainingRangeElectric)}`);
  if (fuel.remainingRangeFuel !== undefined) split.push(`fuel ${withUnit(fuel.remainingRangeFuel)}`);
  return split.length > 1 ? `${total} (${split.join(', ')})` : total;
}

function charging(vehicle) {
  const fuel = vehicle.fuelAndBattery;
  if (fuel?.chargingStatus === undefined) return dim('no data');
  const status = fuel.chargingStatus === 'CHARGING' ? green('charging') : words(fuel.chargingStatus);
  const details = [fuel.isChargerConnected ? 'plugged in' : 'unplugged'];
  if (fuel.chargingStatus === 'CHARGING' && fuel.chargingEndTime !== undefined) {
    details.push(`until ${clock(fuel.chargingEndTime)}`);
  }
  if (fuel.chargingStartTime !== undefined) details.push(`starts ${clock(fuel.chargingStartTime)}`);
  if (fuel.chargingTarget !== undefined) details.push(`target ${fuel.chargingTarget} %`);
  return `${status}, ${details.join(', ')}`;
}

function doors(vehicle) {
  const dw = vehicle.doorsAndWindows;
  if (dw === undefined) return dim('no data');
  const state = dw.doorLockState;
  const lock = state === 'UNLOCKED' ? red('unlocked') : state === 'UNKNOWN' ? dim('unknown') : words(state);
  if (dw.lids.length === 0 && dw.windows.length === 0) return lock;
  const open = [];
  if (dw.openLids.length > 0) open.push(`open: ${dw.openLids.map((lid) => lid.name).join(', ')}`);
  if (dw.openWindows.length > 0) open.push(`windows open: ${dw.openWindows.map((w) => w.name).join(', ')}`);
  return open.length === 0 ? `${lock}, all closed` : `${lock}, ${yellow(open.join('; '))}`;
}

function position(vehicle) {
  const loc = vehicle.vehicleLocation;
  if (loc?.location === undefined) return dim('unknown');
  const { latitude, longitude } = loc.location;
  const heading = loc.heading === undefined ? '' : dim(` heading ${loc.heading}°`);
  return `${latitude.toFixed(5)}, ${longitude.toFixed(5)}${heading}`;
}

function attention(vehicle) {
  const notes = [];
  const ccm = vehicle.checkControlMessages;
  if (ccm?.hasCheckControlMessages) notes.push(red(`check control: ${ccm.urgentCheckControlMessages}`));
  const services = vehicle.conditionBasedServices?.messages ?? [];
  const due = services
    .filter((s) => s.state !== 'OK')
    .map((s) => `${words(s.serviceType)} ${words(s.state)}`);
  if (due.length > 0) notes.push(yellow(`service: ${due.join(', ')}`));
  if (vehicle.issues.length > 0) notes.push(dim(`${vehicle.issues.length} parse notes`));
  return notes;
}

/** Imports core's build output; explains what to do when it has not been built. */
async function importCore() {
  try {
    return await import(CORE_DIST.href);
  } catch (error) {
    if (error?.code !== 'ERR_MODULE_NOT_FOUND') throw error;
    console.error(
      '@bimmer/core is not built yet. Run `pnpm --filter @bimmer/core build`, then `pnpm demo` again.',
    );
    process.exit(1);
  }
}

/** Every vehicle directory of the fleet, parsed as fetched right now. */
function parseFleet(core) {
  const fetchedAt = new Date(Math.floor(Date.now() / 1000) * 1000);
  const dirs = readdirSync(FLEET_DIR, { withFileTypes: true })
    .filter((entry) => entry.isDirectory())
    .map((entry) => entry.name)
    .sort();
  return dirs.flatMap((dir) => {
    const files = readVehicleDirectory(join(FLEET_DIR, dir));
    const profile = files['vcs_v5_vehicle-data_profile'];
    if (profile === undefined) return [];
    const vehicle = core.parseMyBMWVehicle({
      profile,
      state: files.vcs_v4_vehicles_state,
      chargingSettings: files.crccs_v2_vehicles,
      fetchedAt,
      region: 'rest_of_world',
      brand: files.brand,
    });
    return [{ dir, vehicle }];
  });
}

async function main() {
  const vehicles = parseFleet(await importCore());
  console.log(
    `${bold('bimmer demo')} ${dim(`· ${vehicles.length} vehicles from fixtures/mybmw, parsed by @bimmer/core`)}\n`,
  );
  const cards = vehicles.map(({ dir, vehicle }) => toCard(dir, vehicle));
  // The left column is as wide as its widest value, across all cards, so the right column lines up.
  const leftWidth = Math.max(
    ...cards.flatMap((card) => card.pairs.map(([[, value]]) => visibleLength(value))),
  );
  for (const card of cards) printCard(card, leftWidth);
}

const LABEL_WIDTH = 10;
const label = (text) => dim(padEnd(text, LABEL_WIDTH));

/** One vehicle: a heading, two aligned columns of short values, then full-width lines for the long ones. */
function toCard(dir, vehicle) {
  const drive = DRIVE_TRAINS[vehicle.driveTrain] ?? words(vehicle.driveTrain);
  return {
    heading: `${bold(vehicle.name ?? dir)}  ${cyan(vehicle.vin)}  ${dim(`${vehicle.brand.toUpperCase()} · ${drive} · ${dir}`)}`,
    pairs: [
      [
        ['energy', energy(vehicle.fuelAndBattery)],
        ['range', range(vehicle.fuelAndBattery)],
      ],
      [
        ['mileage', withUnit(vehicle.mileage) ?? dim('no data')],
        ['position', position(vehicle)],
      ],
    ],
    lines: [
      ...(vehicle.hasElectricDrivetrain ? [['charging', charging(vehicle)]] : []),
      ['doors', doors(vehicle)],
      ...attention(vehicle).map((note, i) => [i === 0 ? 'attention' : '', note]),
    ],
  };
}

function printCard(card, leftWidth) {
  console.log(card.heading);
  for (const [[leftLabel, leftValue], [rightLabel, rightValue]] of card.pairs) {
    console.log(`  ${label(leftLabel)}${padEnd(leftValue, leftWidth)}   ${label(rightLabel)}${rightValue}`);
  }
  for (const [lineLabel, value] of card.lines) console.log(`  ${label(lineLabel)}${value}`);
  console.log('');
}

await main();
