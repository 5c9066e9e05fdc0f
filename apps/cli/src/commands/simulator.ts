import { resolve } from 'node:path';
import type { SimulatorOptions } from '@bimmer/simulator';
import { CliUsageError } from '../errors/cli-usage-error';
import { defineCommand } from './definition';

/**
 * `bimmer simulator [flags]`: runs the simulator in the foreground with the flags of
 * `bimmer-simulator` (parsed by the simulator itself). The first stdout line is exactly
 * `listening on http://127.0.0.1:<port>` (then `mqtt on ...` when the CarData broker runs); Ctrl-C or
 * SIGTERM stop it and exit 0.
 */
export const simulator = defineCommand<Record<string, never>>({
  name: 'simulator',
  group: 'Try it out:',
  summary: 'run the local BMW backend simulator',
  description:
    'Run @bimmer/simulator in the foreground until Ctrl-C. Its first line on stdout is ' +
    '"listening on http://127.0.0.1:<port>"; point bimmer at it with --base-url or BIMMER_BASE_URL. ' +
    'Takes the flags of bimmer-simulator (--fingerprints, --account, --cardata-vehicles, --no-cardata-vehicles, ' +
    '--port, --host, --latency, --fault, --token-lifetime, --remote-outcome, --remote-steps, --china-captcha, ' +
    '--captcha); run "bimmer simulator --help" for them.',
  arguments: [{ name: '[flags...]', description: 'flags of bimmer-simulator' }],
  passThrough: true,
  // Its --help prints the simulator's own flags.
  examples: [],
  exitCodes: [],
  async run(context, positionals) {
    const { parseArguments, simulatorUsage, startSimulator } = await import('@bimmer/simulator');
    let parsed: ReturnType<typeof parseArguments>;
    try {
      parsed = parseArguments(positionals);
    } catch (error) {
      throw new CliUsageError(
        error instanceof Error ? error.message : String(error),
        'Run bimmer simulator --help.',
      );
    }
    if (parsed.help) {
      context.io.stdout.write(`${simulatorUsage('bimmer simulator')}\n`);
      return undefined;
    }
    const sim = await startSimulator(relativeToCwd(parsed.options, context.io.cwd));
    context.io.stdout.write(`listening on ${sim.url}\n`);
    if (sim.mqttUrl !== undefined) context.io.stdout.write(`mqtt on ${sim.mqttUrl}\n`);
    if (sim.demoAccount !== undefined) {
      context.log.info(
        `Demo account: ${sim.demoAccount.username} / ${sim.demoAccount.password} (any captcha token). ` +
          `Try: bimmer status --base-url ${sim.url} --username ${sim.demoAccount.username} --captcha-token demo`,
      );
    }
    context.log.info(
      `Serving ${sim.vins().length} MyBMW vehicle(s) and ${sim.cardataVins().length} CarData vehicle(s). Press Ctrl-C to stop.`,
    );
    await new Promise<void>((done) => {
      const release = context.cleanups.takeOverSignals(() => {
        release();
        done();
      });
    });
    await sim.stop();
    context.log.info('Simulator stopped.');
    return undefined;
  },
});

/** The folders of the options resolved against the CLI's working directory (tests run it elsewhere). */
export function relativeToCwd(options: SimulatorOptions, cwd: string): SimulatorOptions {
  const { fingerprints, cardataVehicles } = options;
  return {
    ...options,
    ...(fingerprints === undefined
      ? {}
      : {
          fingerprints:
            typeof fingerprints === 'string'
              ? resolve(cwd, fingerprints)
              : fingerprints.map((dir) => resolve(cwd, dir)),
        }),
    ...(typeof cardataVehicles === 'string' ? { cardataVehicles: resolve(cwd, cardataVehicles) } : {}),
  };
}
