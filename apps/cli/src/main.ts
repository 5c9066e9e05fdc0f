// The real process behind the `bimmer` bin. Everything testable lives in run-cli.ts; this file only
// wires signals, the closed-pipe case and the exit code.
import { Cleanups } from './cleanups';
import { ExitCode } from './exit-codes';
import { processIo } from './io';
import { runCli } from './run-cli';

const cleanups = new Cleanups();
let interrupted = false;

function onSignal(signal: NodeJS.Signals): void {
  if (cleanups.interceptSignal(signal)) return;
  const code = signal === 'SIGINT' ? ExitCode.interrupted : 143;
  // A second signal while cleaning up means "now".
  if (interrupted) process.exit(code);
  interrupted = true;
  // Cleanups stop spinners synchronously; only then the message, or a spinner draws itself below it.
  const cleaning = cleanups.run();
  process.stderr.write('Interrupted.\n');
  void cleaning.finally(() => process.exit(code));
}

process.on('SIGINT', onSignal);
process.on('SIGTERM', onSignal);

// `bimmer status --json | head` closes the pipe early; that is not an error.
process.stdout.on('error', (error: NodeJS.ErrnoException) => {
  if (error.code === 'EPIPE') process.exit(process.exitCode ?? ExitCode.ok);
  throw error;
});

process.exitCode = await runCli(process.argv.slice(2), processIo(), undefined, cleanups);
