import { join } from 'node:path';
import { type CarDataTokens, FileTokenStore, loginWithCarDataDeviceCode } from '@bimmer/auth';
import { DEFAULT_FINGERPRINTS, type Simulator, startSimulator } from '@bimmer/simulator';

/** The CarData client ID the tests log in with (the simulator accepts any). */
export const CLIENT_ID = '5a1b2c3d-0000-4000-8000-00000000b1mm';
/** The simulator's first CarData vehicle (a BEV, PRIMARY). */
export const BEV = 'WBASIMCARDATA0001';

/** Our simulator (MyBMW and CarData) on a free port, polling device codes every second. */
export async function startTestSimulator(): Promise<Simulator> {
  const sim = await startSimulator({ port: 0 });
  await control(sim, 'POST', '/_simulator/cardata/config', { pollIntervalSeconds: 1 });
  return sim;
}

/** Calls a simulator control route and returns its JSON answer. */
export async function control(
  sim: Simulator,
  method: string,
  path: string,
  body?: unknown,
): Promise<unknown> {
  const response = await fetch(`${sim.url}${path}`, {
    method,
    headers: { 'content-type': 'application/json' },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
  const text = await response.text();
  if (!response.ok) throw new Error(`${method} ${path} answered ${response.status}: ${text}`);
  return text === '' ? undefined : JSON.parse(text);
}

/** Approves every pending device code, as the user does on BMW's page. */
export async function approve(sim: Simulator, userCode?: string): Promise<number> {
  const answer = (await control(
    sim,
    'POST',
    '/_simulator/cardata/approve',
    userCode === undefined ? {} : { userCode },
  )) as {
    approved: number;
  };
  return answer.approved;
}

/** Logs in to the simulator's CarData with the device code (approved at once) into `tokenFile`. */
export function logInCarData(sim: Simulator, tokenFile: string): Promise<CarDataTokens> {
  return loginWithCarDataDeviceCode({
    clientId: CLIENT_ID,
    baseUrl: sim.url,
    tokenStore: new FileTokenStore(tokenFile),
    onUserCode: async (prompt) => {
      await approve(sim, prompt.userCode);
    },
  });
}

/** A stream message of one vehicle, as BMW sends it. */
export function streamMessage(
  vin: string,
  at: string,
  data: Record<string, unknown>,
): Record<string, unknown> {
  const entries = Object.fromEntries(
    Object.entries(data).map(([descriptor, value]) => [descriptor, { value, timestamp: at }]),
  );
  return { vin, topic: vin, timestamp: at, data: entries };
}

/** Publishes stream messages on the simulator's broker. */
export async function publish(sim: Simulator, ...messages: Record<string, unknown>[]): Promise<void> {
  await control(sim, 'POST', '/_simulator/cardata/publish', messages);
}

/** The CarData REST calls the simulator served (quota-relevant). */
export async function restCalls(sim: Simulator): Promise<{ method: string; path: string; status: number }[]> {
  const log = (await control(sim, 'GET', '/_simulator/cardata/requests')) as {
    kind: string;
    method: string;
    path: string;
    status: number;
  }[];
  return log.filter((entry) => entry.kind === 'rest');
}

/** The simulator's CarData state (quota used, kicks, pending codes). */
export async function carDataState(
  sim: Simulator,
): Promise<{ quotaUsed: number; kicks: number; pendingCodes: number }> {
  return (await control(sim, 'GET', '/_simulator/cardata/state')) as {
    quotaUsed: number;
    kicks: number;
    pendingCodes: number;
  };
}

/** The MyBMW car of the MyBMW tests: the i5 of our fleet (electric, 80 %, locked, every remote service). */
export const I5 = 'WBA00000BIMMER001';

/** The MyBMW test login; its secrets occur nowhere in the fleet's data, so a leak would be seen. */
export const MYBMW_LOGIN = {
  username: 'node-red-driver@bimmer.test',
  password: 'NodeRed-Pa55-Secret-Never-Logged',
  captchaToken: 'node-red-captcha-Secret-Token',
} as const;

/**
 * Our simulator serving only the i5 on its MyBMW side, owned by the test login; remote commands
 * are executed at the first status poll.
 */
export function startMyBMWTestSimulator(): Promise<Simulator> {
  if (DEFAULT_FINGERPRINTS === undefined) throw new Error('The simulator was built without its fleet.');
  return startSimulator({
    port: 0,
    fingerprints: [join(DEFAULT_FINGERPRINTS, 'i5-charging-settings')],
    accounts: [{ username: MYBMW_LOGIN.username, password: MYBMW_LOGIN.password }],
    remoteServices: { stepsPerStatus: 0 },
  });
}

/** Makes the simulator's MyBMW car report new values, measured at `at` (its admin route, real HTTP). */
export async function reportState(sim: Simulator, vin: string, state: unknown, at: Date): Promise<void> {
  await control(sim, 'POST', `/_simulator/state/${vin}`, { patch: { state }, at: at.toISOString() });
}

/** The MyBMW requests the simulator answered (login, vehicle data, remote commands), from its log. */
export async function myBMWRequests(
  sim: Simulator,
): Promise<{ method: string; path: string; status: number; time: string }[]> {
  const log = (await control(sim, 'GET', '/_simulator/requests')) as {
    method: string;
    path: string;
    status: number;
    time: string;
  }[];
  return log.filter((entry) => !entry.path.startsWith('/_simulator'));
}
