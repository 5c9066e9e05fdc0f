import { join } from 'node:path';
import type { TokenStore } from '@bimmer/auth';
import {
  type MyBMWLiveAccount,
  type MyBMWLiveAccountOptions,
  type MyBMWLiveSettings,
  openMyBMWLiveAccount,
} from '@bimmer/mybmw';
import {
  DEFAULT_FINGERPRINTS,
  type Simulator,
  type SimulatorOptions,
  startSimulator,
} from '@bimmer/simulator';
import type { ConformanceChange } from './describe-live-account';

/** The i5 of our fleet (electric, charging details, trunk closed, 80 %): the polled vehicle. */
export const MYBMW_VIN = 'WBA00000BIMMER001';

/** The test login; its secrets occur nowhere in the fleet's data, so a leak would be seen. */
export const MYBMW_LOGIN = {
  username: 'live-driver@bimmer.test',
  password: 'Live-Pa55-Secret-Never-Logged',
  captchaToken: 'live-captcha-Secret-Token',
};

/** A simulator serving only the i5 (a poll is 2 requests), with the test login owning it. */
export function startMyBMWSimulator(options: SimulatorOptions = {}): Promise<Simulator> {
  if (DEFAULT_FINGERPRINTS === undefined) throw new Error('The simulator was built without its fleet.');
  return startSimulator({
    fingerprints: [join(DEFAULT_FINGERPRINTS, 'i5-charging-settings')],
    accounts: [{ username: MYBMW_LOGIN.username, password: MYBMW_LOGIN.password }],
    ...options,
  });
}

/** The state file of a live account in `stateDir`. */
export const myBMWStatePathIn = (stateDir: string) => join(stateDir, 'mybmw-live.json');

/** Opens a MyBMW live account over the simulator, polling every 250 ms unless told otherwise. */
export function openMyBMWLiveOverSimulator(
  sim: Simulator,
  tokenStore: TokenStore,
  stateDir: string,
  options: Partial<MyBMWLiveSettings> &
    Partial<Pick<MyBMWLiveAccountOptions & { timeoutMs?: number }, 'timeoutMs'>> = {},
): Promise<MyBMWLiveAccount> {
  return openMyBMWLiveAccount({
    ...MYBMW_LOGIN,
    region: 'rest_of_world',
    baseUrl: sim.url,
    tokenStore,
    statePath: myBMWStatePathIn(stateDir),
    pollIntervalMs: 250,
    retryDelayMs: 20,
    ...options,
  });
}

/** Requests for vehicle data the simulator answered (lists, profiles, states, charging details). */
export function vehicleDataRequests(sim: Simulator) {
  return sim
    .requests()
    .filter((entry) => entry.path.startsWith('/eadrax-vcs/') || entry.path.startsWith('/eadrax-crccs/'));
}

const STATE_PATH = '/eadrax-vcs/v4/vehicles/state';

/**
 * The car behind the simulator's MyBMW state: every change is a new report of the car, dated `at`
 * (the state's `lastFetched`). A change dated before the newest report is a late one: BMW serves an
 * older copy of the state (the late values on top of what the car reported before) until the next
 * report, which builds on the newest values again, not on the late ones.
 *
 * A polled report is seen only if a poll comes while it is served, so before a report replaces the
 * one served, `report` waits until that one was served to a state request (a poll saw it), at most
 * `servedWithinMs` when nothing polls. It resolves as soon as the simulator serves the new report,
 * before any poll saw it.
 */
export class ReportingCar {
  readonly #sim: Simulator;
  readonly #vin: string;
  readonly #servedWithinMs: number;
  #battery: number | undefined;
  #trunk: string | undefined;
  #newestAt = Number.NEGATIVE_INFINITY;
  /** When (simulator clock) the report served now was put in place; a later request serves it. */
  #servedSince: number | undefined;

  constructor(sim: Simulator, vin: string, servedWithinMs = 5_000) {
    this.#sim = sim;
    this.#vin = vin;
    this.#servedWithinMs = servedWithinMs;
  }

  /**
   * Starts from the recorded state without a trunk (as a car that has not reported one yet), so
   * the first trunk reported is where watching starts and every later one is a change. Keeps the
   * recording's report time.
   */
  async withoutTrunk(): Promise<void> {
    const recorded = this.#sim.state(this.#vin) as { state: { lastFetched: string } };
    await this.#post({ state: { doorsState: { trunk: null } } }, recorded.state.lastFetched);
  }

  /** Makes the simulator serve a new report of the car (over its admin endpoint, real HTTP). */
  async report(change: ConformanceChange): Promise<void> {
    await this.#previousServed();
    const late = change.at.getTime() < this.#newestAt;
    const battery = change.batteryPercent ?? this.#battery;
    const trunk = change.trunk ?? this.#trunk;
    if (!late) {
      this.#battery = battery;
      this.#trunk = trunk;
      this.#newestAt = change.at.getTime();
    }
    const state: Record<string, unknown> = {};
    if (battery !== undefined) state.electricChargingState = { chargingLevelPercent: battery };
    if (trunk !== undefined) state.doorsState = { trunk };
    await this.#post({ state }, change.at.toISOString());
    this.#servedSince = this.#sim.now();
  }

  async #previousServed(): Promise<void> {
    const since = this.#servedSince;
    if (since === undefined) return;
    const deadline = Date.now() + this.#servedWithinMs;
    while (Date.now() < deadline) {
      const served = this.#sim
        .requests()
        .some((entry) => entry.path === STATE_PATH && entry.status === 200 && Date.parse(entry.time) > since);
      if (served) return;
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
  }

  async #post(patch: unknown, at: string): Promise<void> {
    const response = await fetch(`${this.#sim.url}/_simulator/state/${this.#vin}`, {
      method: 'POST',
      body: JSON.stringify({ patch, at }),
    });
    if (!response.ok) throw new Error(`the simulator refused the change: ${response.status}`);
  }
}
