import type { Scenario, ScenarioStep } from './scenario';

/** A scenario being played; `Simulator.playScenario` returns it. */
export interface ScenarioPlayback {
  /** The scenario's `name`. */
  readonly name: string | undefined;
  /** How many steps the scenario has. */
  readonly steps: number;
  /** When it started, on the simulator clock (epoch ms). */
  readonly startedAt: number;
  /** When its last step is due, on the simulator clock (epoch ms). */
  readonly endsAt: number;
  /** How many steps have played so far. */
  played(): number;
  /**
   * Resolves once every step that is due now has played: after `sim.advanceClock(ms)`,
   * `await playback.settled()` and the stream has carried everything up to the new time.
   */
  settled(): Promise<void>;
  /** Resolves when the last step has played, or the playback was cancelled. */
  readonly finished: Promise<void>;
  /** Stops playing; steps not played yet never will be. */
  cancel(): void;
}

/** What the player needs from the simulator. */
export interface ScenarioPlayerContext {
  /** The simulator clock, epoch ms. */
  now(): number;
  /** Calls `listener` whenever the clock is moved; returns the function that stops that. */
  onClockMove(listener: () => void): () => void;
  /** Plays one step; `at` is the time it was due, on the simulator clock. */
  run(step: ScenarioStep, at: number): Promise<void>;
  /** A step that failed (the following steps still play). */
  onError(error: unknown, step: ScenarioStep): void;
}

/** `setTimeout` takes at most 2^31 - 1 ms; a longer wait is taken in pieces. */
const LONGEST_TIMER_MS = 2 ** 31 - 1;

/**
 * Plays a scenario on the simulator clock: each step at `startedAt + afterMs / speed`. The clock
 * ticks in real time, so an unmoved clock plays the timeline in real time; moving the clock
 * (`advanceClock`, `setClock`) plays every step it passes at once, in order, each stamped with its
 * own due time. A week of a car thus plays in milliseconds, hour by hour as a benchmark moves the
 * clock. With a `clock` source that does not tick, steps play only when the clock is moved.
 */
export function playScenario(scenario: Scenario, context: ScenarioPlayerContext): ScenarioPlayback {
  const speed = scenario.speed !== undefined && scenario.speed > 0 ? scenario.speed : 1;
  const startedAt = context.now();
  const queue = scenario.steps
    .map((step, index) => ({ step, index, at: startedAt + step.afterMs / speed }))
    .sort((a, b) => a.at - b.at || a.index - b.index);
  let next = 0;
  let played = 0;
  let stopped = false;
  let timer: NodeJS.Timeout | undefined;
  let chain: Promise<void> = Promise.resolve();
  let resolveFinished: () => void = () => {};
  const finished = new Promise<void>((resolve) => {
    resolveFinished = resolve;
  });

  const stop = () => {
    if (stopped) return;
    stopped = true;
    clearTimeout(timer);
    unsubscribe();
    resolveFinished();
  };
  const pump = async (): Promise<void> => {
    for (let entry = queue[next]; !stopped && entry !== undefined && entry.at <= context.now(); ) {
      next++;
      try {
        await context.run(entry.step, entry.at);
      } catch (error) {
        context.onError(error, entry.step);
      }
      played++;
      entry = queue[next];
    }
    const upcoming = queue[next];
    if (stopped) return;
    if (upcoming === undefined) {
      stop();
      return;
    }
    clearTimeout(timer);
    timer = setTimeout(schedule, Math.min(Math.max(0, upcoming.at - context.now()), LONGEST_TIMER_MS));
    timer.unref();
  };
  // One pump at a time: steps play in order even when the clock moves while one is playing.
  const schedule = (): Promise<void> => {
    chain = chain.then(pump);
    return chain;
  };
  const unsubscribe = context.onClockMove(() => {
    void schedule();
  });
  void schedule();

  return {
    name: scenario.name,
    steps: queue.length,
    startedAt,
    endsAt: queue.at(-1)?.at ?? startedAt,
    played: () => played,
    settled: schedule,
    finished,
    cancel: stop,
  };
}
