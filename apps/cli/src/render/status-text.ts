import type {
  CheckControlMessageReportJSON,
  ConditionBasedServiceReportJSON,
  LidJSON,
  VehicleJSON,
} from '@bimmer/core';
import type { Colors } from '../output/colors';
import { formatAgeRange } from './age';
import {
  formatDay,
  formatNumber,
  formatTime,
  formatValueWithUnit,
  humanizeEnum,
  humanizeName,
} from './format';

const LABEL_WIDTH = 15;
const INDENT = '  ';
const SECURE_LOCK_STATES = new Set(['LOCKED', 'SECURED']);
const OK_STATES = new Set(['OK', 'LOW']);

/** One line of the summary: its label, its text, and the dot paths (JSON form) of the values it shows. */
type Line = readonly [label: string, value: string, paths?: readonly string[]];

/** How {@link renderVehicleStatus} annotates a vehicle it shows from what bimmer kept. */
export interface StatusTextOptions {
  /**
   * The age in milliseconds of the value at a dot path of the JSON form (`LiveVehicle.ageOf`), or
   * undefined when unknown. When given, each line ends with how old its values are (`5 min ago`).
   */
  readonly ageOf?: ((path: string) => number | undefined) | undefined;
  /** A dim note after the heading (`restored`). */
  readonly headingNote?: string | undefined;
  /** Lines right after the heading, before the data (`Last known  newest value 5 min ago`). */
  readonly leadLines?: readonly (readonly [label: string, value: string])[] | undefined;
}

/**
 * A readable summary of one vehicle from its core JSON form (`vehicleToJSON`): identity, battery and
 * fuel, ranges, mileage, lock, open doors and windows, position, charging, climate, services due and
 * check-control messages. Typed on `VehicleJSON`, so a field renamed in core breaks the build, not
 * the output; every block and most fields are optional there, so a partial snapshot (CarData's
 * fields arrive at different times) renders too: an absent field leaves its line out. With
 * `options.ageOf` (a vehicle shown from what bimmer kept) every line says how old its values are.
 */
export function renderVehicleStatus(
  vehicle: VehicleJSON,
  colors: Colors,
  options: StatusTextOptions = {},
): string {
  const lines: Line[] = [
    ...(options.leadLines ?? []),
    ...energyLines(vehicle),
    ...optional('Mileage', formatValueWithUnit(vehicle.mileage), ['mileage']),
    ...lockLines(vehicle, colors),
    ...openingLines(vehicle, colors),
    ...positionLines(vehicle),
    ...chargingLines(vehicle),
    ...climateLines(vehicle),
    ...serviceLines(vehicle.conditionBasedServices, colors),
    ...checkControlLines(vehicle.checkControlMessages, colors),
    ...optional('Updated', dateText(vehicle.timestamp)),
  ];
  const { ageOf } = options;
  const body = lines.map(([label, value, paths]) => {
    const age = ageOf === undefined || paths === undefined ? undefined : formatAgeRange(paths.map(ageOf));
    const text = age === undefined ? value : `${value}  ${colors.dim(`(${age})`)}`;
    return `${INDENT}${colors.dim(label.padEnd(LABEL_WIDTH))}${text}`;
  });
  const title = heading(vehicle, colors);
  const headingLine =
    options.headingNote === undefined ? title : `${title}  ${colors.dim(`· ${options.headingNote}`)}`;
  return [headingLine, ...body].join('\n');
}

/**
 * The summary of every vehicle of an account: a count line, then one block per vehicle, separated by
 * blank lines.
 */
export function renderFleetStatus(vehicles: readonly VehicleJSON[], colors: Colors): string {
  const count = vehicles.length === 1 ? '1 vehicle' : `${vehicles.length} vehicles`;
  const blocks = vehicles.map((vehicle) => renderVehicleStatus(vehicle, colors));
  return [`Found ${count}.`, ...blocks].join('\n\n');
}

