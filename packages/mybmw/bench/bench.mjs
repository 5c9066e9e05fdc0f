// Benchmark: a full load and a refresh of the simulator's fleet at 0 ms and 50 ms injected latency.
// Prints JSON: wall time, requests (login and API) and peak memory per scenario. Runs against the
// built dists (turbo runs `build` first): `pnpm bench` at the root, or `pnpm --filter @bimmer/mybmw bench`.
import { MyBMWAccount } from '@bimmer/mybmw';
import { startSimulator } from '@bimmer/simulator';

const USER = { username: 'bench@bimmer.test', password: 'bench-password' };
const LATENCIES_MS = [0, 50];
const REFRESHES = 3;

/** Samples the resident set size while `task` runs; returns its result, wall time and peak RSS. */
async function measure(task) {
  let peak = process.memoryUsage().rss;
  const timer = setInterval(() => {
    peak = Math.max(peak, process.memoryUsage().rss);
  }, 2);
  const started = performance.now();
  try {
    const result = await task();
    return { result, wallMs: Math.round((performance.now() - started) * 10) / 10, peakRssMb: peak / 2 ** 20 };
  } finally {
    clearInterval(timer);
    peak = Math.max(peak, process.memoryUsage().rss);
  }
}

const isApi = (r) => r.path.startsWith('/eadrax-vcs') || r.path.startsWith('/eadrax-crccs');

async function scenario(latencyMs) {
  const sim = await startSimulator({ port: 0, latencyMs, accounts: [USER] });
  try {
    const account = new MyBMWAccount({
      ...USER,
      captchaToken: 'bench',
      region: 'rest_of_world',
      baseUrl: sim.url,
    });
    const first = await measure(() => account.getVehicles());
    const firstRequests = sim.requests();
    const vehicles = first.result.length;
    const withCharging = account.vehicles.filter((v) => v.chargingSettings !== null).length;
    const refreshes = [];
    for (let i = 0; i < REFRESHES; i++) {
      sim.clearRequests();
      const refresh = await measure(() => account.getVehicles());
      refreshes.push({
        wallMs: refresh.wallMs,
        requests: sim.requests().length,
        peakRssMb: round(refresh.peakRssMb),
      });
    }
    return {
      latencyMs,
      vehicles,
      vehiclesWithChargingDetails: withCharging,
      firstLoad: {
        wallMs: first.wallMs,
        requests: firstRequests.length,
        loginRequests: firstRequests.filter((r) => !isApi(r)).length,
        apiRequests: firstRequests.filter(isApi).length,
        budget: 3 + 2 * vehicles + withCharging,
        peakRssMb: round(first.peakRssMb),
      },
      refresh: {
        wallMs: median(refreshes.map((r) => r.wallMs)),
        requests: refreshes[0]?.requests ?? 0,
        budget: vehicles + withCharging,
        peakRssMb: Math.max(...refreshes.map((r) => r.peakRssMb)),
        runs: refreshes.length,
      },
    };
  } finally {
    await sim.stop();
  }
}

function round(value) {
  return Math.round(value * 10) / 10;
}

function median(values) {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)] ?? 0;
}

const results = [];
for (const latencyMs of LATENCIES_MS) results.push(await scenario(latencyMs));
// A benchmark that silently sends more requests than the README's budget would measure the wrong thing.
const overBudget = results.filter(
  (r) => r.firstLoad.apiRequests !== r.firstLoad.budget || r.refresh.requests !== r.refresh.budget,
);
if (overBudget.length > 0) {
  console.error(`request budget missed at latency ${overBudget.map((r) => `${r.latencyMs} ms`).join(', ')}`);
  process.exitCode = 1;
}
console.log(
  JSON.stringify(
    {
      benchmark: '@bimmer/mybmw full load and refresh against @bimmer/simulator',
      node: process.version,
      concurrency: 4,
      maxRssMb: round(process.resourceUsage().maxRSS / 1024),
      results,
    },
    null,
    2,
  ),
);
