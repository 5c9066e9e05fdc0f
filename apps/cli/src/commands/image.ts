import { mkdir, readdir, writeFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { credentialOptions } from '../credentials/credential-options';
import { ExitCode } from '../exit-codes';
import { noExtraArguments, parseChoice, parseVin } from '../util/parse-args';
import { CREDENTIALS_USAGE, defineCommand, EXAMPLE_VIN, example } from './definition';

/** Options of `bimmer image`. */
export interface ImageOptions {
  readonly view?: readonly string[];
  readonly output?: string;
}

/**
 * `bimmer image <vin> [--view VIEW...] [--output DIR]`: one PNG per view. Without `--output` the
 * files go into one new folder, `./<VIN>-images` (or `-2`, `-3`… when that exists), so a run never
 * scatters twelve files over the current folder nor mixes them with an earlier run's.
 */
export const image = defineCommand<ImageOptions>({
  name: 'image',
  group: 'Vehicle data:',
  summary: 'save renders of a vehicle as PNG files',
  description:
    'Save the renders of a vehicle as PNG files, one per view (all views unless --view is given), into ' +
    'a new folder <VIN>-images in the current folder, or the folder given with --output.',
  usage: `[options] ${CREDENTIALS_USAGE} <vin>`,
  credentialPositionals: true,
  arguments: [{ name: '<vin>', description: 'the vehicle' }],
  options: [
    { flags: '--view <view...>', description: 'views to save, e.g. front side rear_view (default: all)' },
    {
      flags: '-o, --output <dir>',
      description: 'folder for the PNG files (default: a new folder <VIN>-images)',
    },
  ],
  examples: [example(`image ${EXAMPLE_VIN} --view front rear_view -o ./images`, 'two views as PNG')],
  exitCodes: [
    ExitCode.auth,
    ExitCode.captchaRequired,
    ExitCode.quota,
    ExitCode.blocked,
    ExitCode.notFound,
    ExitCode.files,
  ],
  async run(context, positionals, options) {
    const [{ VehicleViewDirection }, { remotePositionals }] = await Promise.all([
      import('@bimmer/core'),
      import('../remote/remote-positionals'),
    ]);
    const split = remotePositionals(positionals, 0);
    const vin = parseVin(split.vin);
    noExtraArguments(split.rest);
    // Every view but UNKNOWN by its lower-case name, as the reference names the files (front.png, …).
    const views = new Map(
      Object.entries(VehicleViewDirection)
        .filter(([name]) => name !== 'UNKNOWN')
        .map(([name, value]) => [name.toLowerCase(), value]),
    );
    const names = [...views.keys()];
    const chosen = new Set(
      options.view === undefined ? names : options.view.map((view) => parseChoice('--view', view, names)),
    );
    const [{ openMyBMWAccount }, { loadOneVehicle }] = await Promise.all([
      import('../account/open-mybmw-account'),
      import('../account/load-vehicles'),
    ]);
    const opened = await openMyBMWAccount(context, credentialOptions(context, split.credentials));
    await opened.run(async (account) => {
      const vehicle = await loadOneVehicle(context, account, vin);
      const directory =
        options.output === undefined
          ? await newFolder(context.io.cwd, `${vehicle.vin}-images`)
          : resolve(context.io.cwd, options.output);
      await mkdir(directory, { recursive: true });
      const progress = context.progress();
      const stop = context.cleanups.add(() => progress.stop());
      try {
        for (const view of chosen) {
          progress.update(`Fetching the ${view} view of ${vehicle.vin}`);
          const png = await vehicle.getVehicleImage(views.get(view) ?? VehicleViewDirection.FRONT);
          const path = join(directory, `${view}.png`);
          await writeFile(path, png);
          context.io.stdout.write(`vehicle image saved to ${path}\n`);
        }
        progress.succeed(`Saved ${chosen.size} image(s) of ${vehicle.vin} to ${directory}`);
      } catch (error) {
        progress.fail(`Could not fetch the images of ${vehicle.vin}`);
        throw error;
      } finally {
        stop();
      }
    });
    return undefined;
  },
});

/** `<cwd>/<name>`, or `<name>-2`, `-3`… : the first that does not exist yet or is empty. */
async function newFolder(cwd: string, name: string): Promise<string> {
  for (let attempt = 1; ; attempt++) {
    const directory = resolve(cwd, attempt === 1 ? name : `${name}-${attempt}`);
    try {
      if ((await readdir(directory)).length === 0) return directory;
    } catch {
      return directory;
    }
  }
}
