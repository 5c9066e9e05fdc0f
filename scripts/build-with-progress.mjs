// `node scripts/build-with-progress.mjs [turbo filters...]`: runs `turbo run build` and prints one
// line per package as its build starts ("building" or "cached") instead of turbo's hashes and tsup's
// file lists, then one line with the total. When a build fails, it prints that package's whole
// output and turbo's error, and exits with turbo's code. Used by `pnpm demo`, where a newcomer's
// first build should read as progress, not as noise.
import { spawn } from 'node:child_process';

const filters = process.argv.slice(2);
const started = performance.now();
const output = new Map(); // task id -> every line it printed, for the failure report
const turboErrors = [];
let built = 0;
let cached = 0;

console.log('Building (a first build takes a minute or two; later runs reuse it):');
const turbo = spawn('turbo', ['run', 'build', '--json', ...filters], {
  stdio: ['ignore', 'pipe', 'pipe'],
  env: { ...process.env, TURBO_NO_UPDATE_NOTIFIER: '1' },
});
turbo.on('error', (error) => {
  console.error(`Could not start turbo (${error.message}); run this through pnpm, e.g. \`pnpm demo\`.`);
  process.exitCode = 1;
});
let pending = '';
turbo.stdout.setEncoding('utf8');
turbo.stdout.on('data', (chunk) => {
  pending += chunk;
  const lines = pending.split('\n');
  pending = lines.pop() ?? '';
  for (const line of lines) handle(line);
});
let stderr = '';
turbo.stderr.setEncoding('utf8');
turbo.stderr.on('data', (chunk) => {
  stderr += chunk;
});

/** One NDJSON event of `turbo --json`: `{ source, level, text }`, source a task id or "turbo". */
function handle(line) {
  if (line.trim() === '') return;
  let event;
  try {
    event = JSON.parse(line);
  } catch {
    turboErrors.push(line);
    return;
  }
  const { source, level, text } = event;
  if (source === 'turbo') {
    if (level === 'error' || level === 'warn') turboErrors.push(text);
    return;
  }
  const name = String(source).replace(/#build$/, '');
  if (!output.has(name)) {
    output.set(name, []);
    const hit = /^cache hit/.test(text);
    if (hit) cached++;
    else built++;
    console.log(`  ${name.padEnd(22)} ${hit ? 'cached' : 'building'}`);
  }
  output.get(name).push(text);
}

turbo.on('close', (code) => {
  if (pending !== '') handle(pending);
  const seconds = ((performance.now() - started) / 1000).toFixed(1);
  if (code === 0) {
    const count = built + cached;
    console.log(`Built ${count} package${count === 1 ? '' : 's'} in ${seconds} s (${cached} cached).\n`);
    return;
  }
  const report = turboErrors.join('\n');
  const failed = [...output.keys()].filter((name) => report.includes(name));
  for (const name of failed.length > 0 ? failed : [...output.keys()]) {
    console.error(`\n--- ${name} ---\n${output.get(name).join('\n')}`);
  }
  console.error(`\n${report}\n${stderr}`.trimEnd());
  console.error(`\nThe build failed after ${seconds} s.`);
  process.exitCode = code ?? 1;
});
