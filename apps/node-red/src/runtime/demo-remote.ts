/**
 * Remote commands of the demo: the live-account contract is read-only and the demo account is BMW
 * CarData (read-only too), so the demo's `bimmer-remote` node sends its commands to the MyBMW side of
 * the same simulator, whose fleet (e.g. `WBA00000BIMMER001`) answers them at once.
 */
import { MemoryTokenStore } from '@bimmer/auth';
import { MyBMWAccount } from '@bimmer/mybmw';
import type { Simulator } from '@bimmer/simulator';
import { myBMWRemoteCommander, type RemoteCommander } from '../remote/remote-commander';

/** The demo's hCaptcha token: the simulator accepts any non-empty one. */
const DEMO_CAPTCHA_TOKEN = 'bimmer-demo';

/** Remote commands poll the simulator quickly: the demo car answers at once. */
const DEMO_REMOTE_POLL_MS = 300;

/** Remote commands on the demo simulator's MyBMW vehicles, logged in as its demo user (in memory). */
export function demoRemoteCommander(simulator: Simulator): RemoteCommander {
  const demo = simulator.demoAccount ?? { username: 'demo@bimmer.dev', password: 'bimmer-demo' };
  const myBMW = new MyBMWAccount({
    username: demo.username,
    password: demo.password,
    region: 'rest_of_world',
    tokenStore: new MemoryTokenStore(),
    captchaToken: DEMO_CAPTCHA_TOKEN,
    baseUrl: simulator.url,
  });
  return myBMWRemoteCommander(myBMW, { pollIntervalMs: DEMO_REMOTE_POLL_MS });
}
