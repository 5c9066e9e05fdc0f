import { readdir } from 'node:fs/promises';
import { join } from 'node:path';
import type { StoredTokens } from '@bimmer/auth';
import type { CliContext } from '../context';
import type { DoctorCheck } from '../doctor/cardata-setup-checks';
import { ExitCode } from '../exit-codes';
import { formatTime } from '../render/format';
import { defineCommand, example } from './definition';

/** Options of `bimmer doctor`. */
export interface DoctorOptions {
  /** `--stream`: also connect to the CarData stream once. */
  readonly stream?: boolean;
}

const MINIMUM_NODE = [22, 12] as const;

/**
 * `bimmer doctor`: checks what bimmer needs and reports it: the Node.js version, the config folder,
 * the stored MyBMW and CarData logins (never printing a token), the CarData quota and, with
 * `--base-url`, whether that server answers and whether it is the simulator. Exits 0 when nothing
 * failed, 1 otherwise. Costs no API call.
 */
export const doctor = defineCommand<DoctorOptions>({
  name: 'doctor',
  group: 'Account:',
  summary: 'check the set-up: Node.js, config folder, logins, CarData scopes, vehicles, quota',
  description:
    'Check what bimmer needs: the Node.js version, the config folder, the stored MyBMW and CarData logins ' +
    '(never printing a token), the CarData scopes, vehicles (PRIMARY or not), container and quota, and, ' +
    'with --base-url, whether that server answers (and whether it is the simulator). Each problem comes ' +
    'with its fix. Costs no CarData call.',
  options: [
    {
      flags: '--stream',
      description:
        'also connect to the CarData stream once (knocks another client of the account off for a moment)',
    },
  ],
  examples: [
    example('doctor', 'a checklist on stdout'),
    example('doctor --stream', 'also try the CarData stream'),
  ],
  exitCodes: [],
  async run(context, _positionals, options) {
    const { configCheck } = await import('../doctor/config-check');
    const checks: DoctorCheck[] = [
      nodeCheck(),
      await configCheck(context.io),
      ...(await tokenChecks(context)),
    ];
    checks.push(...(await carDataChecks(context)));
    if (options.stream === true) {
      const { carDataTokenFile } = await import('../account/open-cardata-account');
      const stored = await loadTokens(carDataTokenFile(context));
      if (!(stored instanceof Error) && stored?.kind === 'cardata') {
        const { carDataStreamCheck } = await import('../doctor/stream-check');
        checks.push(await carDataStreamCheck(context));
      } else {
        checks.push({
          verdict: 'fail',
          text: 'CarData stream not checked: log in first (bimmer login --cardata).',
        });
      }
    }
    let simulator = false;
    if (context.options.baseUrl !== undefined) {
      const { serverCheck } = await import('../doctor/server-check');
      const server = await serverCheck(context.options.baseUrl);
      simulator = server.simulator;
      checks.push(server.check);
    }
    if (!simulator) {
      checks.push({
        verdict: 'warn',
        text: 'BMW blocks third-party clients of the MyBMW app API since 2025-09-29; CarData (bimmer login --cardata) is the supported way.',
      });
    }
    const colors = context.stdoutColors;
    const symbol = { ok: colors.green('✔'), warn: colors.yellow('!'), fail: colors.red('✖') } as const;
    context.io.stdout.write(
      `${checks.map((check) => `${symbol[check.verdict]} ${check.text}`).join('\n')}\n`,
    );
    return checks.some((check) => check.verdict === 'fail') ? ExitCode.error : undefined;
  },
});

function nodeCheck(): DoctorCheck {
  const [major = 0, minor = 0] = process.versions.node.split('.').map(Number);
  const [needMajor, needMinor] = MINIMUM_NODE;
  return major > needMajor || (major === needMajor && minor >= needMinor)
    ? { verdict: 'ok', text: `Node.js ${process.versions.node}` }
    : {
        verdict: 'fail',
        text: `Node.js ${process.versions.node}: bimmer needs ${needMajor}.${needMinor} or newer.`,
      };
}

async function tokenChecks(context: CliContext): Promise<DoctorCheck[]> {
  const { configDirectory } = await import('../files/config-directory');
  let files: string[];
  if (context.options.tokenFile !== undefined) files = [context.options.tokenFile];
  else {
    try {
      files = await myBMWTokenFiles(join(configDirectory(context.io), 'tokens'));
    } catch {
      files = []; // The config check above already says why there is no folder.
    }
  }
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
  const [
    { carDataLedger, carDataTokenFile },
    { carDataAccountKey, carDataStatePathFor, FileCarDataStateStore },
    checksModule,
  ] = await Promise.all([
    import('../account/open-cardata-account'),
    import('@bimmer/cardata'),
    import('../doctor/cardata-setup-checks'),
  ]);
  let file: string;
  try {
    file = carDataTokenFile(context);
  } catch {
    return []; // No config folder: the config check says why.
  }
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
  checks.push(...checksModule.carDataScopeChecks(tokens));
  try {
    const state = await new FileCarDataStateStore(carDataStatePathFor(file)).read();
    checks.push(
      ...checksModule.carDataCacheChecks(
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

async function myBMWTokenFiles(directory: string): Promise<string[]> {
  try {
    return (await readdir(directory))
      .filter((name) => name.startsWith('mybmw-') && name.endsWith('.json'))
      .map((name) => join(directory, name));
  } catch {
    return [];
  }
}

async function loadTokens(file: string): Promise<StoredTokens | undefined | Error> {
  const { FileTokenStore } = await import('@bimmer/auth');
  try {
    return await new FileTokenStore(file).load();
  } catch (error) {
    return error instanceof Error ? error : new Error(String(error));
  }
}
