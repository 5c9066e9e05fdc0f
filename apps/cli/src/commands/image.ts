import { mkdir, writeFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { VehicleViewDirection } from '@bimmer/mybmw';
import { findVehicle } from '../account/find-vehicle';
import { openMyBMWAccount } from '../account/open-mybmw-account';
import type { CommandHandler, ImageOptions } from '../program';
import { parseChoice } from '../util/parse-args';
import { credentialOptions } from './credential-options';
import { loadVehicles } from './load-vehicles';
import { remotePositionals } from './run-remote-service';

type ViewName = Lowercase<Exclude<keyof typeof VehicleViewDirection, 'UNKNOWN'>>;

/**
 * Every view but UNKNOWN by its lower-case name, as the reference names the files (`front.png`,
 * `rear_view.png`, ...).
 */
export const IMAGE_VIEWS = Object.fromEntries(
  Object.entries(VehicleViewDirection)
    .filter(([name]) => name !== 'UNKNOWN')
    .map(([name, value]) => [name.toLowerCase(), value]),
) as Record<ViewName, VehicleViewDirection>;

/** `bimmer image <vin> [--view VIEW...] [--output DIR]`: one PNG per view. */
export const imageCommand: CommandHandler<ImageOptions> = async (context, positionals, options) => {
  const split = remotePositionals(positionals, 0);
  const names = Object.keys(IMAGE_VIEWS) as ViewName[];
  const views =
    options.view === undefined ? names : options.view.map((view) => parseChoice('--view', view, names));
  const directory = resolve(context.io.cwd, options.output);
  const opened = await openMyBMWAccount(context, credentialOptions(context, split.credentials));
  await opened.run(async (account) => {
    const vehicle = findVehicle(await loadVehicles(context, account), split.vin);
    await mkdir(directory, { recursive: true });
    const progress = context.progress();
    const stop = context.cleanups.add(() => progress.stop());
    try {
      for (const view of new Set(views)) {
        progress.update(`Fetching the ${view} view of ${vehicle.vin}`);
        const png = await vehicle.getVehicleImage(IMAGE_VIEWS[view]);
        const path = join(directory, `${view}.png`);
        await writeFile(path, png);
        context.io.stdout.write(`vehicle image saved to ${path}\n`);
      }
      progress.succeed(`Saved ${new Set(views).size} image(s) of ${vehicle.vin} to ${directory}`);
    } catch (error) {
      progress.fail(`Could not fetch the images of ${vehicle.vin}`);
      throw error;
    } finally {
      stop();
    }
  });
  return undefined;
};
