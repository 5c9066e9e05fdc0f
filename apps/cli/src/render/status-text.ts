import type { Colors } from '../output/colors';
import {
  formatDay,
  formatNumber,
  formatTime,
  formatValueWithUnit,
  humanizeEnum,
  humanizeName,
} from './format';
import { asArray, asBoolean, asDate, asNumber, asString, at } from './json-read';

const LABEL_WIDTH = 15;
const INDENT = '  ';
const SECURE_LOCK_STATES = new Set(['LOCKED', 'SECURED']);
const OK_STATES = new Set(['OK', 'LOW']);

type Line = readonly [label: string, value: string];

/**
 * A readable summary of one vehicle from its core JSON form (`vehicleToJSON`): identity, battery and
 * fuel, ranges, mileage, lock, open doors and windows, position, charging, climate, services due and
 * check-control messages. Works on any transport's snapshot: absent fields leave their line out.
 */
export function renderVehicleStatus(vehicle: unknown, colors: Colors): string {
  const lines: Line[] = [
    ...energyLines(vehicle),
    ...optional('Mileage', formatValueWithUnit(at(vehicle, 'mileage'))),
    ...lockLines(vehicle, colors),
    ...openingLines(vehicle, colors),
    ...positionLines(vehicle),
    ...chargingLines(vehicle),
    ...climateLines(vehicle),
    ...serviceLines(vehicle, colors),
    ...checkControlLines(vehicle, colors),
    ...optional('Updated', dateText(at(vehicle, 'timestamp'))),
  ];
  const body = lines.map(([label, value]) => `${INDENT}${colors.dim(label.padEnd(LABEL_WIDTH))}${value}`);
  return [heading(vehicle, colors), ...body].join('\n');
}

/**
 * The summary of every vehicle of an account: a count line, then one block per vehicle, separated by
 * blank lines.
 */
export function renderFleetStatus(vehicles: readonly unknown[], colors: Colors): string {
  const count = vehicles.length === 1 ? '1 vehicle' : `${vehicles.length} vehicles`;
  const blocks = vehicles.map((vehicle) => renderVehicleStatus(vehicle, colors));
  return [`Found ${count}.`, ...blocks].join('\n\n');
}

function heading(vehicle: unknown, colors: Colors): string {
  const vin = asString(at(vehicle, 'vin')) ?? 'unknown VIN';
  const brand = asString(at(vehicle, 'brand'));
  const name = asString(at(vehicle, 'name'));
  const title = [brand?.toUpperCase(), name].filter((part) => part !== undefined).join(' ');
  return title === '' ? colors.bold(vin) : `${colors.bold(title)}  ${colors.dim(vin)}`;
}

function energyLines(vehicle: unknown): Line[] {
  const energy = at(vehicle, 'fuelAndBattery');
  const battery = joined([
    percent(at(energy, 'remainingBatteryPercent')),
    withSuffix(formatValueWithUnit(at(energy, 'remainingRangeElectric')), 'electric range'),
  ]);
  const fuel = joined([
    percent(at(energy, 'remainingFuelPercent')),
    formatValueWithUnit(at(energy, 'remainingFuel')),
    withSuffix(formatValueWithUnit(at(energy, 'remainingRangeFuel')), 'fuel range'),
  ]);
  return [
    ...optional('Battery', battery),
    ...optional('Fuel', fuel),
    ...optional('Range', withSuffix(formatValueWithUnit(at(energy, 'remainingRangeTotal')), 'total')),
  ];
}

function lockLines(vehicle: unknown, colors: Colors): Line[] {
  const state = known(asString(at(vehicle, 'doorsAndWindows', 'doorLockState')));
  if (state === undefined) return [];
  const text = humanizeEnum(state);
  return [['Lock', SECURE_LOCK_STATES.has(state) ? colors.green(text) : colors.yellow(text)]];
}

function openingLines(vehicle: unknown, colors: Colors): Line[] {
  const doorsAndWindows = at(vehicle, 'doorsAndWindows');
  const lines: Line[] = [];
  for (const [label, key] of [
    ['Doors and lids', 'lids'],
    ['Windows', 'windows'],
  ] as const) {
    const entries = asArray(at(doorsAndWindows, key));
    if (entries.length === 0) continue;
    const open = entries.filter((entry) => !isClosed(entry)).map(openingText);
    lines.push([
      label,
      open.length === 0 ? colors.green('all closed') : colors.yellow(`open: ${open.join(', ')}`),
    ]);
  }
  return lines;
}

function isClosed(entry: unknown): boolean {
  return asBoolean(at(entry, 'isClosed')) ?? asString(at(entry, 'state')) === 'CLOSED';
}

function openingText(entry: unknown): string {
  const name = humanizeName(asString(at(entry, 'name')) ?? 'unknown');
  const state = asString(at(entry, 'state'));
  return state === undefined || state === 'OPEN' ? name : `${name} (${humanizeEnum(state)})`;
}

