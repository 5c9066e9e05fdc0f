import type { VehicleSettings } from '../config/platform-config';
import { homeKitName } from './home-kit-name';
import type { VehicleValues } from './vehicle-values';

/** The HAP service a planned tile uses. */
export type ServiceKind = 'battery' | 'humidity' | 'contact' | 'lock' | 'occupancy' | 'motion' | 'switch';

/** One tile of a vehicle's accessory. */
export interface PlannedService {
  readonly kind: ServiceKind;
  /** Stable id within the accessory (HAP subtype); never changes for the same tile. */
  readonly subtype: string;
  /** The name Home and Siri use, with the vehicle's prefix. */
  readonly name: string;
}

/** What the transport can do beyond reading. */
export interface TransportAbilities {
  /** Lock and unlock really reach the car (MyBMW). */
  readonly canLock: boolean;
  /** Climate can be started and stopped (MyBMW). */
  readonly canClimate: boolean;
}

/**
 * The tiles of a vehicle: each toggled service that the car has data for (a combustion car gets no
 * "Charging" tile, a car without a sunroof no "Sunroof", a car that reports neither its driving state
 * nor its odometer nor its position no "In use"). Over MyBMW the lock and the climate switch
 * exist as soon as the car can be commanded; over CarData the climate is a read-only sensor.
 */
export function planServices(
  values: VehicleValues,
  settings: VehicleSettings,
  abilities: TransportAbilities,
): PlannedService[] {
  const on = settings.services;
  const name = (label: string) =>
    homeKitName(settings.namePrefix === undefined ? label : `${settings.namePrefix} ${label}`, label);
  const plan: PlannedService[] = [];
  const add = (kind: ServiceKind, subtype: string, label: string) =>
    plan.push({ kind, subtype, name: name(label) });
  const { contacts, occupancy } = values;

  if (on.battery && values.battery !== undefined) add('battery', 'battery', 'Battery');
  if (on.stateOfChargeSensor && values.stateOfCharge !== undefined)
    add('humidity', 'state-of-charge', 'State of charge');
  if (on.lock && (values.lock !== undefined || abilities.canLock)) add('lock', 'lock', 'Lock');
  if (on.doors) {
    if (on.doorsPerDoor && contacts.perDoor.length > 0) {
      for (const door of contacts.perDoor) add('contact', `door-${door.key}`, door.label);
    } else if (contacts.doors !== undefined) {
      add('contact', 'doors', 'Doors');
    }
  }
  if (on.windows && contacts.windows !== undefined) add('contact', 'windows', 'Windows');
  if (on.trunk && contacts.trunk !== undefined) add('contact', 'trunk', 'Trunk');
  if (on.hood && contacts.hood !== undefined) add('contact', 'hood', 'Hood');
  if (on.sunroof && contacts.sunroof !== undefined) add('contact', 'sunroof', 'Sunroof');
  if (on.pluggedIn && occupancy.pluggedIn !== undefined) add('occupancy', 'plugged-in', 'Plugged in');
  if (on.charging && occupancy.charging !== undefined) add('occupancy', 'charging', 'Charging');
  if (on.atHome && occupancy.atHome !== undefined) add('occupancy', 'at-home', 'At home');
  if (on.inUse && values.reportsTrips) add('motion', 'in-use', 'In use');
  if (on.climate) {
    if (abilities.canClimate) add('switch', 'climate', 'Climate');
    else if (values.climateOn !== undefined) add('occupancy', 'climate', 'Climate');
  }
  return plan;
}
