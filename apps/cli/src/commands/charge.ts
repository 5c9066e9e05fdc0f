import { remoteCommand } from '../remote/remote-command';
import { EXAMPLE_VIN, example } from './definition';
import { parseStartOrStop } from './start-or-stop';

/** `bimmer charge <vin> start|stop`: starts or stops charging an electric vehicle. */
export const charge = remoteCommand({
  name: 'charge',
  summary: 'start or stop charging',
  description: 'Start or stop charging an electric vehicle.',
  arguments: [{ name: '<start|stop>', description: 'start or stop' }],
  requiredArguments: 1,
  examples: [example(`charge ${EXAMPLE_VIN} stop`)],
  prepare(_context, rest) {
    return parseStartOrStop(rest) === 'start'
      ? { label: 'Charge start', invoke: (services) => services.triggerChargeStart() }
      : { label: 'Charge stop', invoke: (services) => services.triggerChargeStop() };
  },
});
