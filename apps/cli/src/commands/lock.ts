import { remoteCommand } from '../remote/remote-command';
import { noExtraArguments } from '../util/parse-args';
import { EXAMPLE_VIN, example } from './definition';

/** `bimmer lock <vin>`: locks the doors of a vehicle. */
export const lock = remoteCommand({
  name: 'lock',
  summary: 'lock the doors',
  description: 'Lock the doors of a vehicle.',
  examples: [example(`lock ${EXAMPLE_VIN} --json`, 'the result as JSON')],
  prepare(_context, rest) {
    noExtraArguments(rest);
    return { label: 'Door lock', invoke: (services) => services.triggerRemoteDoorLock() };
  },
});
