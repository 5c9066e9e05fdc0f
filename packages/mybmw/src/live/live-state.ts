import { readFile } from 'node:fs/promises';
import { keepUnreadableFile, removeStaleTempFiles, writeFileAtomic } from '@bimmer/auth/internal';
import {
  BimmerValidationError,
  readVehicleEventMemory,
  type VehicleEventMemory,
  type VehicleSnapshot,
  vehicleFromJSON,
  vehicleToJSON,
} from '@bimmer/core';
import { isJsonObject } from '@bimmer/core/internal';
import { type PartTimes, POLLED_BLOCKS, type PolledPart } from './polled-snapshot';

/** What a polling live account persists of one vehicle. Times in epoch ms. */
export interface PersistedPolledVehicle {
  /** The merged snapshot with its field times (written in the JSON form of docs/json.md). */
  readonly snapshot: VehicleSnapshot;
  /** When the car measured each part of it. */
  readonly partTimes: PartTimes;
  /** The derived events' memory, so a restart tells nothing again. */
  readonly memory?: VehicleEventMemory | undefined;
}

/**
 * The state file of a MyBMW live account: every vehicle's last known state with its times and
 * the event memory, and the polling bookkeeping that must survive a restart (BMW's rate limit).
 * Written atomically (temp file and rename, mode 0600) after every poll that brought something
 * new and on `stop()`; read before anything else at open, so a restart shows the last state with
 * zero requests.
 */
export interface MyBMWLiveState {
  readonly version: 1;
  /** Which login the state belongs to (a hash of region and username, never the username). */
  readonly account?: string | undefined;
  readonly vehicles: Readonly<Record<string, PersistedPolledVehicle>>;
  /** BMW answered 429 or a quota error: no poll (and no `refresh()`) before this. */
  readonly backoffUntil?: number | undefined;
  /** When the vehicle lists were last loaded whole (they are reloaded once a day). */
  readonly listsLoadedAt?: number | undefined;
  /** When the last poll of the whole account succeeded: a restart polls again an interval after it. */
  readonly polledAt?: number | undefined;
}

const KIND = 'mybmw-live';
const PARTS: ReadonlySet<string> = new Set<PolledPart>(['vehicle', ...POLLED_BLOCKS]);

const finite = (value: unknown): number | undefined =>
  typeof value === 'number' && Number.isFinite(value) ? value : undefined;

/** The state as plain JSON, for the file. */
export function liveStateToJSON(state: MyBMWLiveState): Record<string, unknown> {
  return {
    kind: KIND,
    version: state.version,
    account: state.account,
    backoffUntil: state.backoffUntil,
    listsLoadedAt: state.listsLoadedAt,
    polledAt: state.polledAt,
    vehicles: Object.fromEntries(
      Object.entries(state.vehicles).map(([vin, vehicle]) => [
        vin,
        { snapshot: vehicleToJSON(vehicle.snapshot), partTimes: vehicle.partTimes, memory: vehicle.memory },
      ]),
    ),
  };
}

function partTimes(raw: unknown): PartTimes {
  if (!isJsonObject(raw)) return {};
  return Object.fromEntries(
    Object.entries(raw).filter(
      (entry): entry is [string, number] => PARTS.has(entry[0]) && finite(entry[1]) !== undefined,
    ),
  );
}

/**
 * Reads the state back from parsed JSON, keeping what is well-formed: a vehicle whose snapshot
 * cannot be read is dropped (told through `onDropped`, by VIN), the others are restored.
 * Undefined when `raw` is no MyBMW live state at all (another file's content, another version).
 */
export function readLiveState(
  raw: unknown,
  onDropped: (vin: string, reason: string) => void = () => {},
): MyBMWLiveState | undefined {
  if (!isJsonObject(raw) || raw.kind !== KIND || raw.version !== 1) return undefined;
  const vehicles: Record<string, PersistedPolledVehicle> = {};
  for (const [vin, entry] of Object.entries(isJsonObject(raw.vehicles) ? raw.vehicles : {})) {
    try {
      if (!isJsonObject(entry)) throw new TypeError('not an object');
      const snapshot = vehicleFromJSON(entry.snapshot);
      if (snapshot.vin !== vin) throw new TypeError('the snapshot is of another vehicle');
      vehicles[vin] = {
        snapshot,
        partTimes: partTimes(entry.partTimes),
        memory: readVehicleEventMemory(entry.memory),
      };
    } catch (error) {
      onDropped(vin, error instanceof Error ? error.message : String(error));
    }
  }
  return {
    version: 1,
    account: typeof raw.account === 'string' ? raw.account : undefined,
    vehicles,
    backoffUntil: finite(raw.backoffUntil),
    listsLoadedAt: finite(raw.listsLoadedAt),
    polledAt: finite(raw.polledAt),
  };
}

/** The state file as read at open: the state (when there is one) and what to tell the user. */
export interface LoadedLiveState {
  readonly state: MyBMWLiveState | undefined;
  readonly warnings: readonly string[];
}

/**
 * Reads the state file: none yet is an empty start; a damaged file (not JSON) is renamed to
 * `<path>.unreadable-<time>` and a warning names it, so nothing is silently lost. A file that is
 * readable but not a MyBMW live state (another program's, a CarData state file) is left alone and
 * refused with a `BimmerValidationError` (action `check-files`): the account needs a file of its own.
 * Temp files that a writer killed mid-write left behind (they may hold a copy of the state) go first.
 */
export async function loadLiveStateFile(path: string, now: number): Promise<LoadedLiveState> {
  await removeStaleTempFiles(path);
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (error) {
    if ((error as { code?: unknown }).code === 'ENOENT') return { state: undefined, warnings: [] };
    throw new BimmerValidationError(`The MyBMW live state file ${path} cannot be read: ${messageOf(error)}`, {
      paths: ['statePath'],
      action: 'check-files',
    });
  }
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch {
    const keptAs = await keepUnreadableFile(path, now);
    return {
      state: undefined,
      warnings: [
        `The MyBMW live state file ${path} was damaged (not JSON); it was kept as ${keptAs} and the ` +
          'account starts without restored state.',
      ],
    };
  }
  const warnings: string[] = [];
  const state = readLiveState(raw, (vin, reason) =>
    warnings.push(
      `Vehicle ${vin} could not be restored from the state file (${reason}); its next poll fills it.`,
    ),
  );
  if (state === undefined) {
    throw new BimmerValidationError(
      `${path} is not a MyBMW live state file (another program's file, or another version). ` +
        'Give the live account a state file of its own.',
      { paths: ['statePath'], action: 'check-files' },
    );
  }
  return { state, warnings };
}

/** Writes the state file atomically (temp file, fsync, rename; mode 0600). */
export async function saveLiveStateFile(path: string, state: MyBMWLiveState): Promise<void> {
  await writeFileAtomic(path, `${JSON.stringify(liveStateToJSON(state))}\n`);
}

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
