/** One step of a scenario: after `afterMs`, publish a stream message and/or set REST data. */
export interface ScenarioStep {
  /** Delay from the start of the scenario, in milliseconds. */
  afterMs: number;
  /** A stream message exactly as BMW sends it (its `vin` picks the topic). */
  message?: Record<string, unknown>;
  /** REST telematic data for a VIN, as BMW returns it. */
  telematic?: { vin: string; telematicData: Record<string, unknown> };
}

/** A JSON timeline of stream messages and REST updates (fixtures/cardata/scenarios/*.json). */
export interface Scenario {
  name?: string;
  /** Plays the timeline this much faster (2 = twice as fast). Default 1. */
  speed?: number;
  steps: ScenarioStep[];
}

/** Reads a scenario body; undefined when it is not one. */
export function readScenario(value: unknown): Scenario | undefined {
  if (typeof value !== 'object' || value === null) return undefined;
  const steps = (value as { steps?: unknown }).steps;
  if (!Array.isArray(steps)) return undefined;
  const valid = steps.every(
    (step) =>
      typeof step === 'object' &&
      step !== null &&
      typeof (step as ScenarioStep).afterMs === 'number' &&
      ((step as ScenarioStep).message !== undefined || (step as ScenarioStep).telematic !== undefined),
  );
  return valid ? (value as Scenario) : undefined;
}

/** Schedules every step; returns a function that cancels the steps not yet played. */
export function playScenario(
  scenario: Scenario,
  run: (step: ScenarioStep) => Promise<void>,
  onError: (error: unknown) => void,
): () => void {
  const speed = scenario.speed !== undefined && scenario.speed > 0 ? scenario.speed : 1;
  const timers = [...scenario.steps]
    .sort((a, b) => a.afterMs - b.afterMs)
    .map((step) => setTimeout(() => run(step).catch(onError), step.afterMs / speed));
  return () => {
    for (const timer of timers) clearTimeout(timer);
  };
}
