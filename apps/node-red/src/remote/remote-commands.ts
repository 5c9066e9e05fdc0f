import { BimmerValidationError } from '@bimmer/core';
import { isJsonObject } from '@bimmer/core/internal';

/** The commands the remote node offers (MyBMW remote services), as users type them. */
export const REMOTE_COMMANDS = [
  'lock',
  'unlock',
  'climate-start',
  'climate-stop',
  'charge-start',
  'charge-stop',
  'charging-settings',
  'send-poi',
  'horn',
  'lights',
  'vehicle-finder',
] as const;

/** One of {@link REMOTE_COMMANDS}. */
export type RemoteCommandName = (typeof REMOTE_COMMANDS)[number];

/** A command with its arguments, validated before anything is sent. */
export type RemoteCommand =
  | { readonly command: Exclude<RemoteCommandName, 'charging-settings' | 'send-poi'> }
  | {
      readonly command: 'charging-settings';
      readonly targetSoc?: number | undefined;
      readonly acLimit?: number | undefined;
    }
  | {
      readonly command: 'send-poi';
      readonly lat: number;
      readonly lon: number;
      readonly name?: string | undefined;
    };

function optionalNumber(value: unknown, path: string): number | undefined {
  if (value === undefined || value === null || value === '') return undefined;
  const number = typeof value === 'number' ? value : Number(value);
  if (!Number.isFinite(number)) {
    throw new BimmerValidationError(`${path} must be a number.`, { paths: [path], action: 'check-input' });
  }
  return number;
}

/**
 * Reads the command of a message or the node: `msg.payload.command` (with its arguments beside it),
 * a plain string payload, else the node's configured command and arguments.
 *
 * @throws BimmerValidationError for an unknown command or a missing or wrong argument (nothing is sent).
 */
export function parseRemoteCommand(
  payload: unknown,
  fallback: Readonly<Record<string, unknown>>,
): RemoteCommand {
  const source: Record<string, unknown> =
    isJsonObject(payload) && typeof payload.command === 'string'
      ? payload
      : typeof payload === 'string' && (REMOTE_COMMANDS as readonly string[]).includes(payload)
        ? { ...fallback, command: payload }
        : { ...fallback };
  const name = source.command;
  if (typeof name !== 'string' || !(REMOTE_COMMANDS as readonly string[]).includes(name)) {
    throw new BimmerValidationError(
      `Unknown remote command ${JSON.stringify(name)}: use one of ${REMOTE_COMMANDS.join(', ')}.`,
      { paths: ['command'], action: 'check-input' },
    );
  }
  const command = name as RemoteCommandName;
  if (command === 'charging-settings') {
    const targetSoc = optionalNumber(source.targetSoc, 'targetSoc');
    const acLimit = optionalNumber(source.acLimit, 'acLimit');
    if (targetSoc === undefined && acLimit === undefined) {
      throw new BimmerValidationError('charging-settings needs targetSoc, acLimit or both.', {
        paths: ['targetSoc', 'acLimit'],
        action: 'check-input',
      });
    }
    return { command, targetSoc, acLimit };
  }
  if (command === 'send-poi') {
    const lat = optionalNumber(source.lat, 'lat');
    const lon = optionalNumber(source.lon, 'lon');
    if (lat === undefined || lon === undefined) {
      throw new BimmerValidationError('send-poi needs lat and lon.', {
        paths: ['lat', 'lon'],
        action: 'check-input',
      });
    }
    const poiName = typeof source.name === 'string' && source.name !== '' ? source.name : undefined;
    return { command, lat, lon, name: poiName };
  }
  return { command };
}
