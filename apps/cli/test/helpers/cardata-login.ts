import type { Simulator } from '@bimmer/simulator';
import { type BimmerRun, runBimmer, type TestHome } from './run-bimmer';

/** A client ID in the portal's format; the simulator accepts any. */
export const CARDATA_CLIENT_ID = '3f1c2b7a-0d4e-4c55-9a51-6d0e8f2b1c90';

/** Calls a CarData control of the simulator (`/_simulator/cardata<path>`) and fails on a non-200 answer. */
export async function cardataControl(
  sim: Simulator,
  path: string,
  body: unknown,
  method = 'POST',
): Promise<void> {
  const response = await fetch(`${sim.url}/_simulator/cardata${path}`, {
    method,
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });
  if (response.status !== 200) throw new Error(`${method} ${path}: HTTP ${response.status}`);
}

/**
 * Runs `bimmer login --cardata` and approves the code it prints, as the user would on BMW's page.
 * Resolves with the run and whether a code was approved.
 */
export async function loginCarDataApproved(
  sim: Simulator,
  home: TestHome,
  args: readonly string[],
): Promise<{ run: BimmerRun; approved: boolean }> {
  let approved = false;
  const run = await runBimmer([...args, 'login', '--cardata', '--client-id', CARDATA_CLIENT_ID], {
    env: home.env(),
    onStderr: (stderr) => {
      const code = /enter the code (\S+)/.exec(stderr)?.[1];
      if (code !== undefined && !approved) {
        approved = true;
        void cardataControl(sim, '/approve', { userCode: code });
      }
    },
  });
  return { run, approved };
}
