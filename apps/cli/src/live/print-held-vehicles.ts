import { type LiveVehicle, vehicleToJSON } from '@bimmer/core';
import type { CliContext } from '../context';
import { freshnessJSON, lastKnownText } from '../render/freshness';
import { renderVehicleStatus } from '../render/status-text';

/** True when a live account holds at least one value of the vehicle (not only its place on the list). */
export const knowsValues = (vehicle: LiveVehicle): boolean =>
  Object.keys(vehicle.snapshot.fieldTimes ?? {}).length > 0;

/** What {@link printHeldVehicles} prints and how. */
export interface HeldVehiclesOutput {
  readonly vehicles: readonly LiveVehicle[];
  /** One vehicle was asked for: `--json` prints the object, not a list of one. */
  readonly single: boolean;
  readonly json: boolean;
  readonly staleAfterMs: number;
  readonly now: number;
  /** The text heading, given the count (`1 vehicle`, `2 vehicles`). */
  readonly heading: (count: string) => string;
}

/**
 * Prints vehicles a live account holds, with the age of every value: the text status under a
 * heading, or with `--json` the JSON form plus a `freshness` summary per vehicle. Shared by
 * `status --cached` and `status --hub`, which differ only in where the values come from.
 */
export function printHeldVehicles(context: CliContext, output: HeldVehiclesOutput): void {
  const { stdout } = context.io;
  const { vehicles, now, staleAfterMs } = output;
  if (output.json) {
    const entries = vehicles.map((vehicle) => ({
      ...vehicleToJSON(vehicle.snapshot),
      freshness: freshnessJSON(vehicle, now, staleAfterMs),
    }));
    stdout.write(`${JSON.stringify(output.single ? entries[0] : entries, null, 2)}\n`);
    return;
  }
  const blocks = vehicles.map((vehicle) =>
    renderVehicleStatus(vehicleToJSON(vehicle.snapshot), context.stdoutColors, {
      ageOf: (path) => vehicle.ageOf(path),
      leadLines: [['Last known', lastKnownText(vehicle, now, staleAfterMs) ?? 'nothing yet']],
    }),
  );
  const count = vehicles.length === 1 ? '1 vehicle' : `${vehicles.length} vehicles`;
  stdout.write(`${[output.heading(count), ...blocks].join('\n\n')}\n`);
}
