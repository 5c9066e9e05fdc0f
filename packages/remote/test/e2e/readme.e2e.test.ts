/**
 * Runs the TypeScript examples of this package's and @bimmer/mybmw's README against the simulator,
 * as written. The only test doubles: `MyBMWAccount` and `openMyBMWLiveAccount` get `baseUrl: sim.url`
 * (and the live account's files go to a temp folder instead of /home/me), and remote services get an
 * instant `sleep` (the examples use the default 3.5 s poll), so the suite stays fast.
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { stripTypeScriptTypes } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as auth from '@bimmer/auth';
import { isRemoteServiceSupported } from '@bimmer/core';
import * as mybmw from '@bimmer/mybmw';
import { type Simulator, startSimulator } from '@bimmer/simulator';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import * as remote from '../../src/index';

const USER = { username: 'readme@bimmer.test', password: 'Readme-Pa55word' };

let sim: Simulator;
let files: string;
beforeAll(async () => {
  sim = await startSimulator({ port: 0, accounts: [USER] });
  files = mkdtempSync(join(tmpdir(), 'bimmer-readme-'));
});
afterAll(async () => {
  await sim.stop();
  rmSync(files, { recursive: true, force: true });
});
beforeEach(() => {
  sim.reset();
});

/** The ```ts blocks of a README that import from @bimmer packages (the runnable examples). */
function examples(readme: URL): string[] {
  const text = readFileSync(readme, 'utf8');
  return [...text.matchAll(/```ts\n([\s\S]*?)```/g)]
    .map((match) => match[1] ?? '')
    .filter((code) => /from '@bimmer\//.test(code));
}

type Example = (...args: unknown[]) => Promise<void>;
const AsyncFunction = Object.getPrototypeOf(async () => {}).constructor as new (...args: string[]) => Example;

/** Runs one example with the placeholders bound; returns what it logged. */
async function run(code: string, vin: string): Promise<unknown[][]> {
  const body = stripTypeScriptTypes(code).replace(
    /^import\s+\{([^}]*)\}\s+from\s+'(@bimmer\/[a-z]+)';$/gm,
    (_, names: string, module: string) => `const {${names}} = __modules['${module}'];`,
  );
  const baseUrl = sim.url;
  class SimulatorAccount extends mybmw.MyBMWAccount {
    constructor(options: mybmw.MyBMWAccountOptions) {
      super({ ...options, baseUrl });
    }
  }
  class TempTokenStore extends auth.FileTokenStore {
    constructor(_path: string) {
      super(join(files, 'mybmw-tokens.json'));
    }
  }
  const openSimulatorLiveAccount = (options: mybmw.MyBMWLiveAccountOptions) =>
    mybmw.openMyBMWLiveAccount({ ...options, baseUrl, statePath: join(files, 'mybmw-live.json') });
  const instant = () => new Promise<void>((resolve) => setImmediate(resolve));
  const modules = {
    '@bimmer/auth': { ...auth, FileTokenStore: TempTokenStore },
    '@bimmer/mybmw': {
      ...mybmw,
      MyBMWAccount: SimulatorAccount,
      openMyBMWLiveAccount: openSimulatorLiveAccount,
    },
    '@bimmer/remote': {
      ...remote,
      remoteServices: (vehicle: remote.RemoteVehicle, defaults: remote.RemoteServiceOptions = {}) =>
        remote.remoteServices(vehicle, { sleep: instant, ...defaults }),
    },
  };
  const logged: unknown[][] = [];
  const console = { log: (...values: unknown[]) => void logged.push(values) };
  const example = new AsyncFunction(
    '__modules',
    'USERNAME',
    'PASSWORD',
    'username',
    'password',
    'VIN',
    'captchaToken',
    'console',
    body,
  );
  const { username, password } = USER;
  await example(modules, username, password, username, password, vin, 'any-captcha-token', console);
  return logged;
}

/** A VIN of the fleet that can flash its lights and lock its doors. */
async function capableVin(): Promise<string> {
  const account = new mybmw.MyBMWAccount({ ...USER, captchaToken: 'x', region: 'row', baseUrl: sim.url });
  const vehicle = (await account.getVehicles()).find(
    (v) =>
      isRemoteServiceSupported(v.snapshot, 'lightFlash') && isRemoteServiceSupported(v.snapshot, 'doorLock'),
  );
  if (vehicle === undefined) throw new Error('The fleet has no vehicle that flashes and locks.');
  sim.reset();
  return vehicle.vin;
}

describe('README examples, run as written against the simulator', () => {
  it('@bimmer/mybmw: the translated bimmer_connected example', async () => {
    const [code, ...others] = examples(new URL('../../../mybmw/README.md', import.meta.url)).filter(
      (example) => example.includes('new MyBMWAccount('),
    );
    expect(others).toEqual([]);
    const vin = await capableVin();
    const logged = await run(code ?? '', vin);
    const served = sim.state(vin) as { state: { currentMileage?: number } };
    expect(logged[0]?.[2]).toBe(vin);
    expect(String(logged[0]?.[0])).toMatch(/^(bmw|mini|toyota)$/);
    expect(logged[1]?.[0]).toEqual({ value: served.state.currentMileage, unit: 'km' });
    expect(logged[1]?.[2]).toBe(true);
    expect(logged.at(-1)).toEqual(['EXECUTED']);
    expect(sim.events().map((e) => [e.service, e.vin])).toEqual([['light-flash', vin]]);
  });

  it('@bimmer/remote: light flash, then a lock with progress and the new state', async () => {
    const [code, ...others] = examples(new URL('../../README.md', import.meta.url));
    expect(others).toEqual([]);
    const vin = await capableVin();
    const logged = await run(code ?? '', vin);
    expect(logged[0]).toEqual(['EXECUTED']);
    expect(logged.slice(1, -1).map(([state]) => state)).toEqual([
      'INITIATED',
      'PENDING',
      'DELIVERED',
      'EXECUTED',
    ]);
    expect(logged.at(-1)?.[0]).toMatchObject({ combinedSecurityState: 'LOCKED' });
    expect(logged.at(-1)?.[1]).toBe('LOCKED');
    expect(sim.events().map((e) => e.service)).toEqual(['light-flash', 'door-lock']);
  });

  it('@bimmer/mybmw: the live account polls, commands through runRemoteService and stops', async () => {
    const [code, ...others] = examples(new URL('../../../mybmw/README.md', import.meta.url)).filter(
      (example) => example.includes('openMyBMWLiveAccount('),
    );
    expect(others).toEqual([]);
    const vin = await capableVin();
    const logged = await run(code ?? '', vin);
    expect(logged[0]).toEqual(['connecting', '']);
    expect(logged).toContainEqual(['connected', '']);
    expect(logged.at(-1)).toEqual(['stopped', '']);
    expect(sim.events().map((e) => [e.service, e.vin])).toEqual([['door-lock', vin]]);
    expect(
      (sim.state(vin) as { state: { doorsState?: { combinedSecurityState?: string } } }).state.doorsState,
    ).toMatchObject({ combinedSecurityState: 'LOCKED' });
  });
});
