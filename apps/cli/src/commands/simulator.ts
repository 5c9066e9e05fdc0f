import type { CommandHandler } from '../program';
import { parseSimulatorArgs, SIMULATOR_HELP } from './simulator-args';

/**
 * `bimmer simulator [flags]`: runs the simulator in the foreground. The first stdout line is exactly
 * `listening on http://127.0.0.1:<port>` (then `mqtt on ...` when the CarData broker runs); Ctrl-C or
 * SIGTERM stop it and exit 0.
 */
export const simulatorCommand: CommandHandler<Record<string, never>> = async (context, positionals) => {
  const parsed = parseSimulatorArgs(positionals, context.io.cwd);
  if (parsed.help) {
    context.io.stdout.write(SIMULATOR_HELP);
    return undefined;
  }
  // Loaded on demand, so other commands do not pay for the simulator at start-up.
  const { startSimulator } = await import('@bimmer/simulator');
  const simulator = await startSimulator(parsed.options);
  context.io.stdout.write(`listening on ${simulator.url}\n`);
  if (simulator.mqttUrl !== undefined) context.io.stdout.write(`mqtt on ${simulator.mqttUrl}\n`);
  if (simulator.demoAccount !== undefined) {
    context.log.info(
      `Demo account: ${simulator.demoAccount.username} / ${simulator.demoAccount.password} (any captcha token). ` +
        `Try: bimmer status --base-url ${simulator.url} --username ${simulator.demoAccount.username} --captcha-token demo`,
    );
  }
  context.log.info(`Serving ${simulator.vins().length} vehicle(s). Press Ctrl-C to stop.`);
  await new Promise<void>((resolve) => {
    const release = context.cleanups.takeOverSignals(() => {
      release();
      resolve();
    });
  });
  await simulator.stop();
  context.log.info('Simulator stopped.');
  return undefined;
};
