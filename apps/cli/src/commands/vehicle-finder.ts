import { parseObserverPosition } from '../credentials/observer-position';
import { remoteCommand } from '../remote/remote-command';
import { EXAMPLE_VIN, example } from './definition';

/**
 * `bimmer vehiclefinder <vin> [lat lng]`: asks the vehicle where it is. BMW sends the coordinates only
 * to a client that says where it is itself, hence the optional own position.
 */
export const vehicleFinder = remoteCommand({
  name: 'vehiclefinder',
  summary: 'find where a vehicle is',
  description:
    'Ask a vehicle where it is and print its position. BMW sends the coordinates only to a client ' +
    'that says where it is itself, so give your own latitude and longitude.',
  arguments: [
    { name: '[lat]', description: 'your latitude' },
    { name: '[lng]', description: 'your longitude' },
  ],
  examples: [example(`vehiclefinder ${EXAMPLE_VIN} 48.1771 11.5562`, 'with your own position')],
  prepare(_context, rest) {
    return {
      label: 'Vehicle finder',
      observerPosition: parseObserverPosition(rest),
      invoke: (services) => services.triggerRemoteVehicleFinder(),
    };
  },
});
