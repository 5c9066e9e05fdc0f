import { remoteCommand } from '../remote/remote-command';
import { noExtraArguments, parseLatitude, parseLongitude } from '../util/parse-args';
import { EXAMPLE_VIN, example } from './definition';

/** Options of `bimmer sendpoi`. */
export interface SendPoiOptions {
  readonly name?: string;
  readonly street?: string;
  readonly city?: string;
  readonly postalcode?: string;
  readonly country?: string;
}

/** `bimmer sendpoi <vin> <latitude> <longitude> [--name] [--street] [--city] [--postalcode] [--country]`. */
export const sendPoi = remoteCommand<SendPoiOptions>({
  name: 'sendpoi',
  summary: 'send a destination to the navigation',
  description: 'Send a point of interest to the vehicle navigation.',
  arguments: [
    { name: '<latitude>', description: 'latitude of the destination' },
    { name: '<longitude>', description: 'longitude of the destination' },
  ],
  requiredArguments: 2,
  options: [
    { flags: '--name <name>', description: 'name shown in the vehicle' },
    { flags: '--street <street>', description: 'street and number' },
    { flags: '--city <city>', description: 'city' },
    { flags: '--postalcode <code>', description: 'postal code' },
    { flags: '--country <country>', description: 'country' },
  ],
  examples: [example(`sendpoi ${EXAMPLE_VIN} 48.1771 11.5562 --name BMW-Welt --city München`)],
  prepare(_context, rest, options) {
    const [latitude = '', longitude = '', ...extra] = rest;
    noExtraArguments(extra);
    const poi = {
      lat: parseLatitude(latitude),
      lon: parseLongitude(longitude),
      name: options.name,
      street: options.street,
      city: options.city,
      postalCode: options.postalcode,
      country: options.country,
    };
    return { label: 'Send POI', invoke: (services) => services.triggerSendPoi(poi) };
  },
});
