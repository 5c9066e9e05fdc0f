import { CliUsageError } from '../errors/cli-usage-error';
import { remoteCommand } from '../remote/remote-command';
import { noExtraArguments } from '../util/parse-args';
import { EXAMPLE_VIN, example } from './definition';

/** Options of `bimmer sendpoi_from_address`. */
export interface SendPoiFromAddressOptions {
  readonly name?: string;
  readonly address: readonly string[];
  readonly geocoderUrl?: string;
}

/**
 * `bimmer sendpoi_from_address <vin> -a WORDS... [-n NAME] [--geocoder-url URL]`: looks the address
 * up (before logging in, so an unknown address costs no BMW request) and sends it.
 */
export const sendPoiFromAddress = remoteCommand<SendPoiFromAddressOptions>({
  name: 'sendpoi_from_address',
  summary: 'look up an address and send it to the navigation',
  description:
    'Look up an address with a Nominatim geocoder (OpenStreetMap by default; with --base-url, that ' +
    "server's /search) and send it to the vehicle navigation.",
  options: [
    {
      flags: '-a, --address <words...>',
      description: 'the address, e.g. -a Petuelring 130 München',
      required: true,
    },
    { flags: '-n, --name <name>', description: 'name shown in the vehicle (default: the address)' },
    {
      flags: '--geocoder-url <url>',
      description:
        'a Nominatim-compatible server (default: BIMMER_GEOCODER_URL, the --base-url server, or https://nominatim.openstreetmap.org)',
    },
  ],
  examples: [example(`sendpoi_from_address ${EXAMPLE_VIN} -a Am Olympiapark 1 München`)],
  async prepare(context, rest, options) {
    noExtraArguments(rest);
    const address = options.address.join(' ').trim();
    if (address === '') throw new CliUsageError('Give the address with -a, e.g. -a Petuelring 130 München.');
    const { geocodeAddress, geocoderSearchUrl } = await import('../geocode');
    const url = geocoderSearchUrl(context.options.baseUrl, options.geocoderUrl, context.io.env);
    context.log.info(`Looking up "${address}"…`);
    const place = await geocodeAddress(address, { url });
    context.log.info(`Found ${place.formattedAddress ?? address} (${place.latitude}, ${place.longitude}).`);
    const poi = {
      lat: place.latitude,
      lon: place.longitude,
      name: options.name ?? address,
      street: place.street,
      city: place.city,
      postalCode: place.postalCode,
      country: place.country,
      formattedAddress: place.formattedAddress,
    };
    return { label: 'Send POI', invoke: (services) => services.triggerSendPoi(poi) };
  },
});
