import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { parsePlatformConfig } from '../config/parse-platform-config';
import { type PluginStatus, STATUS_FILE } from '../platform/plugin-status';
import { STORAGE_FOLDER } from '../settings';
import { type DoctorCheck, doctorChecks } from './doctor-checks';

/** What the settings page shows below the login. */
export interface SettingsOverview {
  readonly configErrors: readonly string[];
  readonly status: PluginStatus | undefined;
  readonly checks: readonly DoctorCheck[];
}

/**
 * The settings page's view of the plugin: the configuration's problems, the running plugin's status
 * (connection, budget, vehicles with their last values) and the doctor's checks, from files only.
 */
export async function settingsOverview(input: {
  readonly config: unknown;
  readonly storagePath: string;
  readonly configPath: string | undefined;
  readonly now: number;
}): Promise<SettingsOverview> {
  const parsed = parsePlatformConfig(input.config ?? {}, input.storagePath);
  const status = await readStatus(join(input.storagePath, STORAGE_FOLDER, STATUS_FILE));
  if (!parsed.ok) return { configErrors: parsed.errors, status, checks: [] };
  const checks = await doctorChecks({
    settings: parsed.settings,
    status,
    configPath: input.configPath,
    now: input.now,
  });
  return { configErrors: [], status, checks };
}

async function readStatus(path: string): Promise<PluginStatus | undefined> {
  try {
    return JSON.parse(await readFile(path, 'utf8')) as PluginStatus;
  } catch {
    return undefined;
  }
}
