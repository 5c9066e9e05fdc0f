import { splitPositionals } from '../credentials/split-positionals';
import { CliUsageError } from '../exit-codes';
import type { CommandHandler, StatusOptions } from '../program';
import { renderFleetStatus, renderVehicleStatus } from '../render/status-text';
import { parseChoice } from '../util/parse-args';
import { loadFleetJson, TRANSPORTS } from './load-fleet';
import { parseObserverPosition } from './observer-position';

/**
 * `bimmer status`: loads every vehicle and prints a readable summary, or with `--json` the core JSON
 * form (an array, or one object with `--vin`) and nothing else on stdout. `--transport cardata` reads
 * through BMW CarData instead of the MyBMW app API; the output is the same.
 */
export const statusCommand: CommandHandler<StatusOptions> = async (context, positionals, options) => {
  const { credentials, rest } = splitPositionals(positionals, 0);
  const observerPosition = parseObserverPosition(rest);
  const transport = parseChoice('--transport', options.transport ?? 'mybmw', TRANSPORTS);
  if (options.refresh === true && transport !== 'cardata') {
    throw new CliUsageError('--refresh applies to --transport cardata only (MyBMW has no cache to refresh).');
  }
  const json = await loadFleetJson(context, {
    transport,
    vin: options.vin,
    credentials,
    observerPosition,
    refreshCache: options.refresh === true,
    quiet: options.json === true,
  });
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
