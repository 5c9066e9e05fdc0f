import { readdir } from 'node:fs/promises';
import { resolve } from 'node:path';
import { openMyBMWAccount } from '../account/open-mybmw-account';
import { splitPositionals } from '../credentials/split-positionals';
import { CliUsageError } from '../exit-codes';
import type { CommandHandler, FingerprintOptions } from '../program';
import { credentialOptions } from './credential-options';
import { loadVehicles } from './load-vehicles';

/**
 * `bimmer fingerprint [--output DIR]`: loads every vehicle while recording the responses, then writes
 * them anonymised to DIR (default `./vehicle_fingerprint`) and says what to check before sharing.
 */
export const fingerprintCommand: CommandHandler<FingerprintOptions> = async (
  context,
  positionals,
  options,
) => {
  // `[lat] [lng]` are accepted and ignored, as in bimmer_connected.
  const { credentials } = splitPositionals(positionals, 0);
  const directory = resolve(context.io.cwd, options.output);
  if (await hasFiles(directory)) {
    throw new CliUsageError(
      `${directory} already holds files.`,
      'Choose an empty folder with --output, so recordings do not mix.',
    );
  }
  const { createFingerprintRecorder, writeFingerprint } = await import('@bimmer/fingerprint');
  const recorder = createFingerprintRecorder();
  const opened = await openMyBMWAccount(context, credentialOptions(context, credentials), {
    onResponse: recorder.onResponse,
  });
  const vehicles = await opened.run((account) => loadVehicles(context, account));
  const written = await writeFingerprint(directory, recorder.responses);
  const { stdout } = context.io;
  stdout.write(`fingerprint of the vehicles written to ${written.directory}\n`);
  context.log.info(
    `${written.files.length} file(s) for ${vehicles.length} vehicle(s); ${written.skipped.length} response(s) left out (logins).\n` +
      'VINs, positions, names, addresses, plates and tokens were replaced. Before sharing, open the\n' +
      'files and check that nothing personal is left (e.g. in free-text fields or dealer details).',
  );
  return undefined;
};

async function hasFiles(directory: string): Promise<boolean> {
  try {
    return (await readdir(directory)).length > 0;
  } catch {
    return false;
  }
}