function heading(vehicle: VehicleJSON, colors: Colors): string {
  const vin = text(vehicle.vin) ?? 'unknown VIN';
  const title = [text(vehicle.brand)?.toUpperCase(), text(vehicle.name)]
    .filter((part) => part !== undefined)
    .join(' ');
  return title === '' ? colors.bold(vin) : `${colors.bold(title)}  ${colors.dim(vin)}`;
}

function energyLines(vehicle: VehicleJSON): Line[] {
  const energy = vehicle.fuelAndBattery;
  const battery = joined([
    percent(energy?.remainingBatteryPercent),
    withSuffix(formatValueWithUnit(energy?.remainingRangeElectric), 'electric range'),
  ]);
  const fuel = joined([
    percent(energy?.remainingFuelPercent),
    formatValueWithUnit(energy?.remainingFuel),
    withSuffix(formatValueWithUnit(energy?.remainingRangeFuel), 'fuel range'),
  ]);
  return [
    ...optional('Battery', battery, [
      'fuelAndBattery.remainingBatteryPercent',
      'fuelAndBattery.remainingRangeElectric',
    ]),
    ...optional('Fuel', fuel, [
      'fuelAndBattery.remainingFuelPercent',
      'fuelAndBattery.remainingFuel',
      'fuelAndBattery.remainingRangeFuel',
    ]),
    ...optional('Range', withSuffix(formatValueWithUnit(energy?.remainingRangeTotal), 'total'), [
      'fuelAndBattery.remainingRangeTotal',
    ]),
  ];
}

function lockLines(vehicle: VehicleJSON, colors: Colors): Line[] {
  const state = known(vehicle.doorsAndWindows?.doorLockState);
  if (state === undefined) return [];
  const text = humanizeEnum(state);
  return [
    [
      'Lock',
      SECURE_LOCK_STATES.has(state) ? colors.green(text) : colors.yellow(text),
      ['doorsAndWindows.doorLockState'],
    ],
  ];
}

function openingLines(vehicle: VehicleJSON, colors: Colors): Line[] {
  const lines: Line[] = [];
  const blocks = [
    ['Doors and lids', 'doorsAndWindows.lids', vehicle.doorsAndWindows?.lids],
    ['Windows', 'doorsAndWindows.windows', vehicle.doorsAndWindows?.windows],
  ] as const;
  for (const [label, path, entries] of blocks) {
    if (entries === undefined || entries.length === 0) continue;
    const open = entries.filter((entry) => !entry.isClosed).map(openingText);
    lines.push([
      label,
      open.length === 0 ? colors.green('all closed') : colors.yellow(`open: ${open.join(', ')}`),
      entries.map((entry) => `${path}.${entry.name}`),
    ]);
  }
  return lines;
}

function openingText(entry: LidJSON): string {
  const name = humanizeName(text(entry.name) ?? 'unknown');
  return entry.state === 'OPEN' ? name : `${name} (${humanizeEnum(entry.state)})`;
}

function positionLines(vehicle: VehicleJSON): Line[] {
  const location = vehicle.vehicleLocation;
  const latitude = finite(location?.location?.latitude);
  const longitude = finite(location?.location?.longitude);
  if (latitude === undefined || longitude === undefined) return [];
  const heading = finite(location?.heading);
  const position = `${latitude.toFixed(5)}, ${longitude.toFixed(5)}`;
  return [
    [
      'Position',
      heading === undefined ? position : `${position} · heading ${formatNumber(heading, 0)}°`,
      ['vehicleLocation.location', 'vehicleLocation.heading'],
    ],
  ];
}

function chargingLines(vehicle: VehicleJSON): Line[] {
  const energy = vehicle.fuelAndBattery;
  const status = known(energy?.chargingStatus);
  const connected = energy?.isChargerConnected;
  if (status === undefined && connected === undefined) return [];
  const start = date(energy?.chargingStartTime);
  const end = date(energy?.chargingEndTime);
  return optional(
    'Charging',
    joined([
      status === undefined ? undefined : humanizeEnum(status),
      connected === undefined ? undefined : connected ? 'plugged in' : 'not plugged in',
      withPrefix(percent(energy?.chargingTarget), 'target'),
      status === 'WAITING_FOR_CHARGING' && start !== undefined ? `starts ${formatTime(start)}` : undefined,
      status === 'CHARGING' && end !== undefined ? `until ${formatTime(end)}` : undefined,
    ]),
    ['fuelAndBattery.chargingStatus', 'fuelAndBattery.isChargerConnected', 'fuelAndBattery.chargingTarget'],
  );
}

