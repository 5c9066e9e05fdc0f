import { randomUUID } from 'node:crypto';
import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import { FileTokenStore, loginWithCarDataDeviceCode } from '@bimmer/auth';
import {
  type CarDataLiveAccount,
  type CarDataLiveAccountOptions,
  openCarDataLiveAccount,
} from '@bimmer/cardata';
import { type Simulator, type SimulatorOptions, startSimulator } from '@bimmer/simulator';

/** Options of {@link openDemoLiveAccount}. */
export interface DemoLiveAccountOptions {
  /** Where the demo's tokens and state file go (created when missing). */
  readonly stateDir: string;
  /** Passed to the live account (event settings, staleness, budget, persist interval). */
  readonly account?:
    | Partial<
        Omit<
          CarDataLiveAccountOptions,
          'tokenStore' | 'statePath' | 'apiBaseUrl' | 'streamUrl' | 'loginBaseUrl'
        >
      >
    | undefined;
  /** Passed to the simulator (e.g. its own `cardataVehicles`); it always listens on 127.0.0.1, port 0. */
  readonly simulator?: Omit<SimulatorOptions, 'host' | 'port'> | undefined;
}

/** A demo live account and what runs behind it. */
export interface DemoLiveAccount {
  /** A live CarData account on the simulator, logged in, not started. */
  readonly account: CarDataLiveAccount;
  /** The simulator (for its control routes: publish stream messages, move the clock). */
  readonly simulator: Simulator;
  /** Stops the account (persisting its state) and the simulator. */
  stop(): Promise<void>;
}

/**
 * A live CarData account with no car, no BMW login and no network: starts our simulator in this
 * process with the repository's CarData fleet, logs in through its device-code flow (approved
 * through the simulator's control route, as a user would on BMW's page) and opens the live account
 * on it. `bimmer hub --demo`, the Node-RED nodes and the Homebridge plugin share it for their demo
 * modes, so every adapter can be tried before a BMW account is connected.
 */
export async function openDemoLiveAccount(options: DemoLiveAccountOptions): Promise<DemoLiveAccount> {
  await mkdir(options.stateDir, { recursive: true, mode: 0o700 });
  const simulator = await startSimulator({ ...options.simulator, host: '127.0.0.1', port: 0 });
  try {
    const control = async (path: string, body: unknown) => {
      const response = await fetch(`${simulator.url}/_simulator/cardata/${path}`, {
        method: 'POST',
        body: JSON.stringify(body),
      });
      if (!response.ok) throw new Error(`The simulator refused ${path} (${response.status}).`);
      await response.arrayBuffer();
    };
    await control('config', { pollIntervalSeconds: 0.01 });
    const tokenStore = new FileTokenStore(join(options.stateDir, 'demo-cardata-tokens.json'));
    await loginWithCarDataDeviceCode({
      clientId: randomUUID(),
      baseUrl: simulator.url,
      tokenStore,
      onUserCode: async (prompt) => control('approve', { userCode: prompt.userCode }),
    });
    const account = await openCarDataLiveAccount({
      ...options.account,
      tokenStore,
      statePath: join(options.stateDir, 'demo-cardata-state.json'),
      apiBaseUrl: simulator.url,
      loginBaseUrl: simulator.url,
      streamUrl: simulator.mqttUrl ?? '',
    });
    return {
      account,
      simulator,
      async stop() {
        await account.stop();
        await simulator.stop();
      },
    };
  } catch (error) {
    await simulator.stop();
    throw error;
  }
}
