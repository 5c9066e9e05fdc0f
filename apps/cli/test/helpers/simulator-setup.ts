import { type Simulator, startSimulator } from '@bimmer/simulator';
import { afterAll, beforeAll, beforeEach } from 'vitest';
import { type BimmerRun, createTestHome, type RunOptions, runBimmer, type TestHome } from './run-bimmer';

/** The simulator's demo account. */
export const DEMO = { username: 'demo@bimmer.dev', password: 'bimmer-demo' } as const;
/** A captcha token; the simulator accepts any non-empty one. */
export const CAPTCHA = 'P1_test-captcha-token';

/** One simulator and one temporary home per test file, reset before every test. */
export interface SimulatorHarness {
  readonly sim: Simulator;
  readonly home: TestHome;
  /** Runs bimmer against the simulator with the demo account, a captcha token and the temp token file. */
  run(
    args: readonly string[],
    options?: Partial<RunOptions> & { extraEnv?: Record<string, string> },
  ): Promise<BimmerRun>;
  /** The global flags `run` adds: base URL, token file, username. */
  readonly baseArgs: readonly string[];
}

/** Starts a simulator for this test file; every test starts from a reset simulator and no token file. */
export function useSimulator(): SimulatorHarness {
  let sim: Simulator | undefined;
  let home: TestHome | undefined;
  beforeAll(async () => {
    sim = await startSimulator({ port: 0 });
    home = await createTestHome();
  });
  afterAll(async () => {
    await sim?.stop();
    await home?.remove();
  });
  beforeEach(async () => {
    sim?.reset();
    const { rm } = await import('node:fs/promises');
    if (home !== undefined) await rm(home.tokenFile, { force: true });
  });
  const harness: SimulatorHarness = {
    get sim() {
      if (sim === undefined) throw new Error('simulator not started');
      return sim;
    },
    get home() {
      if (home === undefined) throw new Error('home not created');
      return home;
    },
    get baseArgs() {
      return [
        '--base-url',
        harness.sim.url,
        '--token-file',
        harness.home.tokenFile,
        '--username',
        DEMO.username,
      ];
    },
    run(args, options = {}) {
      const env = harness.home.env({
        BIMMER_PASSWORD: DEMO.password,
        BIMMER_CAPTCHA_TOKEN: CAPTCHA,
        ...options.extraEnv,
      });
      return runBimmer([...harness.baseArgs, ...args], { ...options, env: options.env ?? env });
    },
  };
  return harness;
}

/** How many full logins (authenticate step 1 with a password) the simulator saw. */
export function passwordLogins(sim: Simulator): number {
  return sim
    .requests()
    .filter((request) => request.method === 'POST' && request.path === '/gcdm/oauth/authenticate')
    .filter(
      (request) => typeof request.body === 'object' && request.body !== null && 'password' in request.body,
    ).length;
}

/** Asserts that no secret of the demo login shows up in a run's output. */
export function secretsIn(run: BimmerRun, secrets: readonly string[]): string[] {
  return secrets.filter(
    (secret) => secret !== '' && (run.stdout.includes(secret) || run.stderr.includes(secret)),
  );
}
