import { findVehicle } from '../account/find-vehicle';
import { myBMWVehicleJson } from '../account/mybmw-vehicle-json';
import { openMyBMWAccount } from '../account/open-mybmw-account';
import { splitPositionals } from '../credentials/split-positionals';
import type { CommandHandler, StatusOptions } from '../program';
import { renderFleetStatus, renderVehicleStatus } from '../render/status-text';
import { credentialOptions } from './credential-options';
import { loadVehicles } from './load-vehicles';
import { parseObserverPosition } from './observer-position';

/**
 * `bimmer status`: loads every vehicle and prints a readable summary, or with `--json` the core JSON
 * form (an array, or one object with `--vin`) and nothing else on stdout.
 */
export const statusCommand: CommandHandler<StatusOptions> = async (context, positionals, options) => {
  const { credentials, rest } = splitPositionals(positionals, 0);
  const observerPosition = parseObserverPosition(rest);
  const opened = await openMyBMWAccount(context, credentialOptions(context, credentials), {
    observerPosition,
  });
  const vehicles = await opened.run((account) =>
    loadVehicles(context, account, { quiet: options.json === true }),
  );
  const selected = options.vin === undefined ? vehicles : [findVehicle(vehicles, options.vin)];
  const json = selected.map((vehicle) => myBMWVehicleJson(vehicle, opened.identity.region));
  const { stdout } = context.io;
  if (options.json === true) {
    stdout.write(`${JSON.stringify(options.vin === undefined ? json : json[0], null, 2)}\n`);
  } else if (options.vin !== undefined) {
    stdout.write(`${renderVehicleStatus(json[0], context.stdoutColors)}\n`);
  } else {
    stdout.write(`${renderFleetStatus(json, context.stdoutColors)}\n`);
  }
  return undefined;
};
