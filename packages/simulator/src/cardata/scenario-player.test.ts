import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { SimulatorClock } from '../clock';
import type { Scenario, ScenarioStep } from './scenario';
import { playScenario } from './scenario-player';

const START = Date.parse('2026-12-07T00:00:00Z');

/** A clock that only moves when told to (a frozen source plus the simulator's offset). */
function frozenClock(): SimulatorClock {
  return new SimulatorClock(() => START);
}

function scenarioOf(times: readonly number[], speed?: number): Scenario {
  return {
    ...(speed === undefined ? {} : { speed }),
    steps: times.map((afterMs, index) => ({ afterMs, message: { vin: `VIN${index}`, data: {} } })),
  };
}

/** Plays `scenario` on `clock`, recording each step's VIN and the time it was due. */
function record(scenario: Scenario, clock: SimulatorClock, fail?: (step: ScenarioStep) => boolean) {
  const played: { vin: string | undefined; at: number }[] = [];
  const errors: unknown[] = [];
  const playback = playScenario(scenario, {
    now: () => clock.now(),
    onClockMove: (listener) => clock.onMove(listener),
    run: async (step, at) => {
      if (fail?.(step)) throw new Error(`step ${step.message?.vin} failed`);
      played.push({ vin: step.message?.vin, at });
    },
    onError: (error) => errors.push(error),
  });
  return { played, errors, playback };
}

describe('playing a scenario on the simulator clock', () => {
  it('plays exactly the steps a clock move passes, in time order, each stamped with its own due time', async () => {
    const clock = frozenClock();
    const { played, playback } = record(scenarioOf([3_600_000, 0, 86_400_000, 3_600_000]), clock);
    await playback.settled();
    expect(played).toEqual([{ vin: 'VIN1', at: START }]);
    clock.advance(2 * 3_600_000);
    await playback.settled();
    expect(played.map((step) => step.vin)).toEqual(['VIN1', 'VIN0', 'VIN3']);
    expect(played[1]?.at).toBe(START + 3_600_000);
    expect(playback.played()).toBe(3);
    clock.set(START + 7 * 86_400_000);
    await playback.finished;
    expect(played.map((step) => step.vin)).toEqual(['VIN1', 'VIN0', 'VIN3', 'VIN2']);
    expect(played[3]?.at).toBe(START + 86_400_000);
    expect([playback.startedAt, playback.endsAt]).toEqual([START, START + 86_400_000]);
  });

  it('divides every afterMs by speed', async () => {
    const clock = frozenClock();
    const { played, playback } = record(scenarioOf([1000, 4000], 4), clock);
    clock.advance(1000);
    await playback.settled();
    expect(played).toEqual([
      { vin: 'VIN0', at: START + 250 },
      { vin: 'VIN1', at: START + 1000 },
    ]);
  });

  it('plays in real time when nobody moves the clock', async () => {
    const clock = new SimulatorClock();
    const { played, playback } = record(scenarioOf([0, 30, 60]), clock);
    await playback.finished;
    expect(played.map((step) => step.vin)).toEqual(['VIN0', 'VIN1', 'VIN2']);
  });

  it('goes on after a failing step and reports the failure', async () => {
    const clock = frozenClock();
    const { played, errors, playback } = record(
      scenarioOf([0, 10, 20]),
      clock,
      (step) => step.message?.vin === 'VIN1',
    );
    clock.advance(20);
    await playback.finished;
    expect(played.map((step) => step.vin)).toEqual(['VIN0', 'VIN2']);
    expect(errors).toHaveLength(1);
  });

  it('plays nothing more once cancelled, and finishes', async () => {
    const clock = frozenClock();
    const { played, playback } = record(scenarioOf([0, 1000]), clock);
    await playback.settled();
    playback.cancel();
    clock.advance(5000);
    await playback.finished;
    await playback.settled();
    expect(played.map((step) => step.vin)).toEqual(['VIN0']);
  });

  it('plays every step once and in order, however the clock is moved', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(fc.nat({ max: 10_000 }), { maxLength: 20 }),
        fc.array(fc.integer({ min: -2_000, max: 4_000 }), { maxLength: 12 }),
        async (times, moves) => {
          const clock = frozenClock();
          const { played, playback } = record(scenarioOf(times), clock);
          for (const move of moves) clock.advance(move);
          clock.advance(10_000 - (clock.now() - START) + 1);
          await playback.finished;
          const expected = times
            .map((afterMs, index) => ({ vin: `VIN${index}`, at: START + afterMs }))
            .sort((a, b) => a.at - b.at || Number(a.vin.slice(3)) - Number(b.vin.slice(3)));
          expect(played).toEqual(expected);
        },
      ),
      { numRuns: 200 },
    );
  });
});
