import type { RemoteServices } from '@bimmer/remote';
import { CliUsageError } from '../exit-codes';
import { DEFAULT_GEOCODER_URL, geocodeAddress } from '../geocode';
import type {
  ChargingProfileOptions,
  ChargingSettingsOptions,
  CommandHandler,
  RemoteCommandName,
  RemoteCommandOptions,
  SendPoiFromAddressOptions,
  SendPoiOptions,
} from '../program';
import { nonEmpty } from '../util/non-empty';
import {
  parseBoolean,
  parseChoice,
  parseIntegerArgument,
  parseLatitude,
  parseLongitude,
} from '../util/parse-args';
import { parseObserverPosition } from './observer-position';
import { type RemoteServiceRun, remotePositionals, runRemoteService } from './run-remote-service';

const START_STOP = ['start', 'stop'] as const;
/** The modes a charging profile can be set to (the reference's NO_ACTION cannot be sent). */
const CHARGING_MODES = ['IMMEDIATE_CHARGING', 'DELAYED_CHARGING'] as const;

type ChargingSettingsUpdate = Parameters<RemoteServices['triggerChargingSettingsUpdate']>[0];
type ChargingProfileUpdate = Parameters<RemoteServices['triggerChargingProfileUpdate']>[0];

/** `bimmer lightflash|horn|lock|unlock|vehiclefinder|climate|charge <vin> ...`. */
export const remoteCommand: CommandHandler<RemoteCommandOptions & { service: RemoteCommandName }> = async (
  context,
  positionals,
  options,
) => {
  const needsAction = options.service === 'charge' || options.service === 'climate';
  const split = remotePositionals(positionals, needsAction ? 1 : 0);
  let run: RemoteServiceRun;
  switch (options.service) {
    case 'lightflash':
      noExtra(split.rest);
      run = { label: 'Light flash', invoke: (services) => services.triggerRemoteLightFlash() };
      break;
    case 'horn':
      noExtra(split.rest);
      run = { label: 'Horn', invoke: (services) => services.triggerRemoteHorn() };
      break;
    case 'lock':
      noExtra(split.rest);
      run = { label: 'Door lock', invoke: (services) => services.triggerRemoteDoorLock() };
      break;
    case 'unlock':
      noExtra(split.rest);
      run = { label: 'Door unlock', invoke: (services) => services.triggerRemoteDoorUnlock() };
      break;
    case 'vehiclefinder':
      run = {
        label: 'Vehicle finder',
        observerPosition: parseObserverPosition(split.rest),
        invoke: (services) => services.triggerRemoteVehicleFinder(),
      };
      break;
    case 'climate': {
      const action = startOrStop(split.rest);
      run =
        action === 'start'
          ? { label: 'Climate start', invoke: (services) => services.triggerRemoteAirConditioning() }
          : { label: 'Climate stop', invoke: (services) => services.triggerRemoteAirConditioningStop() };
      break;
    }
    case 'charge': {
      const action = startOrStop(split.rest);
      run =
        action === 'start'
          ? { label: 'Charge start', invoke: (services) => services.triggerChargeStart() }
          : { label: 'Charge stop', invoke: (services) => services.triggerChargeStop() };
      break;
    }
  }
  return runRemoteService(context, split, options, run);
};

/** `bimmer chargingsettings <vin> [--target-soc N] [--ac-limit N]`. */
export const chargingSettingsCommand: CommandHandler<RemoteCommandOptions & ChargingSettingsOptions> = async (
  context,
  positionals,
  options,
) => {
  const split = remotePositionals(positionals, 0);
  noExtra(split.rest);
  const update: ChargingSettingsUpdate = {
    ...(options.targetSoc === undefined
      ? {}
      : { targetSoc: parseIntegerArgument('--target-soc', options.targetSoc) }),
    ...(options.acLimit === undefined
      ? {}
      : { acLimit: parseIntegerArgument('--ac-limit', options.acLimit) }),
  };
  if (update.targetSoc === undefined && update.acLimit === undefined) {
    throw new CliUsageError('Give --target-soc, --ac-limit or both.');
  }
  return runRemoteService(context, split, options, {
    label: 'Charging settings',
    invoke: (services) => services.triggerChargingSettingsUpdate(update),
  });
};