function climateLines(vehicle: VehicleJSON): Line[] {
  const activity = known(vehicle.climate?.activity);
  if (activity === undefined) return [];
  const end = date(vehicle.climate?.activityEndTime);
  const running = activity === 'HEATING' || activity === 'COOLING' || activity === 'VENTILATION';
  return [
    [
      'Climate',
      running && end !== undefined
        ? `${humanizeEnum(activity)} until ${formatTime(end)}`
        : humanizeEnum(activity),
      ['climate.activity'],
    ],
  ];
}

function serviceLines(report: ConditionBasedServiceReportJSON | undefined, colors: Colors): Line[] {
  return (report?.messages ?? []).map((message, index): Line => {
    const type = humanizeName(text(message.serviceType) ?? 'service');
    const state = message.state;
    const due = joined([
      dayText(message.dueDate),
      withPrefix(formatValueWithUnit(message.dueDistance), 'in'),
    ]);
    const stateText = state === 'OK' ? colors.green(humanizeEnum(state)) : colors.yellow(humanizeEnum(state));
    const line = due === undefined ? `${type}: ${stateText}` : `${type}: ${stateText}, due ${due}`;
    return [index === 0 ? 'Services' : '', line, ['conditionBasedServices.messages']];
  });
}

function checkControlLines(report: CheckControlMessageReportJSON | undefined, colors: Colors): Line[] {
  if (report === undefined) return [];
  const paths = ['checkControlMessages.messages'];
  if (report.messages.length === 0) return [['Check control', colors.green('no messages'), paths]];
  return report.messages.map((message, index): Line => {
    const short = humanizeName(text(message.descriptionShort) ?? 'message');
    const line = `${short} (${humanizeEnum(message.state)})`;
    return [
      index === 0 ? 'Check control' : '',
      OK_STATES.has(message.state) ? line : colors.red(line),
      paths,
    ];
  });
}

/** An enum value, or undefined when it is UNKNOWN: a line saying "unknown" tells the reader nothing. */
function known<T extends string>(value: T | undefined): T | undefined {
  return value === 'UNKNOWN' ? undefined : value;
}

function optional(label: string, value: string | undefined, paths?: readonly string[]): Line[] {
  if (value === undefined) return [];
  return paths === undefined ? [[label, value]] : [[label, value, paths]];
}

function joined(parts: ReadonlyArray<string | undefined>): string | undefined {
  const present = parts.filter((part): part is string => part !== undefined);
  return present.length === 0 ? undefined : present.join(' · ');
}

function percent(value: number | undefined): string | undefined {
  const number = finite(value);
  return number === undefined ? undefined : `${formatNumber(number, 0)} %`;
}

function withSuffix(value: string | undefined, suffix: string): string | undefined {
  return value === undefined ? undefined : `${value} ${suffix}`;
}

function withPrefix(value: string | undefined, prefix: string): string | undefined {
  return value === undefined ? undefined : `${prefix} ${value}`;
}

function finite(value: number | undefined): number | undefined {
  return value !== undefined && Number.isFinite(value) ? value : undefined;
}

function text(value: string | undefined): string | undefined {
  return value === undefined || value === '' ? undefined : value;
}

/** A date from an ISO-8601 instant of the JSON form, or undefined when absent or unparseable. */
function date(value: string | undefined): Date | undefined {
  if (value === undefined || value === '') return undefined;
  const parsed = new Date(value);
  return Number.isNaN(parsed.getTime()) ? undefined : parsed;
}

function dateText(value: string | undefined): string | undefined {
  const parsed = date(value);
  return parsed === undefined ? undefined : formatTime(parsed);
}

function dayText(value: string | undefined): string | undefined {
  const parsed = date(value);
  return parsed === undefined ? undefined : formatDay(parsed);
}
