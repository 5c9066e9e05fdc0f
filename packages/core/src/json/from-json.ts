import * as v from 'valibot';
import { BimmerValidationError } from '../errors/index';
import type { VehicleSnapshot } from '../models/vehicle';
import { isJsonObject } from '../util/json-object';
import { VehicleJsonSchema } from './vehicle-json-schema';

/** How many invalid paths the message names; `paths` of the error holds them all. */
const NAMED_IN_MESSAGE = 5;

/** What was expected at the issue's path, never what was received (it may be a VIN or a position). */
function expectation(issue: v.BaseIssue<unknown>): string {
  if (issue.received === 'undefined') return 'missing';
  // Our own checks carry a message that names the expectation; valibot's type checks an `expected`.
  if (issue.kind !== 'schema' || issue.type === 'custom') return `expected ${issue.message}`;
  return `expected ${issue.expected ?? issue.type}`;
}

/**
 * Turns the JSON form (`vehicleToJSON`, docs/json.md) back into a snapshot: instants become Dates,
 * times of day `{ hour, minute }`, derived fields are recomputed from the data, keys the form does
 * not have are ignored. An enum value this version does not know reads as UNKNOWN.
 *
 * @throws BimmerValidationError (code `validation`) when `json` is not the JSON form: its `paths`
 *   are the dot paths of every invalid value (`fuelAndBattery.remainingBatteryPercent`), and its
 *   message names them with what was expected, never with the values.
 */
export function vehicleFromJSON(json: unknown): VehicleSnapshot {
  if (!isJsonObject(json)) {
    throw new BimmerValidationError('Not the JSON form of a vehicle: expected an object.', {
      hint: 'Pass what vehicleToJSON returned (docs/json.md describes the form).',
      action: 'check-input',
    });
  }
  const result = v.safeParse(VehicleJsonSchema, json);
  if (result.success) return result.output;
  const problems = result.issues.map((issue) => ({
    path: v.getDotPath(issue) ?? '',
    expected: expectation(issue),
  }));
  const named = problems
    .slice(0, NAMED_IN_MESSAGE)
    .map(({ path, expected }) => (path === '' ? expected : `${path} (${expected})`));
  const more = problems.length > NAMED_IN_MESSAGE ? ` and ${problems.length - NAMED_IN_MESSAGE} more` : '';
  throw new BimmerValidationError(`Not the JSON form of a vehicle: ${named.join(', ')}${more}.`, {
    paths: [...new Set(problems.map(({ path }) => path).filter((path) => path !== ''))],
    hint: 'Pass what vehicleToJSON returned (docs/json.md describes the form).',
    action: 'check-input',
  });
}
