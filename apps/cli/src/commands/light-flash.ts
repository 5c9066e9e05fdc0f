import { remoteCommand } from '../remote/remote-command';
import { noExtraArguments } from '../util/parse-args';
import { EXAMPLE_VIN, example } from './definition';

/** `bimmer lightflash <vin>`: flashes the lights of a vehicle. */
export const lightFlash = remoteCommand({
  name: 'lightflash',
  summary: 'flash the lights',
  description: 'Flash the lights of a vehicle.',
  examples: [example(`lightflash ${EXAMPLE_VIN}`)],
  prepare(_context, rest) {
    noExtraArguments(rest);
    return { label: 'Light flash', invoke: (services) => services.triggerRemoteLightFlash() };
  },
});