function positionLines(vehicle: unknown): Line[] {
  const location = at(vehicle, 'vehicleLocation');
  const latitude = asNumber(at(location, 'location', 'latitude'));
  const longitude = asNumber(at(location, 'location', 'longitude'));
  if (latitude === undefined || longitude === undefined) return [];
  const heading = asNumber(at(location, 'heading'));
  const text = `${latitude.toFixed(5)}, ${longitude.toFixed(5)}`;
  return [['Position', heading === undefined ? text : `${text} · heading ${formatNumber(heading, 0)}°`]];
}

function chargingLines(vehicle: unknown): Line[] {
  const energy = at(vehicle, 'fuelAndBattery');
  const status = known(asString(at(energy, 'chargingStatus')));
  const connected = asBoolean(at(energy, 'isChargerConnected'));
  if (status === undefined && connected === undefined) return [];
  const start = asDate(at(energy, 'chargingStartTime'));
  const end = asDate(at(energy, 'chargingEndTime'));
  const charging = status === 'CHARGING';
  return optional(
    'Charging',
    joined([
      status === undefined ? undefined : humanizeEnum(status),
      connected === undefined ? undefined : connected ? 'plugged in' : 'not plugged in',
      withPrefix(percent(at(energy, 'chargingTarget')), 'target'),
      status === 'WAITING_FOR_CHARGING' && start !== undefined ? `starts ${formatTime(start)}` : undefined,
      charging && end !== undefined ? `until ${formatTime(end)}` : undefined,
    ]),
  );
}

function climateLines(vehicle: unknown): Line[] {
  const climate = at(vehicle, 'climate');
  const activity = known(asString(at(climate, 'activity')));
  if (activity === undefined) return [];
  const end = asDate(at(climate, 'activityEndTime'));
  const running = activity === 'HEATING' || activity === 'COOLING' || activity === 'VENTILATION';
  return [
    [
      'Climate',
      running && end !== undefined
        ? `${humanizeEnum(activity)} until ${formatTime(end)}`
        : humanizeEnum(activity),
    ],
  ];
}

function serviceLines(vehicle: unknown, colors: Colors): Line[] {
  const messages = asArray(at(vehicle, 'conditionBasedServices', 'messages'));
  return messages.map((message, index): Line => {
    const type = humanizeName(asString(at(message, 'serviceType')) ?? 'service');
    const state = asString(at(message, 'state')) ?? 'UNKNOWN';
    const due = joined([
      dayText(at(message, 'dueDate')),
      withPrefix(formatValueWithUnit(at(message, 'dueDistance')), 'in'),
    ]);
    const stateText = state === 'OK' ? colors.green(humanizeEnum(state)) : colors.yellow(humanizeEnum(state));
    const text = due === undefined ? `${type}: ${stateText}` : `${type}: ${stateText}, due ${due}`;
    return [index === 0 ? 'Services' : '', text];
  });
}

function checkControlLines(vehicle: unknown, colors: Colors): Line[] {
  const report = at(vehicle, 'checkControlMessages');
  if (report === undefined) return [];
  const messages = asArray(at(report, 'messages'));
  if (messages.length === 0) return [['Check control', colors.green('no messages')]];
  return messages.map((message, index): Line => {
    const short = humanizeName(asString(at(message, 'descriptionShort')) ?? 'message');
    const state = asString(at(message, 'state')) ?? 'UNKNOWN';
    const text = `${short} (${humanizeEnum(state)})`;
    return [index === 0 ? 'Check control' : '', OK_STATES.has(state) ? text : colors.red(text)];
  });
}

/** An enum value, or undefined when it is UNKNOWN: a line saying "unknown" tells the reader nothing. */
function known(value: string | undefined): string | undefined {
  return value === 'UNKNOWN' ? undefined : value;
}

function optional(label: string, value: string | undefined): Line[] {
  return value === undefined ? [] : [[label, value]];
}

function joined(parts: ReadonlyArray<string | undefined>): string | undefined {
  const present = parts.filter((part): part is string => part !== undefined);
  return present.length === 0 ? undefined : present.join(' · ');
}

function percent(value: unknown): string | undefined {
  const number = asNumber(value);
  return number === undefined ? undefined : `${formatNumber(number, 0)} %`;
}

function withSuffix(text: string | undefined, suffix: string): string | undefined {
  return text === undefined ? undefined : `${text} ${suffix}`;
}

function withPrefix(text: string | undefined, prefix: string): string | undefined {
  return text === undefined ? undefined : `${prefix} ${text}`;
}

function dateText(value: unknown): string | undefined {
  const date = asDate(value);
  return date === undefined ? undefined : formatTime(date);
}

function dayText(value: unknown): string | undefined {
  const date = asDate(value);
  return date === undefined ? undefined : formatDay(date);
}
