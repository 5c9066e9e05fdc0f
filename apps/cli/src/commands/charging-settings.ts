import { CliUsageError } from '../errors/cli-usage-error';
import { remoteCommand } from '../remote/remote-command';
import { noExtraArguments, parseAcLimit, parseTargetSoc } from '../util/parse-args';
import { EXAMPLE_VIN, example } from './definition';

/** Options of `bimmer chargingsettings`. */
export interface ChargingSettingsOptions {
  readonly targetSoc?: string;
  readonly acLimit?: string;
}

/**
 * `bimmer chargingsettings <vin> [--target-soc N] [--ac-limit N]`: both values are checked (20–100 %
 * in steps of 5; 6–63 A) before anything is sent; the vehicle's own AC limits after loading it.
 */
export const chargingSettings = remoteCommand<ChargingSettingsOptions>({
  name: 'chargingsettings',
  summary: 'set the target state of charge or AC limit',
  description:
    'Set the charging target (20 to 100 %, in steps of 5) and/or the AC current limit (one of the ' +
    'values the vehicle offers; `bimmer status --json` lists them under chargingProfile).',
  options: [
    {
      flags: '--target-soc <percent>',
      description: 'charge up to this state of charge (20..100, steps of 5)',
    },
    {
      flags: '--ac-limit <ampere>',
      description: 'limit the AC charging current (one of the vehicle’s values)',
    },
  ],
  examples: [example(`chargingsettings ${EXAMPLE_VIN} --target-soc 80 --ac-limit 16`)],
  prepare(_context, rest, options) {
    noExtraArguments(rest);
    const targetSoc = options.targetSoc === undefined ? undefined : parseTargetSoc(options.targetSoc);
    const acLimit = options.acLimit === undefined ? undefined : parseAcLimit(options.acLimit);
    if (targetSoc === undefined && acLimit === undefined) {
      throw new CliUsageError('Give --target-soc, --ac-limit or both.');
    }
    return {
      label: 'Charging settings',
      invoke: (services) => services.triggerChargingSettingsUpdate({ targetSoc, acLimit }),
    };
  },
});
