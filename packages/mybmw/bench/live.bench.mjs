// Benchmark of the live MyBMW account (`openMyBMWLiveAccount`) against @bimmer/simulator with our
// whole fleet, printed as JSON. Runs against the built dists (turbo runs `build` first): `pnpm bench`
// at the root, or `pnpm --filter @bimmer/mybmw bench`. No assertions on timings; a request count that
// misses the README's budget, or a restart that sends a request, sets the exit code.
//
// Each poll is measured as it is sent (the first one, later ones, the daily reload of the lists); the
// requests per day follow from those counts and the number of polls a day at the default interval
// (5 minutes), with and without quiet hours of 23:00–06:00. Login requests are not counted (one
// login, then a token refresh every few hours).
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { MemoryTokenStore } from '@bimmer/auth';
import { MYBMW_LIVE_DEFAULTS, openMyBMWLiveAccount } from '@bimmer/mybmw';
import { startSimulator } from '@bimmer/simulator';

const USER = { username: 'bench-live@bimmer.test', password: 'bench-password' };
const DAY = 86_400_000;
const POLLS = 5;

const isApi = (r) => r.path.startsWith('/eadrax-vcs') || r.path.startsWith('/eadrax-crccs');
const round = (value, digits = 1) => Math.round(value * 10 ** digits) / 10 ** digits;

const sim = await startSimulator({ port: 0, accounts: [USER] });
const stateDir = await mkdtemp(join(tmpdir(), 'bimmer-mybmw-live-bench-'));
const clock = { offset: 0 };
const now = () => Date.now() + clock.offset;
const tokenStore = new MemoryTokenStore();
const open = () =>
  openMyBMWLiveAccount({
    ...USER,
    captchaToken: 'bench',
    region: 'rest_of_world',
    baseUrl: sim.url,
    tokenStore,
    statePath: join(stateDir, 'mybmw-live.json'),
    now,
  });

/** Runs one poll of the whole account (what the timer does) and counts its API requests. */
async function poll(account) {
  sim.clearRequests();
  const started = performance.now();
  await account.refresh(undefined, { reason: 'bench' });
  return { requests: sim.requests().filter(isApi).length, wallMs: round(performance.now() - started) };
}

try {
  const account = await open();
  const first = await poll(account);
  const vehicles = account.vehicles.length;
  const withCharging = account.myBMWAccount.vehicles.filter((v) => v.chargingSettings !== null).length;
  const later = [];
  for (let i = 0; i < POLLS; i++) later.push(await poll(account));
  clock.offset += DAY + 60_000;
  const dailyReload = await poll(account);
  await account.stop();

  sim.clearRequests();
  const restarted = await open();
  const restored = restarted.vehicles.length;
  const requestsOnRestart = sim.requests().length;

  const perPoll = later[0]?.requests ?? 0;
  const pollsPerDay = DAY / MYBMW_LIVE_DEFAULTS.pollIntervalMs;
  const quietPollsPerDay = (17 * 3_600_000) / MYBMW_LIVE_DEFAULTS.pollIntervalMs;
  // A steady day: every poll reads the states; one of them reloads the lists and profiles as well.
  const perDay = (polls) => (polls - 1) * perPoll + dailyReload.requests;
  const result = {
    benchmark: '@bimmer/mybmw live account: requests per poll and per day against @bimmer/simulator',
    node: process.version,
    vehicles,
    vehiclesWithChargingDetails: withCharging,
    pollIntervalMs: MYBMW_LIVE_DEFAULTS.pollIntervalMs,
    firstPoll: { ...first, budget: 3 + 2 * vehicles + withCharging },
    poll: {
      requests: perPoll,
      budget: vehicles + withCharging,
      medianWallMs: [...later.map((p) => p.wallMs)].sort((a, b) => a - b)[Math.floor(later.length / 2)],
    },
    dailyListReload: { ...dailyReload, budget: 3 + 2 * vehicles + withCharging },
    requestsPerDay: {
      pollsPerDay,
      total: perDay(pollsPerDay),
      perVehicle: round(perDay(pollsPerDay) / vehicles),
      withQuietHours2300to0600: { pollsPerDay: quietPollsPerDay, total: perDay(quietPollsPerDay) },
    },
    restart: { restoredVehicles: restored, requests: requestsOnRestart },
    maxRssMb: round(process.resourceUsage().maxRSS / 1024),
  };
  const missed =
    result.firstPoll.requests !== result.firstPoll.budget ||
    later.some((p) => p.requests !== result.poll.budget) ||
    dailyReload.requests !== result.dailyListReload.budget ||
    requestsOnRestart !== 0 ||
    restored !== vehicles;
  if (missed) {
    console.error('the live account missed its request budget, or a restart sent a request');
    process.exitCode = 1;
  }
  console.log(JSON.stringify(result, null, 2));
} finally {
  await rm(stateDir, { recursive: true, force: true });
  await sim.stop();
}
