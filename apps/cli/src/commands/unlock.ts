import { remoteCommand } from '../remote/remote-command';
import { noExtraArguments } from '../util/parse-args';
import { EXAMPLE_VIN, example } from './definition';

/** `bimmer unlock <vin>`: unlocks the doors of a vehicle. */
export const unlock = remoteCommand({
  name: 'unlock',
  summary: 'unlock the doors',
  description: 'Unlock the doors of a vehicle.',
  examples: [example(`unlock ${EXAMPLE_VIN}`)],
  prepare(_context, rest) {
    noExtraArguments(rest);
    return { label: 'Door unlock', invoke: (services) => services.triggerRemoteDoorUnlock() };
  },
});
