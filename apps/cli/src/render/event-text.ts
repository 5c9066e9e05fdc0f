import type { VehicleEvent } from '@bimmer/core';
import { formatInstant } from '@bimmer/core/internal';
import type { Colors } from '../output/colors';
import { formatAge } from './age';
import { formatNumber, formatTimeSeconds, humanizeEnum, humanizeName } from './format';

/** A derived event as `stream --events --json` prints it: `{ type, vin, at, detail }`, as docs/events.md shows. */
export interface VehicleEventJSON {
  readonly type: string;
  readonly vin: string;
  readonly at: string;
  readonly detail: Readonly<Record<string, unknown>>;
}

/** The JSON form of a derived event (instants as ISO-8601). */
export function vehicleEventJSON(event: VehicleEvent): VehicleEventJSON {
  return { type: event.type, vin: event.vin, at: formatInstant(event.at), detail: event.detail };
}

/** A derived event as a line for a person: `2026-12-01 07:30:05 UTC  WBA…  trunk opened`. */
export function vehicleEventText(event: VehicleEvent, colors: Colors): string {
  return `${colors.dim(formatTimeSeconds(event.at))}  ${colors.dim(event.vin)}  ${colors.bold(eventWords(event))}`;
}

/** What happened, in words; the details docs/events.md lists, where known. */
export function eventWords(event: VehicleEvent): string {
  const detail = event.detail;
  const text = (key: string) => (typeof detail[key] === 'string' ? (detail[key] as string) : undefined);
  const number = (key: string) =>
    typeof detail[key] === 'number' && Number.isFinite(detail[key]) ? (detail[key] as number) : undefined;
  const percent = (key: string) => {
    const value = number(key);
    return value === undefined ? undefined : `${formatNumber(value, 1)} %`;
  };
  const state = text('state') === undefined ? undefined : humanizeEnum(text('state') ?? '');
  const opening = (key: string, noun: string) => {
    const name = text(key);
    const action = event.type.endsWith('-opened') ? 'opened' : 'closed';
    return `${name === undefined ? noun : `${humanizeName(name)}${noun === 'lid' ? '' : ` ${noun}`}`} ${action}`;
  };
  switch (event.type) {
    case 'arrived':
      return `arrived at ${text('geofence') ?? 'a geofence'}`;
    case 'left':
      return `left ${text('geofence') ?? 'a geofence'}`;
    case 'battery-below':
      return joined(`battery below ${percent('threshold') ?? 'a threshold'}`, percent('percent'));
    case 'battery-above':
      return joined(`battery at ${percent('threshold') ?? 'a threshold'} or above`, percent('percent'));
    case 'door-opened':
    case 'door-closed':
      return opening('door', 'door');
    case 'window-opened':
    case 'window-closed':
      return opening('window', 'window');
    case 'lid-opened':
    case 'lid-closed':
      return opening('lid', 'lid');
    case 'charging-started':
      return joined('charging started', percent('percent'));
    case 'charging-finished':
      return joined('charging finished', percent('percent'));
    case 'charging-stopped':
      return joined('charging stopped', percent('percent'), state);
    case 'locked':
    case 'unlocked':
      return joined(event.type, state);
    case 'trip-ended': {
      const distance = number('distanceKm');
      const duration = number('durationSeconds');
      return joined(
        'trip ended',
        distance === undefined ? undefined : `${formatNumber(distance, 1)} km`,
        duration === undefined ? undefined : formatAge(duration * 1000),
      );
    }
    case 'service-due':
      return joined(
        `service due: ${humanizeName(text('service') ?? 'service')}`,
        state,
        text('dueDate')?.slice(0, 10),
      );
    case 'check-control-message':
      return joined(`check-control message: ${text('message') ?? 'unknown'}`, state);
    default:
      return event.type.replaceAll('-', ' ');
  }
}

function joined(head: string, ...parts: (string | undefined)[]): string {
  const rest = parts.filter((part): part is string => part !== undefined && part !== '');
  return rest.length === 0 ? head : `${head} (${rest.join(', ')})`;
}
