/**
 * The MyBMW live account with remote commands, over the simulator (real HTTP): a command run
 * through `runRemoteService` is followed by a refresh of its vehicle, so the new lock state is in
 * `vehicles` and told as `change` and `event` before the command resolves; a command whose own
 * follow-up read the vehicle costs no further request; a failed command still refreshes.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { MemoryTokenStore } from '@bimmer/auth';
import type { LiveAccountEvents } from '@bimmer/core';
import type { MyBMWLiveAccount } from '@bimmer/mybmw';
import { remoteServices } from '@bimmer/remote';
import type { Simulator } from '@bimmer/simulator';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { connected } from './describe-live-account';
import { MYBMW_VIN, openMyBMWLiveOverSimulator, startMyBMWSimulator } from './mybmw-simulator';

const STATE = '/eadrax-vcs/v4/vehicles/state';
/** Quick remote-service polling for the tests. */
const QUICK = { pollIntervalMs: 20, refreshDelayMs: 20 };

let sim: Simulator;
let tokenStore: MemoryTokenStore;
let stateDir: string;
let accounts: MyBMWLiveAccount[] = [];

beforeAll(async () => {
  sim = await startMyBMWSimulator();
});
afterAll(async () => {
  await sim.stop();
});
beforeEach(async () => {
  sim.reset();
  tokenStore = new MemoryTokenStore();
  stateDir = await mkdtemp(join(tmpdir(), 'bimmer-mybmw-remote-'));
  accounts = [];
});
afterEach(async () => {
  for (const account of accounts) await account.stop();
  await rm(stateDir, { recursive: true, force: true });
});

/** A started account that polls once, then not again during the test (a long interval). */
async function live() {
  const account = await openMyBMWLiveOverSimulator(sim, tokenStore, stateDir, { pollIntervalMs: 600_000 });
  accounts.push(account);
  const seen = {
    changes: [] as LiveAccountEvents['change'][],
    events: [] as LiveAccountEvents['event'][],
    warnings: [] as string[],
  };
  account.on('change', (change) => seen.changes.push(change));
  account.on('event', (event) => seen.events.push(event));
  account.on('warning', (warning) => seen.warnings.push(warning.message));
  await account.start();
  await connected(account);
  return { account, seen };
}

const stateRequests = () => sim.requests().filter((entry) => entry.path === STATE).length;
const lockOf = (account: MyBMWLiveAccount) =>
  account.getVehicle(MYBMW_VIN)?.snapshot.doorsAndWindows?.doorLockState;

describe('remote commands on the live account', () => {
  it('shows the new lock state when the command resolves, told as change and event, without a further request', async () => {
    const { account, seen } = await live();
    expect(lockOf(account)).toBe('LOCKED');
    const before = stateRequests();
    const result = await account.runRemoteService(MYBMW_VIN, (vehicle) =>
      remoteServices(vehicle, QUICK).triggerRemoteDoorUnlock(),
    );
    expect(result.state).toBe('EXECUTED');
    expect(lockOf(account)).toBe('UNLOCKED');
    // @bimmer/remote read the state after the command; the live account took that read.
    expect(stateRequests() - before).toBe(1);
    const served = sim.state(MYBMW_VIN) as { state: { lastFetched: string } };
    const at = new Date(served.state.lastFetched);
    expect(seen.changes.at(-1)?.changes).toContainEqual({
      path: 'doorsAndWindows.doorLockState',
      time: { at, source: 'mybmw', channel: 'poll' },
    });
    expect(seen.events.map((event) => [event.type, event.at])).toEqual([['unlocked', at]]);
  });

  it('refreshes after a command that reads nothing itself, and after a command that failed', async () => {
    const { account, seen } = await live();
    let before = stateRequests();
    const flashed = await account.runRemoteService(MYBMW_VIN, (vehicle) =>
      remoteServices(vehicle, QUICK).triggerRemoteLightFlash(),
    );
    expect(flashed.state).toBe('EXECUTED');
    expect(stateRequests() - before).toBe(1);

    sim.setRemoteServices({ outcome: 'ERROR' });
    before = stateRequests();
    let failed: unknown;
    try {
      await account.runRemoteService(MYBMW_VIN, (vehicle) =>
        remoteServices(vehicle, QUICK).triggerRemoteDoorUnlock(),
      );
    } catch (error) {
      failed = error;
    }
    expect(failed).toMatchObject({ code: 'remote-service' });
    // The command's own refresh does not run after an error; the live account's does.
    expect(stateRequests() - before).toBe(1);
    expect(lockOf(account)).toBe('LOCKED');
    expect(seen.warnings).toEqual([]);
  });

  it('loads a restored vehicle first when the account has not polled yet', async () => {
    const first = await live();
    await first.account.stop();
    const account = await openMyBMWLiveOverSimulator(sim, tokenStore, stateDir, { pollIntervalMs: 600_000 });
    accounts.push(account);
    expect(account.getVehicle(MYBMW_VIN)?.restored).toBe(true);
    const result = await account.runRemoteService(MYBMW_VIN, (vehicle) =>
      remoteServices(vehicle, QUICK).triggerRemoteDoorUnlock(),
    );
    expect(result.state).toBe('EXECUTED');
    expect(lockOf(account)).toBe('UNLOCKED');
    expect(account.getVehicle(MYBMW_VIN)?.restored).toBe(false);
    expect(account.connection.state).toBe('idle');
  });
});
