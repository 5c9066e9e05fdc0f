import { FileTokenStore } from '@bimmer/auth';
import { type CarDataLiveAccount, carDataStatePathFor, openCarDataLiveAccount } from '@bimmer/cardata';
import type { LiveAccountEventName, LiveAccountEvents } from '@bimmer/core';
import type { Simulator } from '@bimmer/simulator';
import { cardataControl } from './cardata-login';

/** A stream message as BMW sends it, every value measured at `at` (units as the keys' `[value, unit]`). */
export function streamMessage(
  vin: string,
  at: Date,
  data: Record<string, unknown | readonly [unknown, string]>,
): Record<string, unknown> {
  const timestamp = at.toISOString();
  return {
    vin,
    topic: vin,
    timestamp,
    data: Object.fromEntries(
      Object.entries(data).map(([key, value]) =>
        Array.isArray(value)
          ? [key, { value: value[0], unit: value[1], timestamp }]
          : [key, { value, timestamp }],
      ),
    ),
  };
}

/** Publishes stream messages through the simulator's broker. */
export function publish(sim: Simulator, ...messages: Record<string, unknown>[]): Promise<void> {
  return cardataControl(sim, '/publish', messages);
}

/** The instant `ms` before now. */
export const ago = (ms: number) => new Date(Date.now() - ms);

/** Resolves with the next payload of `event` that satisfies `accept` (rejects after `timeoutMs`). */
export function nextEvent<E extends LiveAccountEventName>(
  account: CarDataLiveAccount,
  event: E,
  accept: (payload: LiveAccountEvents[E]) => boolean = () => true,
  timeoutMs = 10_000,
): Promise<LiveAccountEvents[E]> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      off();
      reject(new Error(`no ${event} in time`));
    }, timeoutMs);
    const off = account.on(event, (payload) => {
      if (!accept(payload)) return;
      clearTimeout(timer);
      off();
      resolve(payload);
    });
  });
}

/**
 * The live account the CLI opens for this token file (same state file beside it), run in the test
 * to leave last known values behind as another bimmer program would. No automatic REST read.
 */
export function openSeedingAccount(sim: Simulator, tokenFile: string): Promise<CarDataLiveAccount> {
  return openCarDataLiveAccount({
    tokenStore: new FileTokenStore(tokenFile),
    statePath: carDataStatePathFor(tokenFile),
    apiBaseUrl: sim.url,
    loginBaseUrl: sim.url,
    streamUrl: sim.mqttUrl ?? '',
    budget: { readsPerVehiclePerDay: 0 },
  });
}

/** Runs a live account over the simulator until `messages` arrived, then stops it (state written). */
export async function seedLastKnownValues(
  sim: Simulator,
  tokenFile: string,
  messages: readonly Record<string, unknown>[],
): Promise<void> {
  const account = await openSeedingAccount(sim, tokenFile);
  try {
    const connected = nextEvent(account, 'connection', (connection) => connection.state === 'connected');
    await account.start();
    if (account.connection.state !== 'connected') await connected;
    let changes = 0;
    const all = new Promise<void>((resolve) => {
      account.on('change', () => {
        changes += 1;
        if (changes >= messages.length) resolve();
      });
    });
    await publish(sim, ...messages);
    await all;
  } finally {
    await account.stop();
  }
}