/** `bimmer chargingprofile <vin> [--charging-mode MODE] [--precondition-climate true|false]`. */
export const chargingProfileCommand: CommandHandler<RemoteCommandOptions & ChargingProfileOptions> = async (
  context,
  positionals,
  options,
) => {
  const split = remotePositionals(positionals, 0);
  noExtra(split.rest);
  const update: ChargingProfileUpdate = {
    ...(options.chargingMode === undefined
      ? {}
      : { chargingMode: parseChoice('--charging-mode', options.chargingMode, CHARGING_MODES) }),
    ...(options.preconditionClimate === undefined
      ? {}
      : { preconditionClimate: parseBoolean('--precondition-climate', options.preconditionClimate) }),
  };
  if (update.chargingMode === undefined && update.preconditionClimate === undefined) {
    throw new CliUsageError('Give --charging-mode, --precondition-climate or both.');
  }
  return runRemoteService(context, split, options, {
    label: 'Charging profile',
    invoke: (services) => services.triggerChargingProfileUpdate(update),
  });
};

/** `bimmer sendpoi <vin> <latitude> <longitude> [--name] [--street] [--city] [--postalcode] [--country]`. */
export const sendPoiCommand: CommandHandler<RemoteCommandOptions & SendPoiOptions> = async (
  context,
  positionals,
  options,
) => {
  const split = remotePositionals(positionals, 2);
  const [latitude = '', longitude = '', ...extra] = split.rest;
  noExtra(extra);
  const poi = {
    lat: parseLatitude(latitude),
    lon: parseLongitude(longitude),
    ...defined({
      name: options.name,
      street: options.street,
      city: options.city,
      postalCode: options.postalcode,
      country: options.country,
    }),
  };
  return runRemoteService(context, split, options, {
    label: 'Send POI',
    invoke: (services) => services.triggerSendPoi(poi),
  });
};

/** `bimmer sendpoi_from_address <vin> -a WORDS... [-n NAME] [--geocoder-url URL]`. */
export const sendPoiFromAddressCommand: CommandHandler<
  RemoteCommandOptions & SendPoiFromAddressOptions
> = async (context, positionals, options) => {
  const split = remotePositionals(positionals, 0);
  noExtra(split.rest);
  const address = options.address.join(' ').trim();
  if (address === '') throw new CliUsageError('Give the address with -a, e.g. -a Petuelring 130 München.');
  const url = options.geocoderUrl ?? nonEmpty(context.io.env.BIMMER_GEOCODER_URL) ?? DEFAULT_GEOCODER_URL;
  context.log.info(`Looking up "${address}"…`);
  const place = await geocodeAddress(address, { url });
  context.log.info(`Found ${place.formattedAddress ?? address} (${place.latitude}, ${place.longitude}).`);
  const poi = {
    lat: place.latitude,
    lon: place.longitude,
    ...defined({
      name: options.name ?? address,
      street: place.street,
      city: place.city,
      postalCode: place.postalCode,
      country: place.country,
      formattedAddress: place.formattedAddress,
    }),
  };
  return runRemoteService(context, split, options, {
    label: 'Send POI',
    invoke: (services) => services.triggerSendPoi(poi),
  });
};

function startOrStop(rest: readonly string[]): 'start' | 'stop' {
  const [action = '', ...extra] = rest;
  noExtra(extra);
  return parseChoice('action', action, START_STOP);
}

function noExtra(rest: readonly string[]): void {
  if (rest.length > 0) throw new CliUsageError(`Unexpected arguments: ${rest.join(' ')}.`);
}

/** The entries of `values` that are not undefined (for exactOptionalPropertyTypes). */
function defined<T extends Record<string, string | undefined>>(values: T): { [K in keyof T]?: string } {
  return Object.fromEntries(Object.entries(values).filter(([, value]) => value !== undefined)) as {
    [K in keyof T]?: string;
  };
}
