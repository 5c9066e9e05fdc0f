import { parseArguments, USAGE } from './cli-args';
import { startSimulator } from './simulator';

/** `bimmer-simulator`: starts the simulator, prints where it listens, stops on SIGINT/SIGTERM. */
async function main(): Promise<void> {
  let parsed: ReturnType<typeof parseArguments>;
  try {
    parsed = parseArguments(process.argv.slice(2));
  } catch (error) {
    process.stderr.write(`bimmer-simulator: ${error instanceof Error ? error.message : String(error)}\n`);
    process.exit(2);
  }
  if (parsed.help) {
    process.stdout.write(`${USAGE}\n`);
    return;
  }
  const simulator = await startSimulator(parsed.options);
  process.stdout.write(`listening on ${simulator.url}\n`);
  if (simulator.mqttUrl) process.stdout.write(`mqtt on ${simulator.mqttUrl}\n`);
  const account = simulator.demoAccount;
  process.stderr.write(
    `${simulator.vins().length} vehicles, ${simulator.cardataVins().length} on CarData; ${
      account
        ? `demo account ${account.username} / ${account.password}`
        : `${simulator.accounts.length} account(s)`
    }; admin endpoints under ${simulator.url}/_simulator/\n`,
  );
  let stopping = false;
  const stop = () => {
    if (stopping) return;
    stopping = true;
    simulator.stop().then(
      () => process.exit(0),
      () => process.exit(1),
    );
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
}

main().catch((error: unknown) => {
  process.stderr.write(`bimmer-simulator: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
});
