/**
 * The demo car's day: our commuter-day scenario replayed on the demo simulator's stream while the
 * demo account is connected, so the demo's flows have something to show (charging, a trip, doors).
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import type { LiveAccount } from '@bimmer/core';
import {
  DEFAULT_SCENARIOS,
  readScenarioFile,
  type Scenario,
  type ScenarioPlayback,
  type Simulator,
} from '@bimmer/simulator';

/** The scenario the demo car lives through, again and again: a commuter's day compressed to seconds. */
const DEMO_SCENARIO = 'commuter-day.json';

/** How long the demo car rests between two replays of its day. */
const DEMO_PAUSE_MS = 20_000;

/** How long after the stream connects the demo car starts its day. */
const DEMO_FIRST_REPLAY_MS = 2_000;

/**
 * The demo car's day without its recorded times, so each replay is stamped with the time it plays;
 * undefined when the scenario is not there (neither shipped in `folder` nor in the repository).
 *
 * @param folder the shipped scenarios (`dist/fleet/scenarios`), else the repository's.
 */
export async function demoDay(folder: string | undefined): Promise<Scenario | undefined> {
  const source = folder ?? DEFAULT_SCENARIOS;
  if (source === undefined || !existsSync(join(source, DEMO_SCENARIO))) return undefined;
  const scenario = await readScenarioFile(join(source, DEMO_SCENARIO));
  return {
    ...scenario,
    steps: scenario.steps.map((step) => {
      if (step.message === undefined) return step;
      const { timestamp: _dropped, ...message } = step.message;
      const data = Object.fromEntries(
        Object.entries(message.data).map(([descriptor, value]) => {
          const { timestamp: _time, ...rest } = value;
          return [descriptor, rest];
        }),
      );
      return { ...step, message: { ...message, data } };
    }),
  };
}

/**
 * Replays the demo car's day on the simulator's stream while the live account is connected: the
 * first replay a moment after it connects (the flows' nodes are listening by then), then one after
 * each pause. Returns the function that stops it.
 */
export function replayWhileConnected(simulator: Simulator, account: LiveAccount, day: Scenario): () => void {
  let stopped = false;
  let timer: NodeJS.Timeout | undefined;
  let playback: ScenarioPlayback | undefined;
  const later = (delayMs: number, task: () => void) => {
    clearTimeout(timer);
    timer = setTimeout(() => {
      if (!stopped) task();
    }, delayMs);
    timer.unref?.();
  };
  const play = () => {
    playback = simulator.playScenario(day);
    void playback.finished.then(() => {
      if (!stopped) later(DEMO_PAUSE_MS, whenConnected);
    });
  };
  const whenConnected = () => {
    if (account.connection.state === 'connected') later(DEMO_FIRST_REPLAY_MS, play);
    else later(500, whenConnected);
  };
  whenConnected();
  return () => {
    stopped = true;
    clearTimeout(timer);
    playback?.cancel();
  };
}
