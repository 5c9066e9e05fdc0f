import type { HubOptions } from '@bimmer/hub';
import { carDataStreamUrl, carDataTokenFile } from '../account/open-cardata-account';
import type { HubCommandOptions } from '../commands/hub';
import type { CliContext } from '../context';
import { CliUsageError } from '../errors/cli-usage-error';
import { nonEmpty } from '../util/non-empty';
import { parseChoice, parseSeconds } from '../util/parse-args';

/**
 * The `startHub` options one `bimmer hub` command line asks for (no logger: `runHub` adds it), and
 * with `--transport mybmw` how the MyBMW live account that `runHub` opens polls.
 */
export type HubCommandLineOptions = Omit<HubOptions, 'log'> & {
  /** `--poll-interval` in ms (MyBMW only); undefined for the SDK's default. */
  readonly pollIntervalMs?: number | undefined;
};

const TRANSPORTS = ['cardata', 'mybmw'] as const;

/** A port flag: a whole number 0–65535 (0 picks a free port), or a usage error naming the flag. */
function parsePort(name: string, value: string | undefined): number | undefined {
  if (value === undefined) return undefined;
  const port = /^\d{1,5}$/.test(value.trim()) ? Number(value.trim()) : Number.NaN;
  if (!Number.isInteger(port) || port > 65_535) {
    throw new CliUsageError(
      `${name} must be a whole number from 0 to 65535 (0 picks a free port), got "${value}".`,
    );
  }
  return port;
}

/**
 * `--mqtt-url`, checked without ever echoing it: it may carry the broker's password, which must not
 * reach the terminal's scrollback or a log.
 */
function checkMqttUrl(value: string | undefined): string | undefined {
  if (value === undefined) return undefined;
  let url: URL | undefined;
  try {
    url = new URL(value);
  } catch {
    url = undefined;
  }
  if (url === undefined || (url.protocol !== 'mqtt:' && url.protocol !== 'mqtts:') || url.hostname === '') {
    throw new CliUsageError(
      '--mqtt-url must be an mqtt:// or mqtts:// URL with a host, e.g. mqtt://user:password@192.168.1.10:1883.',
    );
  }
  return value;
}

/** A text flag that must not be empty when given. */
function text(name: string, value: string | undefined): string | undefined {
  if (value !== undefined && value.trim() === '') throw new CliUsageError(`${name} must not be empty.`);
  return value;
}

/** `--base-url` as typed, not only taken from `BIMMER_BASE_URL` (the program merges the two). */
function baseUrlTyped(context: CliContext): boolean {
  const fromEnvironment = nonEmpty(context.io.env.BIMMER_BASE_URL)?.replace(/\/+$/, '');
  return context.options.baseUrl !== undefined && context.options.baseUrl !== fromEnvironment;
}

/**
 * Turns the flags of `bimmer hub` into the options of `startHub`, one to one, filling each from its
 * environment variable where the flag is left out (`BIMMER_HUB_API_KEY`, `BIMMER_HUB_MQTT_USERNAME`,
 * `BIMMER_HUB_MQTT_PASSWORD`, `BIMMER_CARDATA_CLIENT_ID`, `BIMMER_STREAM_URL`) and the CarData token
 * file from the CLI's (`--token-file`, else `<config>/tokens/cardata.json`). With `--transport mybmw`
 * the hub runs on the MyBMW live account `runHub` opens from the CLI's MyBMW login (`--username`,
 * `--region`, `--token-file`, the password rules of every MyBMW command). Every value the CLI can
 * judge is checked here, naming the flag, before anything listens or connects; `startHub` checks the
 * rest (topic prefixes, credentials off loopback) the same way.
 *
 * @throws CliUsageError for a bad flag or flags that contradict each other (exit 2).
 */
export function hubOptionsFromCommandLine(
  context: CliContext,
  options: HubCommandOptions,
): HubCommandLineOptions {
  const { env } = context.io;
  const transport = parseChoice('--transport', options.transport ?? 'cardata', TRANSPORTS);
  const mqttUrl = checkMqttUrl(options.mqttUrl);
  const mqttPort = parsePort('--mqtt-port', options.mqttPort);
  const httpPort = parsePort('--http-port', options.httpPort);
  if (mqttUrl !== undefined && mqttPort !== undefined) {
    throw new CliUsageError(
      '--mqtt-port is the port of the embedded broker; with --mqtt-url the port belongs in the URL.',
    );
  }
  const demo = options.demo === true;
  const pollIntervalMs =
    options.pollInterval === undefined ? undefined : parseSeconds('--poll-interval', options.pollInterval);
  if (demo) {
    const account = [
      ...(transport === 'mybmw' ? ['--transport mybmw'] : []),
      ...(options.clientId === undefined ? [] : ['--client-id']),
      ...(pollIntervalMs === undefined ? [] : ['--poll-interval']),
      ...(context.options.tokenFile === undefined ? [] : ['--token-file']),
      ...(context.options.streamUrl === undefined ? [] : ['--stream-url']),
      ...(baseUrlTyped(context) ? ['--base-url'] : []),
    ];
    if (account.length > 0) {
      throw new CliUsageError(
        `--demo runs on the built-in simulator with its own login: ${account.join(', ')} would not be used.`,
        'Leave out --demo to run the hub on your account.',
      );
    }
  } else if (transport === 'mybmw') {
    const carData = [
      ...(options.clientId === undefined ? [] : ['--client-id']),
      ...(context.options.streamUrl === undefined ? [] : ['--stream-url']),
    ];
    if (carData.length > 0) {
      throw new CliUsageError(
        `--transport mybmw polls MyBMW with your MyBMW login: ${carData.join(', ')} (CarData's) would not be used.`,
      );
    }
  } else if (pollIntervalMs !== undefined) {
    throw new CliUsageError('--poll-interval applies to --transport mybmw only (CarData streams).');
  }

  const common: HubCommandLineOptions = {
    mqttUrl,
    mqttPort,
    httpPort,
    host: text('--host', options.host),
    prefix: text('--prefix', options.prefix),
    discoveryPrefix: text('--discovery-prefix', options.discoveryPrefix),
    discovery: options.discovery !== false,
    apiKey: options.apiKey ?? nonEmpty(env.BIMMER_HUB_API_KEY),
    mqttUsername: options.mqttUsername ?? nonEmpty(env.BIMMER_HUB_MQTT_USERNAME),
    mqttPassword: options.mqttPassword ?? nonEmpty(env.BIMMER_HUB_MQTT_PASSWORD),
  };
  if (demo) return { ...common, demo: true };
  if (transport === 'mybmw')
    return { ...common, transport, baseUrl: context.options.baseUrl, pollIntervalMs };
  return {
    ...common,
    transport,
    baseUrl: context.options.baseUrl,
    streamUrl: carDataStreamUrl(context),
    tokenFile: carDataTokenFile(context),
    clientId: options.clientId ?? nonEmpty(env.BIMMER_CARDATA_CLIENT_ID),
  };
}
