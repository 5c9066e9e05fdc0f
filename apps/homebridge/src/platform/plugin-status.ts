import type { CarDataLiveBudget } from '@bimmer/cardata';
import { type LiveAccount, type LiveBudget, newestFieldTime, staleSince } from '@bimmer/core';
import { settingsForVehicle } from '../config/parse-platform-config';
import type { PlatformSettings } from '../config/platform-config';
import { maskVin } from '../log/mask-vin';
import { vehicleValues } from '../mapping/vehicle-values';

/** File name of the status the running plugin shares with its settings page. */
export const STATUS_FILE = 'homebridge-status.json';

/** One vehicle as the settings page shows it: no full VIN, no position. */
export interface VehicleStatus {
  readonly name: string;
  readonly vin: string;
  readonly shown: boolean;
  readonly batteryPercent: number | undefined;
  readonly charging: boolean | undefined;
  readonly pluggedIn: boolean | undefined;
  readonly locked: boolean | undefined;
  readonly doorsOpen: boolean | undefined;
  readonly windowsOpen: boolean | undefined;
  readonly atHome: boolean | undefined;
  /** When the newest value was measured (ISO). */
  readonly updatedAt: string;
  readonly stale: boolean;
  readonly restored: boolean;
}

/** What the running plugin tells its settings page (the page runs in another process). */
export interface PluginStatus {
  readonly writtenAt: string;
  readonly pid: number;
  readonly transport: string;
  readonly connection: {
    readonly state: string;
    readonly reason?: string | undefined;
    readonly since: string;
  };
  readonly budget: BudgetStatus | undefined;
  readonly vehicles: readonly VehicleStatus[];
}

/** One vehicle's automatic REST reads, as the budget policy plans them (CarData). */
export interface VehicleReadStatus {
  /** Masked. */
  readonly vin: string;
  /** When the next automatic read is planned (ISO); undefined when none can be. */
  readonly nextReadAt: string | undefined;
  /** Why it is wanted: `first-read`, `rest-only-data` (lock state, services) or `stream-silent`. */
  readonly reason: string;
  /** What holds it back: `daily-limit`, `reserve`, `quota` or `disabled`. */
  readonly heldBy: string | undefined;
  readonly lastRestReadAt: string | undefined;
  readonly automaticReadsToday: number;
}

/** The REST budget as the settings page shows it: BMW's calls and the live account's plan. */
export interface BudgetStatus {
  readonly used: number;
  readonly left: number;
  readonly limit: number;
  /** Calls kept for explicit reads; automatic reads never spend them. */
  readonly reserve: number;
  readonly nextFreeAt: string;
  /** The next automatic REST read of any vehicle (ISO). */
  readonly nextRestReadAt?: string | undefined;
  /** BMW reported the quota used up until then (ISO). */
  readonly blockedUntil?: string | undefined;
  /** The plan in one sentence, without a VIN. */
  readonly summary?: string | undefined;
  /** Per vehicle, in the account's order. */
  readonly vehicles: readonly VehicleReadStatus[];
}

/**
 * The status of a live account for the settings page: connection, budget and each vehicle's last
 * values with their age, masked and without any position.
 */
export function pluginStatus(account: LiveAccount, settings: PlatformSettings, now: number): PluginStatus {
  const budget = account.budget;
  return {
    writtenAt: new Date(now).toISOString(),
    pid: process.pid,
    transport: settings.transport,
    connection: {
      state: account.connection.state,
      reason: account.connection.reason,
      since: account.connection.since.toISOString(),
    },
    budget: budget === undefined ? undefined : budgetStatus(budget),
    vehicles: account.vehicles.map((vehicle) => {
      const vehicleSettings = settingsForVehicle(settings, vehicle.vin);
      const values = vehicleValues(vehicle.snapshot, vehicleSettings ?? settings.defaults);
      const occupancy = values.occupancy;
      return {
        name: vehicleSettings?.name ?? vehicle.snapshot.name ?? 'Vehicle',
        vin: maskVin(vehicle.vin),
        shown: vehicleSettings !== undefined,
        batteryPercent: values.battery?.level,
        charging: occupancy.charging === undefined ? undefined : occupancy.charging === 1,
        pluggedIn: occupancy.pluggedIn === undefined ? undefined : occupancy.pluggedIn === 1,
        locked:
          values.lock === undefined || values.lock.current === 3 ? undefined : values.lock.current === 1,
        doorsOpen: values.contacts.doors === undefined ? undefined : values.contacts.doors === 1,
        windowsOpen: values.contacts.windows === undefined ? undefined : values.contacts.windows === 1,
        atHome: occupancy.atHome === undefined ? undefined : occupancy.atHome === 1,
        updatedAt: newestFieldTime(vehicle.snapshot).toISOString(),
        stale:
          staleSince(vehicle.snapshot, (vehicleSettings ?? settings.defaults).staleAfterMs, now) !==
          undefined,
        restored: vehicle.restored,
      };
    }),
  };
}

/**
 * The budget for the page: the contract's numbers, and the CarData live account's plan (its
 * sentence and each vehicle's next automatic read) when the transport has one.
 */
export function budgetStatus(
  budget: LiveBudget & Partial<Pick<CarDataLiveBudget, 'vehicles'>>,
): BudgetStatus {
  return {
    used: budget.used,
    left: budget.left,
    limit: budget.limit,
    reserve: budget.reserve,
    nextFreeAt: budget.nextFreeAt.toISOString(),
    nextRestReadAt: budget.nextRestReadAt?.toISOString(),
    blockedUntil: budget.blockedUntil?.toISOString(),
    summary: budget.summary,
    vehicles: (Array.isArray(budget.vehicles) ? budget.vehicles : []).map((plan) => ({
      vin: maskVin(plan.vin),
      nextReadAt: plan.nextReadAt?.toISOString(),
      reason: plan.reason,
      heldBy: plan.heldBy,
      lastRestReadAt: plan.lastRestReadAt?.toISOString(),
      automaticReadsToday: plan.automaticReadsToday,
    })),
  };
}
