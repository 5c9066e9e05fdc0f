import { remoteCommand } from '../remote/remote-command';
import { EXAMPLE_VIN, example } from './definition';
import { parseStartOrStop } from './start-or-stop';

/** `bimmer climate <vin> start|stop`: starts or stops the climate control. */
export const climate = remoteCommand({
  name: 'climate',
  summary: 'start or stop climate control',
  description: 'Start or stop the climate control of a vehicle.',
  arguments: [{ name: '<start|stop>', description: 'start or stop' }],
  requiredArguments: 1,
  examples: [example(`climate ${EXAMPLE_VIN} start`)],
  prepare(_context, rest) {
    return parseStartOrStop(rest) === 'start'
      ? { label: 'Climate start', invoke: (services) => services.triggerRemoteAirConditioning() }
      : { label: 'Climate stop', invoke: (services) => services.triggerRemoteAirConditioningStop() };
  },
});
