// Benchmark: how fast `bimmer --help` starts, beside a bare `node -e 0` on the same machine.
// Runs the two in turn (A B A B ...), so a machine that speeds up or slows down affects both alike,
// and prints JSON: the median wall time of each, and the median of the pairwise ratios. Runs the
// built bin (turbo runs `build` first): `pnpm bench` at the root, or `pnpm --filter @bimmer/cli bench`.
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const CLI = fileURLToPath(new URL('../dist/cli.js', import.meta.url));
const WARM_UP = 3;
const RUNS = Number(process.env.BIMMER_BENCH_RUNS ?? 21);

if (!existsSync(CLI)) throw new Error(`${CLI} is missing: build @bimmer/cli first.`);

/** Wall time of one run of `node ...args`, in milliseconds; fails loudly if the run fails. */
function time(args) {
  const started = process.hrtime.bigint();
  const run = spawnSync(process.execPath, args, { stdio: ['ignore', 'pipe', 'pipe'] });
  const ms = Number(process.hrtime.bigint() - started) / 1e6;
  if (run.status !== 0) throw new Error(`node ${args.join(' ')} exited ${run.status}: ${run.stderr}`);
  return ms;
}

function median(values) {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
}

const round = (value, digits = 1) => Math.round(value * 10 ** digits) / 10 ** digits;

const help = [];
const bare = [];
for (let run = 0; run < WARM_UP + RUNS; run++) {
  const helpMs = time([CLI, '--help']);
  const bareMs = time(['-e', '0']);
  if (run < WARM_UP) continue;
  help.push(helpMs);
  bare.push(bareMs);
}

console.log(
  JSON.stringify(
    {
      benchmark: 'cli start-up',
      runs: RUNS,
      node: process.version,
      bimmerHelpMedianMs: round(median(help)),
      nodeBareMedianMs: round(median(bare)),
      ratioMedian: round(median(help.map((ms, index) => ms / bare[index])), 2),
      goal: 'bimmer --help within 2x of node -e 0',
    },
    null,
    2,
  ),
);
