import { readFile } from 'node:fs/promises';
import { CARDATA_REQUIRED_SCOPES, FileTokenStore } from '@bimmer/auth';
import {
  cachedMappingsOf,
  carDataAccountKey,
  carDataStatePathFor,
  FileCarDataStateStore,
  QuotaLedger,
} from '@bimmer/cardata';
import type { PlatformSettings } from '../config/platform-config';
import { maskVin } from '../log/mask-vin';
import { isAlive } from '../platform/account-claim';
import type { PluginStatus } from '../platform/plugin-status';
import { PLATFORM_NAME } from '../settings';

/** One line of the settings page's checks: a verdict, what it means and, when wrong, the fix. */
export interface DoctorCheck {
  readonly verdict: 'ok' | 'warn' | 'fail';
  readonly text: string;
  readonly fix?: string | undefined;
}

/**
 * The checks of `bimmer doctor`, for the settings page: Node.js, the stored CarData login and its
 * scopes, the vehicles BMW maps to the account (PRIMARY only get data), the container, the quota,
 * the running plugin's connection, and a platform listed twice. Reads files only: no REST call, no
 * token refresh, no stream (which would kick the plugin's own).
 */
export async function doctorChecks(input: {
  readonly settings: PlatformSettings;
  readonly status: PluginStatus | undefined;
  readonly configPath: string | undefined;
  readonly now: number;
}): Promise<DoctorCheck[]> {
  const { settings, status, now } = input;
  const checks: DoctorCheck[] = [nodeCheck()];
  if (settings.transport === 'cardata') checks.push(...(await carDataChecks(settings, now)));
  checks.push(pluginCheck(status));
  const duplicate = await duplicateCheck(input.configPath);
  if (duplicate !== undefined) checks.push(duplicate);
  return checks;
}

function nodeCheck(): DoctorCheck {
  const [major = 0, minor = 0] = process.versions.node.split('.').map(Number);
  return major > 22 || (major === 22 && minor >= 12)
    ? { verdict: 'ok', text: `Node.js ${process.versions.node}` }
    : {
        verdict: 'fail',
        text: `Node.js ${process.versions.node} is too old.`,
        fix: 'Update Node.js to 22.12 or newer (Homebridge UI, Settings, Node.js).',
      };
}

async function carDataChecks(settings: PlatformSettings, now: number): Promise<DoctorCheck[]> {
  let tokens: Awaited<ReturnType<FileTokenStore['load']>>;
  try {
    tokens = await new FileTokenStore(settings.tokenFile).load();
  } catch (error) {
    return [
      {
        verdict: 'fail',
        text: `The CarData token file cannot be read: ${error instanceof Error ? error.message : String(error)}`,
        fix: 'Log in again with the button above.',
      },
    ];
  }
  if (tokens?.kind !== 'cardata') {
    return [
      {
        verdict: 'fail',
        text: 'No CarData login is stored.',
        fix: 'Enter your CarData client ID and press "Log in with BMW".',
      },
    ];
  }
  const checks: DoctorCheck[] = [];
  if (tokens.refreshExpiresAt !== undefined && tokens.refreshExpiresAt < now) {
    checks.push({
      verdict: 'fail',
      text: `The CarData login expired on ${new Date(tokens.refreshExpiresAt).toISOString().slice(0, 10)}.`,
      fix: 'Log in again with the button above.',
    });
  } else {
    checks.push({ verdict: 'ok', text: 'CarData login stored' });
  }
  const granted = new Set((tokens.scope ?? '').split(/\s+/));
  for (const { scope, service } of CARDATA_REQUIRED_SCOPES) {
    checks.push(
      granted.has(scope)
        ? { verdict: 'ok', text: `Scope ${scope} granted (${service})` }
        : {
            verdict: 'fail',
            text: `Scope ${scope} is missing, so ${service === 'CarData Stream' ? 'no stream' : 'no REST read'} works.`,
            fix: `In the MyBMW portal subscribe "${service}" for the client ID, wait two minutes, then log in again.`,
          },
    );
  }
  try {
    const store = new FileCarDataStateStore(carDataStatePathFor(settings.tokenFile));
    // The state file keeps one entry per account and REST host (BMW's, or the simulator's).
    const state =
      tokens.gcid === undefined
        ? undefined
        : (await store.read()).accounts[carDataAccountKey(tokens.gcid, settings.baseUrl)];
    const cached = cachedMappingsOf(state);
    if (cached === undefined) {
      checks.push({
        verdict: 'warn',
        text: 'The vehicles have not been read yet.',
        fix: 'Restart Homebridge (or the child bridge) once the login is stored.',
      });
    } else {
      const readable = cached.mappings.filter((mapping) => mapping.readable);
      checks.push(
        readable.length > 0
          ? {
              verdict: 'ok',
              text: `Vehicles with data: ${readable.map((mapping) => maskVin(mapping.vin)).join(', ')}`,
            }
          : {
              verdict: 'fail',
              text: 'CarData lists no vehicle you can read.',
              fix: 'The car needs an active SIM, an EU market and ConnectedDrive, and you must be its PRIMARY user in the MyBMW app.',
            },
      );
      for (const mapping of cached.mappings.filter((candidate) => !candidate.readable)) {
        checks.push({
          verdict: 'warn',
          text: `${maskVin(mapping.vin)} gets no data: ${mapping.reason ?? 'it is not PRIMARY'}.`,
          fix: 'Make this account the PRIMARY user of the car in the MyBMW app.',
        });
      }
    }
    if (tokens.gcid !== undefined) {
      const usage = await new QuotaLedger({ store, gcid: tokens.gcid, baseUrl: settings.baseUrl }).usage();
      checks.push({
        verdict: usage.remaining > 0 ? 'ok' : 'warn',
        text: `REST quota: ${usage.used} of ${usage.limit} calls used today, ${usage.remaining} left`,
        fix: usage.remaining > 0 ? undefined : `The next call is free at ${usage.nextFreeAt.toISOString()}.`,
      });
    }
  } catch (error) {
    checks.push({
      verdict: 'warn',
      text: `The CarData state file cannot be read: ${error instanceof Error ? error.message : String(error)}`,
    });
  }
  return checks;
}

