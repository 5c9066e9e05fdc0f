import type { BimmerErrorAction, BimmerErrorCode } from '@bimmer/core';

/**
 * Advice in the CLI's own words: a sentence and the `bimmer` command lines it names. The command lines
 * are data (the arguments after `bimmer`), so a test can parse each with the CLI's own parser and no
 * hint ever names a command or option that does not exist.
 */
export interface CliHint {
  /** The sentence, with the command lines written in. */
  readonly text: string;
  /** Every command line the sentence names, as the arguments after `bimmer`. */
  readonly commands: readonly (readonly string[])[];
}

/** Builds a {@link CliHint}: each interpolated array is a command line, written as `bimmer …`. */
function hint(parts: TemplateStringsArray, ...commands: (readonly string[])[]): CliHint {
  const text = parts.reduce(
    (written, part, index) =>
      index === 0 ? part : `${written}bimmer ${(commands[index - 1] ?? []).join(' ')}${part}`,
    '',
  );
  return { text, commands };
}

/**
 * What the CLI advises for each machine-readable action of an SDK error. The SDK's own hints speak
 * SDK words (Node-RED and Homebridge word them their way); this table names our commands and options.
 */
export const CLI_HINTS: Readonly<Record<BimmerErrorAction, CliHint>> = {
  'mybmw-login': hint`Log in to MyBMW again: ${['login']} (the password from BIMMER_PASSWORD, --password-stdin or the prompt).`,
  'captcha-token': hint`Solve the captcha as docs/captcha.md describes and pass the token once: ${['login', '--captcha-token', 'TOKEN']}; the stored session then needs none.`,
  'cardata-login': hint`Log in to BMW CarData again: ${['login', '--cardata', '--client-id', 'ID']}.`,
  'cardata-portal': hint`Check the client in the MyBMW portal (CarData API and Stream subscribed, descriptors ticked, vehicle mapped as PRIMARY); ${['doctor']} lists what is missing.`,
  'use-cardata': hint`Read the vehicle through BMW CarData instead: ${['login', '--cardata', '--client-id', 'ID']}, then ${['status', '--transport', 'cardata']}.`,
  'use-hub': hint`Another program (another ${['stream']}, Home Assistant, evcc) holds this account's one CarData stream: run ${['hub']} once for the account and let every program read through it (${['stream', '--hub', 'URL']}, ${['status', '--hub', 'URL']}, Home Assistant over MQTT), or keep one stream running at a time.`,
  wait: hint`Try again later; for CarData, ${['quota']} shows when the next call is free.`,
  'check-vin': hint`${['status']} lists the vehicles of this account; ${['status', '--json']} shows what each supports (the isRemote…Enabled flags).`,
  'check-input': hint`${['--help']} and ${['help', 'status']} (or any command) list the arguments each command takes.`,
  'check-network': hint`Check the network, or the server given with --base-url or BIMMER_BASE_URL; ${['doctor']} checks that it answers.`,
  'check-files': hint`Make the path a file you may write, or choose another: ${['status', '--token-file', 'PATH']} (or set BIMMER_CONFIG_DIR).`,
};

/**
 * The action to advise on for an error that carries none: errors whose code says what to do
 * whatever the transport. Others keep their own hint.
 */
export const DEFAULT_ACTIONS: Readonly<Partial<Record<BimmerErrorCode, BimmerErrorAction>>> = {
  'captcha-required': 'captcha-token',
  blocked: 'use-cardata',
};

/** The CLI's advice for an SDK error with this action (or, without one, this code), if any. */
export function cliHintFor(
  code: BimmerErrorCode,
  action: BimmerErrorAction | undefined,
): CliHint | undefined {
  const chosen = action ?? DEFAULT_ACTIONS[code];
  return chosen === undefined ? undefined : CLI_HINTS[chosen];
}
