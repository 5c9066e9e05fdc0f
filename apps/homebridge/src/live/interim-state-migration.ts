import { createHash } from 'node:crypto';
import { readFile, rm, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { FileTokenStore } from '@bimmer/auth';
import { carDataAccountKey, FileCarDataStateStore } from '@bimmer/cardata';
import { isJsonObject } from '@bimmer/core/internal';

/*
 * The plugin's first builds kept the last CarData values in a file of their own
 * (`<storage>/bimmer/cardata-live-state*.json`). The CarData live account keeps them in the state
 * file's `live` entry, beside the quota ledger. This moves them over once, so nobody loses the last
 * state (or spends a REST call for it) when updating; then the old file goes.
 */

/** One descriptor's value in the old file. */
interface OldValue {
  readonly value?: unknown;
  readonly unit?: unknown;
  /** When the car measured it, epoch ms. */
  readonly timestamp?: unknown;
  readonly source?: unknown;
}

/** The old file of the last values of a CarData login inside the plugin's folder (one per token file). */
export function interimLiveStatePath(folder: string, tokenFile: string, defaultTokenFile: string): string {
  if (tokenFile === defaultTokenFile) return join(folder, 'cardata-live-state.json');
  return join(
    folder,
    `cardata-live-state-${createHash('sha256').update(tokenFile).digest('hex').slice(0, 12)}.json`,
  );
}

/** What {@link migrateInterimLiveState} did. */
export type InterimMigration = 'none' | 'migrated' | 'superseded' | 'no-login' | 'unreadable' | 'failed';

/**
 * Moves the values of the old file into the state file's `live` entry of the account (the token
 * file's gcid at `apiBaseUrl`), under the state file's lock, unless the live account already keeps
 * values there (then the old file is older and only removed). Each value keeps its measurement time
 * and channel. The vehicle counts as read over REST when the old file was last written, the latest
 * that read can have been: the budget policy then spends nothing at this start and reads the
 * REST-only data at its usual pace. Never throws: without a login, or when the state file cannot be
 * written, the old file stays for the next start; an unreadable one is left where it is.
 */
export async function migrateInterimLiveState(input: {
  readonly interimPath: string;
  readonly statePath: string;
  readonly tokenFile: string;
  readonly apiBaseUrl: string | undefined;
}): Promise<InterimMigration> {
  let text: string;
  let writtenAt: number;
  try {
    text = await readFile(input.interimPath, 'utf8');
    writtenAt = (await stat(input.interimPath)).mtimeMs;
  } catch {
    return 'none';
  }
  let vehicles: Record<string, unknown> | undefined;
  try {
    vehicles = convert(JSON.parse(text) as unknown, Math.round(writtenAt));
  } catch {
    vehicles = undefined;
  }
  if (vehicles === undefined) return 'unreadable';
  const live = { version: 1, vehicles };
  try {
    const tokens = await new FileTokenStore(input.tokenFile).load();
    if (tokens?.kind !== 'cardata' || tokens.gcid === undefined) return 'no-login';
    const key = carDataAccountKey(tokens.gcid, input.apiBaseUrl);
    const store = new FileCarDataStateStore(input.statePath);
    const result = await store.update((state): InterimMigration => {
      const account = state.accounts[key] ?? { calls: [] };
      state.accounts[key] = account;
      if (account.live !== undefined) return 'superseded';
      account.live = live;
      return 'migrated';
    });
    await rm(input.interimPath, { force: true });
    return result;
  } catch {
    return 'failed';
  }
}

/** The old file's vehicles in the `live` entry's form; undefined when it is no such file. */
function convert(raw: unknown, writtenAt: number): Record<string, unknown> | undefined {
  if (!isJsonObject(raw) || raw.version !== 1 || !isJsonObject(raw.vehicles)) return undefined;
  const vehicles: Record<string, unknown> = {};
  for (const [vin, vehicle] of Object.entries(raw.vehicles)) {
    if (!isJsonObject(vehicle) || !isJsonObject(vehicle.values)) continue;
    const values: Record<string, unknown> = {};
    let readOverRest = false;
    for (const [descriptor, held] of Object.entries(vehicle.values as Record<string, OldValue>)) {
      if (!isJsonObject(held) || typeof held.timestamp !== 'number' || !Number.isFinite(held.timestamp))
        continue;
      if (held.source !== 'stream' && held.source !== 'rest') continue;
      readOverRest ||= held.source === 'rest';
      values[descriptor] = {
        value: held.value ?? null,
        ...(typeof held.unit === 'string' ? { unit: held.unit } : {}),
        at: held.timestamp,
        channel: held.source,
      };
    }
    vehicles[vin] = {
      values,
      updatedAt: writtenAt,
      ...(readOverRest ? { lastRestReadAt: writtenAt } : {}),
      automaticReads: [],
    };
  }
  return vehicles;
}
