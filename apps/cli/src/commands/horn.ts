import { remoteCommand } from '../remote/remote-command';
import { noExtraArguments } from '../util/parse-args';
import { EXAMPLE_VIN, example } from './definition';

/** `bimmer horn <vin>`: sounds the horn of a vehicle. */
export const horn = remoteCommand({
  name: 'horn',
  summary: 'sound the horn',
  description: 'Sound the horn of a vehicle. Mind the neighbours.',
  examples: [example(`horn ${EXAMPLE_VIN}`)],
  prepare(_context, rest) {
    noExtraArguments(rest);
    return { label: 'Horn', invoke: (services) => services.triggerRemoteHorn() };
  },
});
