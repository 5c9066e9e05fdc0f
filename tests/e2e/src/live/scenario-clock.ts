import { readFile } from 'node:fs/promises';
import type { Simulator } from '@bimmer/simulator';
import { publish } from './cardata-simulator';

/** A scenario file of `fixtures/cardata/scenarios` (only its stream messages are played here). */
export interface ScenarioFile {
  readonly name?: string;
  readonly steps: readonly { readonly afterMs: number; readonly message?: Record<string, unknown> }[];
}

/** One message of a scenario at its time on the simulator clock. */
export interface ClockStep {
  /** When BMW sends the message (epoch ms): the message's own `timestamp`, moved with the scenario. */
  readonly at: number;
  readonly message: Record<string, unknown>;
}

const SCENARIOS = new URL('../../../../fixtures/cardata/scenarios/', import.meta.url);

/** Reads `fixtures/cardata/scenarios/<name>.json`. */
export async function readScenario(name: string): Promise<ScenarioFile> {
  return JSON.parse(await readFile(new URL(`${name}.json`, SCENARIOS), 'utf8')) as ScenarioFile;
}

function shifted(value: unknown, shiftMs: number): string | undefined {
  if (typeof value !== 'string') return undefined;
  const time = Date.parse(value);
  return Number.isNaN(time) ? undefined : new Date(time + shiftMs).toISOString();
}

/**
 * The scenario's messages moved in time so that its first message is sent at `startAt` (epoch ms),
 * every timestamp (the message's and each value's) moved by the same amount, so the times between
 * them stay as written. Ordered by send time.
 */
export function rebaseScenario(scenario: ScenarioFile, startAt: number): ClockStep[] {
  const messages = scenario.steps.flatMap((step) => (step.message === undefined ? [] : [step.message]));
  const sentAt = (message: Record<string, unknown>) => Date.parse(String(message.timestamp));
  const first = Math.min(...messages.map(sentAt));
  const shiftMs = startAt - first;
  return messages
    .map((message) => {
      const data = Object.fromEntries(
        Object.entries((message.data ?? {}) as Record<string, Record<string, unknown>>).map(
          ([key, entry]) => [
            key,
            { ...entry, timestamp: shifted(entry.timestamp, shiftMs) ?? entry.timestamp },
          ],
        ),
      );
      return {
        at: sentAt(message) + shiftMs,
        message: { ...message, timestamp: shifted(message.timestamp, shiftMs), data },
      };
    })
    .sort((a, b) => a.at - b.at);
}

/**
 * Plays steps on the simulator clock: before each message the clock is set to its time (never
 * back), then `publishing` runs (returning what to wait for: the account taking the message), the
 * message is published through the broker, and that wait is awaited. The account under test reads
 * the same clock (`now: () => sim.now()`).
 */
export async function playOnClock(
  sim: Simulator,
  steps: readonly ClockStep[],
  publishing: (step: ClockStep) => () => Promise<void> = () => async () => {},
): Promise<void> {
  for (const step of steps) {
    if (step.at > sim.now()) sim.setClock(step.at);
    const taken = publishing(step);
    await publish(sim, step.message);
    await taken();
  }
}

/** Moves the simulator clock forward in `stepMs` steps up to `until`, waiting `settleMs` of real time after each. */
export async function advanceClock(
  sim: Simulator,
  until: number,
  stepMs: number,
  settleMs: number,
): Promise<void> {
  while (sim.now() < until) {
    sim.setClock(Math.min(until, sim.now() + stepMs));
    await new Promise((resolve) => setTimeout(resolve, settleMs));
  }
}
