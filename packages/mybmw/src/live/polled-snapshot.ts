import { changedFields, type FieldTime, type VehicleSnapshot } from '@bimmer/core';

/** The blocks of a snapshot, each judged by its own time when polls are merged. */
export const POLLED_BLOCKS = [
  'fuelAndBattery',
  'vehicleLocation',
  'doorsAndWindows',
  'conditionBasedServices',
  'checkControlMessages',
  'headunit',
  'climate',
  'chargingProfile',
  'tires',
] as const;

/** A block of a snapshot ({@link POLLED_BLOCKS}). */
export type PolledBlock = (typeof POLLED_BLOCKS)[number];

/**
 * A part of a polled snapshot with a time of its own: a block, or `vehicle` for everything outside
 * the blocks (identity, capabilities, mileage, the report time).
 */
export type PolledPart = 'vehicle' | PolledBlock;

/** When the car measured each part (epoch ms). */
export type PartTimes = Readonly<Partial<Record<PolledPart, number>>>;

/** A vehicle as a polling live account holds it: the merged snapshot and the time of each part. */
export interface PolledVehicle {
  /** The snapshot, with `fieldTimes` for every field (channel `poll`). */
  readonly snapshot: VehicleSnapshot;
  readonly partTimes: PartTimes;
}

const BLOCKS: ReadonlySet<string> = new Set(POLLED_BLOCKS);

/** The part a dot path (JSON form) belongs to. */
export function partOf(path: string): PolledPart {
  const head = path.split('.', 1)[0] ?? '';
  return BLOCKS.has(head) ? (head as PolledBlock) : 'vehicle';
}

/**
 * When the car measured each part of a freshly polled snapshot: its report time, except the
 * position when a newer vehicle-finder result replaced it: then the finder's time.
 */
export function partTimesOf(snapshot: VehicleSnapshot, reportAt: number): PartTimes {
  const times: Partial<Record<PolledPart, number>> = { vehicle: reportAt };
  for (const block of POLLED_BLOCKS) times[block] = reportAt;
  // The finder's position replaces the car's when it is newer (core's `applyRemoteServicePosition`).
  const location = snapshot.vehicleLocation;
  const found = location?.remoteServicePosition?.timestamp.getTime();
  const carReported = location?.vehicleUpdateTimestamp?.getTime() ?? Number.NEGATIVE_INFINITY;
  if (found !== undefined && found > carReported) times.vehicleLocation = found;
  return times;
}

/**
 * `snapshot` with the end times the car gives as a duration from its report (charging ends in 95
 * minutes, the climate runs 10 more minutes) counted from `reportAt` instead of from the fetch: the
 * parser counts them from `fetchedAt`, so the same report polled twice would give two end times.
 */
export function anchorToReport(snapshot: VehicleSnapshot, reportAt: number): VehicleSnapshot {
  const shift = reportAt - snapshot.fetchedAt.getTime();
  const moved = (date: Date | undefined) =>
    date === undefined ? undefined : new Date(date.getTime() + shift);
  const { fuelAndBattery, climate } = snapshot;
  if (fuelAndBattery?.chargingEndTime === undefined && climate?.activityEndTime === undefined)
    return snapshot;
  return {
    ...snapshot,
    fuelAndBattery:
      fuelAndBattery === undefined
        ? undefined
        : { ...fuelAndBattery, chargingEndTime: moved(fuelAndBattery.chargingEndTime) },
    climate:
      climate === undefined ? undefined : { ...climate, activityEndTime: moved(climate.activityEndTime) },
  };
}

/** `snapshot` with `fieldTimes` for every field and block, from the times of its parts. */
export function withPollTimes(snapshot: VehicleSnapshot, partTimes: PartTimes): VehicleSnapshot {
  const bare: VehicleSnapshot = { ...snapshot, fieldTimes: undefined };
  const fieldTimes: Record<string, FieldTime> = {};
  const time = (part: PolledPart): FieldTime | undefined => {
    const at = partTimes[part];
    return at === undefined ? undefined : { at: new Date(at), source: snapshot.source, channel: 'poll' };
  };
  for (const block of POLLED_BLOCKS) {
    const blockTime = snapshot[block] === undefined ? undefined : time(block);
    if (blockTime !== undefined) fieldTimes[block] = blockTime;
  }
  for (const { path } of changedFields(undefined, bare)) {
    const leafTime = time(partOf(path));
    if (leafTime !== undefined) fieldTimes[path] = leafTime;
  }
  return { ...snapshot, fieldTimes };
}

