import { parseRegion as parseRegionName, type Region } from '@bimmer/core';
import { CliUsageError } from '../errors/cli-usage-error';
import type { CliIo } from '../io';
import { nonEmpty } from '../util/non-empty';
import { promptLine, readFirstLine } from './prompt';

/** The bimmer_connected-style positionals `username password region`, when given. */
export interface PositionalCredentials {
  readonly username: string;
  readonly password: string;
  readonly region: string;
}

/** What the command line says about credentials. */
export interface CredentialOptions {
  /** `--username`. */
  readonly username?: string | undefined;
  /** `--region`. */
  readonly region?: string | undefined;
  /** `--captcha-token`. */
  readonly captchaToken?: string | undefined;
  /** `--password-stdin`: read the password from the first line of standard input. */
  readonly passwordStdin?: boolean | undefined;
  /** The compatibility positionals. */
  readonly positional?: PositionalCredentials | undefined;
}

/** Who logs in, where: everything but the password. */
export interface AccountIdentity {
  readonly username: string;
  readonly region: Region;
  readonly captchaToken: string | undefined;
}

/** The region used when neither `--region`, a positional nor `BIMMER_REGION` names one. */
export const DEFAULT_REGION: Region = 'rest_of_world';

/**
 * Resolves username, region and captcha token. Flags win over the compatibility positionals, which win
 * over the environment (`BIMMER_USERNAME`, `BIMMER_REGION`, `BIMMER_CAPTCHA_TOKEN`). A missing username
 * is asked for on a terminal and is a usage error elsewhere.
 */
export async function resolveIdentity(options: CredentialOptions, io: CliIo): Promise<AccountIdentity> {
  const regionInput =
    nonEmpty(options.region) ?? options.positional?.region ?? nonEmpty(io.env.BIMMER_REGION);
  const region = regionInput === undefined ? DEFAULT_REGION : parseRegion(regionInput);
  const captchaToken = nonEmpty(options.captchaToken) ?? nonEmpty(io.env.BIMMER_CAPTCHA_TOKEN);
  let username =
    nonEmpty(options.username) ?? options.positional?.username ?? nonEmpty(io.env.BIMMER_USERNAME);
  if (username === undefined && io.stdin.isTTY === true) {
    username = nonEmpty(await promptLine({ input: io.stdin, output: io.stderr }, 'MyBMW username (e-mail)'));
  }
  if (username === undefined) {
    throw new CliUsageError(
      'No username given.',
      'Pass --username or set BIMMER_USERNAME (the e-mail address of your MyBMW account).',
    );
  }
  return { username, region, captchaToken };
}

/**
 * Resolves the password: the compatibility positional, `BIMMER_PASSWORD`, the first line of stdin with
 * `--password-stdin`, or (when `ask` and on a terminal) a prompt without echo. Returns undefined when
 * none of these gave one; a password is never required on the command line.
 */
export async function resolvePassword(
  options: CredentialOptions,
  io: CliIo,
  username: string,
  ask: boolean,
): Promise<string | undefined> {
  const given = options.positional?.password ?? nonEmpty(io.env.BIMMER_PASSWORD);
  if (given !== undefined) return given;
  if (options.passwordStdin === true) return nonEmpty(await readFirstLine(io.stdin));
  if (!ask || io.stdin.isTTY !== true) return undefined;
  const question = `Password for ${username}`;
  return nonEmpty(await promptLine({ input: io.stdin, output: io.stderr }, question, { hidden: true }));
}

/** A region as typed by the user, or a usage error listing the valid names. */
export function parseRegion(input: string): Region {
  const region = parseRegionName(input);
  if (region === undefined) {
    throw new CliUsageError(
      `Unknown region "${input}".`,
      'Use rest_of_world (row), north_america (na) or china (cn).',
    );
  }
  return region;
}

/** True when `input` names a region, so positionals can be told apart from credentials. */
export function looksLikeRegion(input: string): boolean {
  return parseRegionName(input) !== undefined;
}
