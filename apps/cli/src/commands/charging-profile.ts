import { CliUsageError } from '../errors/cli-usage-error';
import { remoteCommand } from '../remote/remote-command';
import { noExtraArguments, parseBoolean, parseChoice } from '../util/parse-args';
import { EXAMPLE_VIN, example } from './definition';

/** Options of `bimmer chargingprofile`. */
export interface ChargingProfileOptions {
  readonly chargingMode?: string;
  readonly preconditionClimate?: string;
}

/** The modes a charging profile can be set to (the reference's NO_ACTION cannot be sent). */
const CHARGING_MODES = ['IMMEDIATE_CHARGING', 'DELAYED_CHARGING'] as const;

/** `bimmer chargingprofile <vin> [--charging-mode MODE] [--precondition-climate true|false]`. */
export const chargingProfile = remoteCommand<ChargingProfileOptions>({
  name: 'chargingprofile',
  summary: 'set the charging mode or climate preconditioning',
  description: 'Set how the vehicle charges and whether it preconditions the cabin for departure.',
  options: [
    {
      flags: '--charging-mode <mode>',
      description: 'IMMEDIATE_CHARGING (charge now) or DELAYED_CHARGING (in the charging window)',
    },
    { flags: '--precondition-climate <true|false>', description: 'precondition the cabin before departure' },
  ],
  examples: [
    example(`chargingprofile ${EXAMPLE_VIN} --charging-mode DELAYED_CHARGING --precondition-climate true`),
  ],
  prepare(_context, rest, options) {
    noExtraArguments(rest);
    const chargingMode =
      options.chargingMode === undefined
        ? undefined
        : parseChoice('--charging-mode', options.chargingMode, CHARGING_MODES);
    const preconditionClimate =
      options.preconditionClimate === undefined
        ? undefined
        : parseBoolean('--precondition-climate', options.preconditionClimate);
    if (chargingMode === undefined && preconditionClimate === undefined) {
      throw new CliUsageError('Give --charging-mode, --precondition-climate or both.');
    }
    return {
      label: 'Charging profile',
      invoke: (services) => services.triggerChargingProfileUpdate({ chargingMode, preconditionClimate }),
    };
  },
});
