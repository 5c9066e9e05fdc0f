import { readdir } from 'node:fs/promises';
import { resolve } from 'node:path';
import { credentialOptions } from '../credentials/credential-options';
import { CliUsageError } from '../errors/cli-usage-error';
import { ExitCode } from '../exit-codes';
import { CREDENTIALS_USAGE, defineCommand, example } from './definition';

/** Options of `bimmer fingerprint`. */
export interface FingerprintOptions {
  readonly output: string;
}

/**
 * `bimmer fingerprint [--output DIR]`: loads every vehicle while recording the responses, then writes
 * them anonymised to DIR (default `./vehicle_fingerprint`) and says what to check before sharing.
 */
export const fingerprint = defineCommand<FingerprintOptions>({
  name: 'fingerprint',
  group: 'Vehicle data:',
  summary: 'record an anonymised fingerprint of your vehicles',
  description:
    'Record every API response of your vehicles, anonymise it (VINs, positions, names, addresses, ' +
    'tokens) and write it to a folder you can attach to a bug report. Check the files before sharing.',
  usage: `[options] ${CREDENTIALS_USAGE}`,
  credentialPositionals: true,
  arguments: [
    { name: '[lat]', description: 'ignored (bimmer_connected compatibility)' },
    { name: '[lng]', description: 'ignored (bimmer_connected compatibility)' },
  ],
  options: [
    {
      flags: '-o, --output <dir>',
      description: 'where to write the recording',
      defaultValue: 'vehicle_fingerprint',
      defaultDescription: './vehicle_fingerprint',
    },
  ],
  examples: [example('fingerprint -o ./my_fingerprint', 'record into an empty folder')],
  exitCodes: [ExitCode.auth, ExitCode.captchaRequired, ExitCode.quota, ExitCode.blocked, ExitCode.files],
  async run(context, positionals, options) {
    const { splitPositionals } = await import('../credentials/split-positionals');
    // `[lat] [lng]` are accepted and ignored, as in bimmer_connected.
    const { credentials } = splitPositionals(positionals, 0);
    const directory = resolve(context.io.cwd, options.output);
    if (await hasFiles(directory)) {
      throw new CliUsageError(
        `${directory} already holds files.`,
        'Choose an empty folder with --output, so recordings do not mix.',
      );
    }
    const [{ createFingerprintRecorder, writeFingerprint }, { openMyBMWAccount }, { loadVehicles }] =
      await Promise.all([
        import('@bimmer/fingerprint'),
        import('../account/open-mybmw-account'),
        import('../account/load-vehicles'),
      ]);
    const recorder = createFingerprintRecorder();
    const opened = await openMyBMWAccount(context, credentialOptions(context, credentials), {
      onResponse: recorder.onResponse,
    });
    const loaded = await opened.run((account) => loadVehicles(context, account));
    // The failed responses are recorded too (they are part of what a bug report needs); say so.
    for (const { what, reason } of loaded.missing) context.log.warn(`${what} could not be loaded: ${reason}`);
    const written = await writeFingerprint(directory, recorder.responses);
    context.io.stdout.write(`fingerprint of the vehicles written to ${written.directory}\n`);
    context.log.info(
      `${written.files.length} file(s) for ${loaded.vehicles.length} vehicle(s); ${written.skipped.length} response(s) left out (logins).\n` +
        'VINs, positions, names, addresses, plates and tokens were replaced. Before sharing, open the\n' +
        'files and check that nothing personal is left (e.g. in free-text fields or dealer details).',
    );
    return undefined;
  },
});

async function hasFiles(directory: string): Promise<boolean> {
  try {
    return (await readdir(directory)).length > 0;
  } catch {
    return false;
  }
}
