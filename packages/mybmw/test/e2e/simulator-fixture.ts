/**
 * Starts @bimmer/simulator for the end-to-end suites (real HTTP on 127.0.0.1, port 0) and builds
 * accounts against it with the demo credentials.
 */
import { type Simulator, type SimulatorOptions, startSimulator } from '@bimmer/simulator';
import { type AccountTransportOptions, MyBMWAccount } from '../../src/index';

/**
 * The test account (any non-empty captcha token is accepted). Its secrets are strings that occur
 * nowhere in the fleet's data, so tests can prove they never leak.
 */
export const DEMO = {
  username: 'e2e-driver@bimmer.test',
  password: 'Pa55-e2e-Secret-Never-Logged',
  captchaToken: 'captcha-e2e-Secret-Token',
};

/** Starts a simulator with the test account owning every vehicle. */
export function startTestSimulator(options: SimulatorOptions = {}): Promise<Simulator> {
  return startSimulator({
    port: 0,
    accounts: [{ username: DEMO.username, password: DEMO.password }],
    ...options,
  });
}

/**
 * An account on the simulator, logged in with the test credentials on first use. Backoff and 429 waits
 * are skipped unless the test passes its own `sleep`.
 */
export function simulatorAccount(sim: Simulator, options: AccountTransportOptions = {}): MyBMWAccount {
  return new MyBMWAccount({
    ...DEMO,
    region: 'rest_of_world',
    baseUrl: sim.url,
    sleep: async () => {},
    ...options,
  });
}

/** The API requests (login requests excluded) the simulator answered, as `METHOD path vin`. */
export function apiRequests(
  sim: Simulator,
): Array<{ method: string; path: string; vin: string | undefined; status: number | null }> {
  return sim
    .requests()
    .filter(
      (r) =>
        r.path.startsWith('/eadrax-') &&
        !r.path.startsWith('/eadrax-ucs') &&
        !r.path.startsWith('/eadrax-coas'),
    )
    .map((r) => ({ method: r.method, path: r.path, vin: r.headers['bmw-vin'], status: r.status }));
}

/** The `{capabilities, state}` document the simulator serves for `vin`. */
export function servedState(
  sim: Simulator,
  vin: string,
): { capabilities: Record<string, unknown>; state: Record<string, unknown> } {
  return sim.state(vin) as { capabilities: Record<string, unknown>; state: Record<string, unknown> };
}

/** Whether the vehicle's charging details are requested (its capabilities say it has any). */
export function hasChargingDetails(sim: Simulator, vin: string): boolean {
  const { capabilities } = servedState(sim, vin);
  return capabilities.isChargingPlanSupported === true || capabilities.isChargingSettingsEnabled === true;
}
