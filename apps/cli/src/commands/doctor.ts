import { access, constants, mkdir, readdir } from 'node:fs/promises';
import { join } from 'node:path';
import { FileTokenStore, type StoredTokens } from '@bimmer/auth';
import { carDataAccountKey, carDataStatePathFor, FileCarDataStateStore } from '@bimmer/cardata';
import { carDataLedger, carDataTokenFile } from '../account/open-cardata-account';
import type { CliContext } from '../context';
import { ExitCode } from '../exit-codes';
import type { CommandHandler, DoctorOptions } from '../program';
import { formatTime } from '../render/format';
import { configDirectory } from '../token-file';
import { carDataCacheChecks, carDataScopeChecks, type DoctorCheck } from './cardata-setup-checks';
import { carDataStreamCheck } from './stream-check';

const MINIMUM_NODE_MAJOR = 22;

/**
 * `bimmer doctor`: checks what bimmer needs and reports it: the Node.js version, the config folder,
 * the stored MyBMW and CarData logins (never printing a token), the CarData quota and, with
 * `--base-url`, whether that server answers. Exits 0 when nothing failed, 1 otherwise. Costs no API
 * call.
 */
export const doctorCommand: CommandHandler<DoctorOptions> = async (context, _positionals, options) => {
  const checks: DoctorCheck[] = [nodeCheck(), await configCheck(context), ...(await tokenChecks(context))];
  const carData = await carDataChecks(context);
  checks.push(...carData);
  if (options.stream === true) {
    const stored = await loadTokens(carDataTokenFile(context));
    checks.push(
      !(stored instanceof Error) && stored?.kind === 'cardata'
        ? await carDataStreamCheck(context)
        : { verdict: 'fail', text: 'CarData stream not checked: log in first (bimmer login --cardata).' },
    );
  }
  if (context.options.baseUrl !== undefined) checks.push(await baseUrlCheck(context.options.baseUrl));
  checks.push({
    verdict: 'warn',
    text: 'BMW blocks third-party clients of the MyBMW app API since 2025-09-29; CarData (bimmer login --cardata) is the supported way.',
  });
  const colors = context.stdoutColors;
  const symbol = { ok: colors.green('✔'), warn: colors.yellow('!'), fail: colors.red('✖') } as const;
  context.io.stdout.write(`${checks.map((check) => `${symbol[check.verdict]} ${check.text}`).join('\n')}\n`);
  return checks.some((check) => check.verdict === 'fail') ? ExitCode.error : undefined;
};

function nodeCheck(): DoctorCheck {
  const major = Number(process.versions.node.split('.')[0]);
  return major >= MINIMUM_NODE_MAJOR
    ? { verdict: 'ok', text: `Node.js ${process.versions.node}` }
    : {
        verdict: 'fail',
        text: `Node.js ${process.versions.node}: bimmer needs ${MINIMUM_NODE_MAJOR} or newer.`,
      };
}

async function configCheck(context: CliContext): Promise<DoctorCheck> {
  const directory = configDirectory(context.io);
  try {
    await mkdir(directory, { recursive: true, mode: 0o700 });
    await access(directory, constants.W_OK);
    return { verdict: 'ok', text: `Config folder ${directory} is writable` };
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    return { verdict: 'fail', text: `Config folder ${directory} is not writable: ${reason}` };
  }
}

async function tokenChecks(context: CliContext): Promise<DoctorCheck[]> {
  const directory = join(configDirectory(context.io), 'tokens');
  const files =
    context.options.tokenFile === undefined ? await mybmwTokenFiles(directory) : [context.options.tokenFile];
  if (files.length === 0) {
    return [
      { verdict: 'warn', text: 'No MyBMW login stored yet (bimmer login, or any command, stores one).' },
    ];
  }
  const checks: DoctorCheck[] = [];
  for (const file of files) {
    const tokens = await loadTokens(file);
    if (tokens instanceof Error) {
      checks.push({ verdict: 'fail', text: `${file}: ${tokens.message}` });
    } else if (tokens?.kind === 'mybmw') {
      const who = tokens.username ?? 'an account';
      const refresh = tokens.refreshToken === undefined ? 'no refresh token' : 'refresh token present';
      const access =
        tokens.accessTokenExpiresAt === undefined
          ? ''
          : `; access token valid until ${formatTime(new Date(tokens.accessTokenExpiresAt))}`;
      checks.push({
        verdict: tokens.refreshToken === undefined ? 'warn' : 'ok',
        text: `MyBMW login of ${who} (${tokens.region}): ${refresh}${access}`,
      });
    }
  }
  return checks;
}

async function carDataChecks(context: CliContext): Promise<DoctorCheck[]> {
  const file = carDataTokenFile(context);
  const tokens = await loadTokens(file);
  if (tokens instanceof Error) return [{ verdict: 'fail', text: `${file}: ${tokens.message}` }];
  if (tokens?.kind !== 'cardata') {
    return [{ verdict: 'warn', text: 'No CarData login stored (bimmer login --cardata --client-id ID).' }];
  }
  const checks: DoctorCheck[] = [];
  const expiry = tokens.refreshExpiresAt;
  if (expiry !== undefined && expiry < Date.now()) {
    checks.push({
      verdict: 'fail',
      text: `CarData login expired on ${formatTime(new Date(expiry))}: log in again.`,
    });
  } else {
    const until = expiry === undefined ? '' : ` (refresh token valid until ${formatTime(new Date(expiry))})`;
    checks.push({ verdict: 'ok', text: `CarData login stored${until}` });
  }
  checks.push(...carDataScopeChecks(tokens));
  try {
    const state = await new FileCarDataStateStore(carDataStatePathFor(file)).read();
    checks.push(
      ...carDataCacheChecks(
        tokens.gcid === undefined
          ? undefined
          : state.accounts[carDataAccountKey(tokens.gcid, context.options.baseUrl)],
      ),
    );
  } catch (error) {
    checks.push({
      verdict: 'warn',
      text: `CarData state file unreadable: ${error instanceof Error ? error.message : String(error)}`,
    });
  }
  try {
    const usage = await (await carDataLedger(context)).usage();
    checks.push({
      verdict: usage.remaining > 0 ? 'ok' : 'warn',
      text: `CarData quota: ${usage.used} of ${usage.limit} calls used, ${usage.remaining} left`,
    });
  } catch (error) {
    checks.push({
      verdict: 'warn',
      text: `CarData quota unknown: ${error instanceof Error ? error.message : String(error)}`,
    });
  }
  return checks;
}

async function baseUrlCheck(baseUrl: string): Promise<DoctorCheck> {
  try {
    const response = await fetch(baseUrl, { signal: AbortSignal.timeout(5000) });
    await response.body?.cancel();
    return { verdict: 'ok', text: `${baseUrl} answers (HTTP ${response.status})` };
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    return { verdict: 'fail', text: `${baseUrl} does not answer: ${reason}` };
  }
}

async function mybmwTokenFiles(directory: string): Promise<string[]> {
  try {
    return (await readdir(directory))
      .filter((name) => name.startsWith('mybmw-') && name.endsWith('.json'))
      .map((name) => join(directory, name));
  } catch {
    return [];
  }
}

async function loadTokens(file: string): Promise<StoredTokens | undefined | Error> {
  try {
    return await new FileTokenStore(file).load();
  } catch (error) {
    return error instanceof Error ? error : new Error(String(error));
  }
}