/** The dot paths of every field (JSON form) of a snapshot. */
function fieldPaths(snapshot: VehicleSnapshot): Set<string> {
  return new Set(changedFields(undefined, { ...snapshot, fieldTimes: undefined }).map(({ path }) => path));
}

/**
 * The blocks whose values the new report lost to a parse failure: the block has a parse issue (a
 * malformed value, not an unknown enum string) and a field the held block has is missing from it.
 * Such a block keeps the values held (with their older times) rather than forgetting them; a
 * malformation the car repeats in every report is no loss and does not hold the block back.
 */
function blocksLostToParsing(polled: VehicleSnapshot, held: VehicleSnapshot): Set<PolledBlock> {
  const suspects = POLLED_BLOCKS.filter((block) =>
    polled.issues.some((issue) => issue.block === block && issue.code !== 'unknown-enum'),
  );
  if (suspects.length === 0) return new Set();
  const before = fieldPaths(held);
  const after = fieldPaths(polled);
  return new Set(
    suspects.filter((block) => [...before].some((path) => partOf(path) === block && !after.has(path))),
  );
}

/** What {@link mergePolledSnapshot} took from a poll. */
export interface MergedPoll {
  readonly vehicle: PolledVehicle;
  /** The parts taken from the poll (newer than the ones held). */
  readonly taken: readonly PolledPart[];
  /** Newer blocks that kept the values held because the poll lost some of them to a parse failure. */
  readonly kept: readonly PolledBlock[];
}

/**
 * Merges a freshly polled snapshot of a vehicle, reported by the car at `reportAt` (epoch ms), into
 * the one held. Each part is judged by its own time: a part is taken only when the poll's is newer
 * than the one held, so a report the car made before (BMW serving an older copy, a repeated answer)
 * changes nothing, and the same report polled again is the same measurement. A block whose values
 * the new report lost to a parse failure keeps the held ones, with their time (`kept`). End times
 * given as durations count from the report ({@link anchorToReport}). Returns undefined when nothing was
 * newer. Every field of the result carries its part's time, channel `poll`.
 */
export function mergePolledSnapshot(
  held: PolledVehicle | undefined,
  fresh: VehicleSnapshot,
  reportAt: number,
): MergedPoll | undefined {
  const times = partTimesOf(fresh, reportAt);
  const polled = anchorToReport(fresh, reportAt);
  if (held === undefined) {
    return {
      vehicle: { snapshot: withPollTimes(polled, times), partTimes: times },
      taken: ['vehicle', ...POLLED_BLOCKS],
      kept: [],
    };
  }
  const partTimes: Partial<Record<PolledPart, number>> = { ...held.partTimes };
  const newer = (part: PolledPart): boolean =>
    (times[part] ?? Number.NEGATIVE_INFINITY) > (held.partTimes[part] ?? Number.NEGATIVE_INFINITY);
  const takeTime = (part: PolledPart): void => {
    const at = times[part];
    if (at !== undefined) partTimes[part] = at;
  };
  const taken: PolledPart[] = [];
  const kept: PolledBlock[] = [];
  const lost = blocksLostToParsing(polled, held.snapshot);
  const vehicleNewer = newer('vehicle');
  if (vehicleNewer) {
    taken.push('vehicle');
    takeTime('vehicle');
  }
  const merged: Record<string, unknown> = {
    ...(vehicleNewer ? polled : held.snapshot),
    fetchedAt: polled.fetchedAt,
    issues: polled.issues,
  };
  for (const block of POLLED_BLOCKS) {
    if (newer(block) && !lost.has(block)) {
      taken.push(block);
      takeTime(block);
      merged[block] = polled[block];
    } else {
      if (newer(block)) kept.push(block);
      merged[block] = held.snapshot[block];
    }
  }
  if (taken.length === 0) return undefined;
  const snapshot = merged as unknown as VehicleSnapshot;
  return { vehicle: { snapshot: withPollTimes(snapshot, partTimes), partTimes }, taken, kept };
}
