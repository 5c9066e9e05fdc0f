/**
 * Scenario files: a timeline of what a car sends BMW's CarData stream (and what BMW's REST API then
 * answers), played by the simulator on its clock. The format, as JSON:
 *
 * ```json
 * {
 *   "name": "charging-session",
 *   "speed": 1,
 *   "steps": [
 *     { "afterMs": 0, "message": { "vin": "WBASIMCARDATA0001", "data": {
 *         "vehicle.body.chargingPort.status": { "value": "CONNECTED" } } } },
 *     { "afterMs": 60000, "telematic": { "vin": "WBASIMCARDATA0001", "telematicData": {
 *         "vehicle.drivetrain.batteryManagement.header": { "value": "41", "unit": "percent" } } } }
 *   ]
 * }
 * ```
 *
 * - `afterMs`: when the step plays, in milliseconds after the scenario started, on the simulator
 *   clock; `speed` (default 1) divides every `afterMs` (2 plays the timeline twice as fast).
 * - `message`: a stream message as BMW sends it (`vin`, `data` of descriptor entries with `value`,
 *   optional `unit` and `timestamp`, optional `topic` and `timestamp`). It is published on
 *   `<gcid>/<vin>` and its values are mirrored into the REST telematic data, as strings.
 * - `telematic`: replaces a vehicle's REST telematic data (`telematicData`, BMW's REST shape).
 * - A missing `timestamp` (of a message or of an entry) is filled with the time the step is due on
 *   the simulator clock, so a scenario without any plays at whatever time the simulator has, and
 *   moving the clock past a step plays it stamped with its own time, not the time of the move.
 *
 * Steps play in `afterMs` order (file order for equal times), each one after the one before.
 */
import { readFile } from 'node:fs/promises';
import { isJsonObject } from '@bimmer/core/internal';

/** One entry of a stream message's `data` or of REST `telematicData`. */
export interface ScenarioValue {
  value: unknown;
  unit?: string | null;
  timestamp?: string | null;
}

/** A stream message as BMW sends it; the player fills missing timestamps. */
export interface ScenarioMessage {
  vin: string;
  topic?: string;
  timestamp?: string;
  data: Record<string, ScenarioValue>;
  [key: string]: unknown;
}

/** One step of a scenario: after `afterMs`, publish a stream message and/or set REST data. */
export interface ScenarioStep {
  /** Delay from the start of the scenario, in milliseconds on the simulator clock. */
  afterMs: number;
  /** A stream message exactly as BMW sends it (its `vin` picks the topic). */
  message?: ScenarioMessage;
  /** REST telematic data for a VIN, as BMW returns it. */
  telematic?: { vin: string; telematicData: Record<string, ScenarioValue> };
}

/** A JSON timeline of stream messages and REST updates (see the top of this file for the format). */
export interface Scenario {
  name?: string;
  /** Plays the timeline this much faster (2 = twice as fast). Default 1. */
  speed?: number;
  steps: ScenarioStep[];
}

/**
 * Checks a parsed scenario and returns it typed.
 *
 * @throws TypeError naming the first thing that is wrong, e.g. `steps[3].afterMs must be a number >= 0`.
 */
export function parseScenario(value: unknown): Scenario {
  if (!isJsonObject(value)) throw new TypeError('A scenario must be an object with "steps".');
  if (value.name !== undefined && typeof value.name !== 'string')
    throw new TypeError('name must be a string.');
  if (value.speed !== undefined && !(typeof value.speed === 'number' && value.speed > 0)) {
    throw new TypeError('speed must be a number > 0.');
  }
  if (!Array.isArray(value.steps))
    throw new TypeError('A scenario needs "steps": [{afterMs, message|telematic}].');
  value.steps.forEach((step: unknown, index) => {
    const at = `steps[${index}]`;
    if (!isJsonObject(step)) throw new TypeError(`${at} must be an object.`);
    if (!(typeof step.afterMs === 'number' && Number.isFinite(step.afterMs) && step.afterMs >= 0)) {
      throw new TypeError(`${at}.afterMs must be a number >= 0.`);
    }
    if (step.message === undefined && step.telematic === undefined) {
      throw new TypeError(`${at} needs a message or telematic.`);
    }
    if (step.message !== undefined) {
      const message = step.message;
      if (!isJsonObject(message) || typeof message.vin !== 'string' || message.vin === '') {
        throw new TypeError(`${at}.message needs a vin.`);
      }
      checkEntries(message.data, `${at}.message.data`);
    }
    if (step.telematic !== undefined) {
      const telematic = step.telematic;
      if (!isJsonObject(telematic) || typeof telematic.vin !== 'string' || telematic.vin === '') {
        throw new TypeError(`${at}.telematic needs a vin.`);
      }
      checkEntries(telematic.telematicData, `${at}.telematic.telematicData`);
    }
  });
  return value as unknown as Scenario;
}

function checkEntries(entries: unknown, at: string): void {
  if (!isJsonObject(entries)) throw new TypeError(`${at} must be an object of descriptors.`);
  for (const [descriptor, entry] of Object.entries(entries)) {
    if (!isJsonObject(entry) || !('value' in entry)) {
      throw new TypeError(`${at}["${descriptor}"] must be {value, unit?, timestamp?}.`);
    }
  }
}

/**
 * Reads and checks a scenario file (such as those in `DEFAULT_SCENARIOS`).
 *
 * @throws TypeError naming the file and what is wrong with it.
 */
export async function readScenarioFile(path: string): Promise<Scenario> {
  let json: unknown;
  try {
    json = JSON.parse(await readFile(path, 'utf8'));
  } catch (error) {
    throw new TypeError(`${path}: ${error instanceof Error ? error.message : String(error)}`);
  }
  try {
    return parseScenario(json);
  } catch (error) {
    throw new TypeError(`${path}: ${error instanceof Error ? error.message : String(error)}`);
  }
}

/** The step's message with every missing timestamp set to `at` (epoch ms); the step is not changed. */
export function stampedMessage(message: ScenarioMessage, at: number): ScenarioMessage {
  const iso = new Date(at).toISOString();
  return { ...message, timestamp: message.timestamp ?? iso, data: stampedEntries(message.data, iso) };
}

/**
 * REST telematic data as BMW returns it (string values, `unit` and `timestamp` present, null when
 * unknown), with every missing timestamp set to `at` (epoch ms).
 */
export function stampedTelematic(
  data: Record<string, ScenarioValue>,
  at: number,
): Record<string, { value: string | null; unit: string | null; timestamp: string | null }> {
  const iso = new Date(at).toISOString();
  return Object.fromEntries(
    Object.entries(data).map(([descriptor, entry]) => [
      descriptor,
      {
        value: entry.value === undefined || entry.value === null ? null : String(entry.value),
        unit: entry.unit ?? null,
        timestamp: entry.timestamp === undefined ? iso : entry.timestamp,
      },
    ]),
  );
}

function stampedEntries(data: Record<string, ScenarioValue>, iso: string): Record<string, ScenarioValue> {
  return Object.fromEntries(
    Object.entries(data).map(([descriptor, entry]) => [
      descriptor,
      entry.timestamp === undefined ? { ...entry, timestamp: iso } : entry,
    ]),
  );
}