function pluginCheck(status: PluginStatus | undefined): DoctorCheck {
  if (status === undefined || !isAlive(status.pid)) {
    return {
      verdict: 'warn',
      text: 'The plugin is not running (no report from a running Homebridge).',
      fix: "Save the settings and restart Homebridge (or the plugin's child bridge).",
    };
  }
  const { state, reason } = status.connection;
  if (state === 'connected') return { verdict: 'ok', text: `The plugin is connected (${status.transport}).` };
  if (state === 'kicked') {
    return {
      verdict: 'fail',
      text: reason ?? 'Another program uses the same BMW stream.',
      fix:
        status.transport === 'hub'
          ? 'BMW allows one stream per account: point the other program at the hub too.'
          : 'BMW allows one stream per account: run bimmer hub and point every program (this plugin too) at it.',
    };
  }
  return {
    verdict: state === 'failed' ? 'fail' : 'warn',
    text: `The plugin is ${state}${reason === undefined ? '' : `: ${reason}`}`,
    fix: state === 'failed' ? (FAILED_FIX[status.transport] ?? FAILED_FIX.cardata) : undefined,
  };
}

/** What to do when the connection failed (it does not retry by itself), per transport. */
const FAILED_FIX: Readonly<Record<string, string>> = {
  cardata: 'Log in again with the button above, then restart Homebridge.',
  mybmw:
    'Check the MyBMW username, password and region (a first login outside China needs a fresh captcha token), then restart Homebridge. BMW blocks third-party MyBMW clients since 2025-09: BMW CarData is the connection that works.',
  hub: "The hub's own connection to BMW failed: its log and its /health page say why. The plugin follows once the hub is connected again.",
  demo: 'Restart Homebridge.',
};

async function duplicateCheck(configPath: string | undefined): Promise<DoctorCheck | undefined> {
  if (configPath === undefined) return undefined;
  try {
    const config = JSON.parse(await readFile(configPath, 'utf8')) as { platforms?: { platform?: string }[] };
    const entries = (config.platforms ?? []).filter((entry) => entry?.platform === PLATFORM_NAME).length;
    if (entries <= 1) return undefined;
    return {
      verdict: 'warn',
      text: `The ${PLATFORM_NAME} platform is listed ${entries} times in config.json.`,
      fix: 'One entry per BMW account: a second entry for the same account stays idle. Remove the duplicate.',
    };
  } catch {
    return undefined;
  }
}
