import type { MyBMWVehicle } from '@bimmer/mybmw';
import type { CliContext } from '../context';
import { CliUsageError } from '../errors/cli-usage-error';
import { ExitCode } from '../exit-codes';
import { renderVehicleStatus } from '../render/status-text';
import { parseNumberArgument } from '../util/parse-args';
import { type ActionResult, defineCommand, example } from './definition';

/** Options of `bimmer demo`. */
export interface DemoOptions {
  readonly latency: string;
}

/** The demo's remote-service polling: quick, so the whole demo takes a few seconds. */
const DEMO_POLL_INTERVAL_MS = 400;
const DEMO_POLL_TIMEOUT_MS = 30_000;
const DEMO_CAPTCHA_TOKEN = 'demo-captcha-token';
/** The largest simulated latency: a minute per request is already no demo. */
const MAX_LATENCY_MS = 60_000;

/**
 * `bimmer demo`: starts the simulator in this process with our fleet, logs in with the demo account,
 * prints the status of every vehicle and flashes the lights of one, showing each step. No network
 * beyond 127.0.0.1, no files written, no set-up.
 */
export const demo = defineCommand<DemoOptions>({
  name: 'demo',
  group: 'Try it out:',
  summary: 'see bimmer at work, without a BMW account or internet',
  description:
    'Start a simulated BMW backend in this process, log in with the demo account, print the status of ' +
    'every vehicle and flash the lights of one, showing each step. Needs no account and no network.',
  options: [
    {
      flags: '--latency <ms>',
      description: 'simulated network latency per request',
      defaultValue: '40',
    },
  ],
  examples: [example('demo --latency 0', 'as fast as it goes')],
  exitCodes: [],
  run: runDemo,
});

async function runDemo(
  context: CliContext,
  _positionals: readonly string[],
  options: DemoOptions,
): Promise<ActionResult> {
  const latencyMs = parseNumberArgument('--latency', options.latency);
  if (latencyMs < 0 || latencyMs > MAX_LATENCY_MS) {
    throw new CliUsageError(`--latency must be 0 to ${MAX_LATENCY_MS} ms, got ${options.latency}.`);
  }
  const [{ MemoryTokenStore, MyBMWAuthenticator }, { vehicleToJSON }, { MyBMWAccount }, { remoteServices }] =
    await Promise.all([
      import('@bimmer/auth'),
      import('@bimmer/core'),
      import('@bimmer/mybmw'),
      import('@bimmer/remote'),
    ]);
  const { stdout } = context.io;
  const colors = context.stderrColors;
  const started = Date.now();
  const step = stepPrinter(context);
  context.log.info(
    `${colors.bold('bimmer demo')} ${colors.dim('· a simulated BMW backend on this machine: no account, no internet')}\n`,
  );

  const simulator = await step('Starting the simulator', async () => {
    // Loaded on demand, so other commands do not pay for the simulator at start-up.
    const { startSimulator } = await import('@bimmer/simulator');
    const sim = await startSimulator({ port: 0, latencyMs, remoteServices: { stepsPerStatus: 1 } });
    return { value: sim, done: `${sim.url} · ${sim.vins().length} vehicles` };
  });
  context.cleanups.add(() => simulator.stop());
  try {
    const demo = simulator.demoAccount ?? { username: 'demo@bimmer.dev', password: 'bimmer-demo' };
    const authenticator = new MyBMWAuthenticator({
      username: demo.username,
      password: demo.password,
      region: 'rest_of_world',
      captchaToken: DEMO_CAPTCHA_TOKEN,
      tokenStore: new MemoryTokenStore(),
      baseUrl: simulator.url,
    });
    const account = new MyBMWAccount({ region: 'rest_of_world', authenticator, baseUrl: simulator.url });

    await step(`Logging in as ${demo.username}`, async () => {
      await authenticator.getAccessToken();
      return { value: undefined, done: 'logged in (hCaptcha accepted, tokens in memory)' };
    });
    const vehicles = await step('Loading the vehicles', async () => {
      const loaded = await account.getVehicles();
      const requests = account.lastLoad?.requests;
      return {
        value: loaded,
        done: `${loaded.length} vehicles${requests === undefined ? '' : ` with ${requests} requests`}`,
      };
    });

    context.log.info(`\n${colors.bold('Status of every vehicle')}\n`);
    for (const vehicle of vehicles) {
      stdout.write(`${renderVehicleStatus(vehicleToJSON(vehicle.snapshot), context.stdoutColors)}\n\n`);
    }

    const target = vehicles.find(supportsLightFlash) ?? vehicles[0];
    if (target === undefined) {
      context.log.warn('The simulator serves no vehicles; nothing to flash.');
      return ExitCode.error;
    }
    const title = `Flashing the lights of the ${target.name || target.vin} (${target.vin})`;
    const progress = context.progress();
    const stop = context.cleanups.add(() => progress.stop());
    progress.start(`${title}: sending`);
    try {
      const result = await remoteServices(target, {
        pollIntervalMs: DEMO_POLL_INTERVAL_MS,
        pollTimeoutMs: DEMO_POLL_TIMEOUT_MS,
        onProgress: (transition) => progress.update(`${title}: ${transition.state}`),
      }).triggerRemoteLightFlash();
      const states = result.transitions.map((transition) => transition.state).join(' → ');
      progress.succeed(`${title}: ${states} in ${(result.durationMs / 1000).toFixed(1)} s`);
    } catch (error) {
      progress.fail(`${title}: failed`);
      throw error;
    } finally {
      stop();
    }

    const seconds = ((Date.now() - started) / 1000).toFixed(1);
    context.log.info(
      `\n${colors.green('Done')} in ${seconds} s. Next: run ${colors.bold('bimmer simulator')} in one terminal and\n` +
        `${colors.bold('bimmer status --base-url <its url> --username demo@bimmer.dev --captcha-token demo')} in another\n` +
        '(password: bimmer-demo), or use your own account without --base-url.',
    );
    return undefined;
  } finally {
    await simulator.stop();
  }
}

function supportsLightFlash(vehicle: MyBMWVehicle): boolean {
  return vehicle.capabilities.lights === true;
}

/** Runs numbered steps with a spinner each: `1/3 Starting the simulator … ✔ http://…`. */
function stepPrinter(context: CliContext) {
  let number = 0;
  return async <T>(title: string, work: () => Promise<{ value: T; done: string }>): Promise<T> => {
    number += 1;
    const label = `${context.stderrColors.dim(`${number}.`)} ${title.padEnd(32)}`;
    const progress = context.progress();
    const stop = context.cleanups.add(() => progress.stop());
    progress.start(`${label.trimEnd()}…`);
    try {
      const { value, done } = await work();
      progress.succeed(`${label} ${context.stderrColors.dim(done)}`);
      return value;
    } catch (error) {
      progress.fail(`${label.trimEnd()}: failed`);
      throw error;
    } finally {
      stop();
    }
  };
}
