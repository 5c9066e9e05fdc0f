import { resolve } from 'node:path';
import type { SimulatorOptions } from '@bimmer/simulator';
import { CliUsageError } from '../exit-codes';
import type { CommandHandler } from '../program';

/**
 * `bimmer simulator [flags]`: runs the simulator in the foreground with the flags of
 * `bimmer-simulator` (parsed by the simulator itself). The first stdout line is exactly
 * `listening on http://127.0.0.1:<port>` (then `mqtt on ...` when the CarData broker runs); Ctrl-C or
 * SIGTERM stop it and exit 0.
 */
export const simulatorCommand: CommandHandler<Record<string, never>> = async (context, positionals) => {
  // Loaded on demand, so other commands do not pay for the simulator at start-up.
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
  const simulator = await startSimulator(relativeToCwd(parsed.options, context.io.cwd));
  context.io.stdout.write(`listening on ${simulator.url}\n`);
  if (simulator.mqttUrl !== undefined) context.io.stdout.write(`mqtt on ${simulator.mqttUrl}\n`);
  if (simulator.demoAccount !== undefined) {
    context.log.info(
      `Demo account: ${simulator.demoAccount.username} / ${simulator.demoAccount.password} (any captcha token). ` +
        `Try: bimmer status --base-url ${simulator.url} --username ${simulator.demoAccount.username} --captcha-token demo`,
    );
  }
  context.log.info(
    `Serving ${simulator.vins().length} MyBMW vehicle(s) and ${simulator.cardataVins().length} CarData vehicle(s). Press Ctrl-C to stop.`,
  );
  await new Promise<void>((done) => {
    const release = context.cleanups.takeOverSignals(() => {
      release();
      done();
    });
  });
  await simulator.stop();
  context.log.info('Simulator stopped.');
  return undefined;
};

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
