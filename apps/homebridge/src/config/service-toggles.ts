/**
 * The services a vehicle accessory can show, each switched on or off in the configuration. The
 * defaults show what is useful and honest on every transport; the state-of-charge humidity tile and
 * per-door sensors are opt-in because they add tiles.
 */
export interface ServiceToggles {
  /** Battery: level, charging state, low battery (fuel level for a combustion car). */
  readonly battery: boolean;
  /** The state of charge as a humidity sensor, so Home automations can trigger on it. */
  readonly stateOfChargeSensor: boolean;
  /** One contact sensor "Doors" (open when any door is open). */
  readonly doors: boolean;
  /** One contact sensor per door instead of the single "Doors" sensor. */
  readonly doorsPerDoor: boolean;
  readonly windows: boolean;
  readonly trunk: boolean;
  readonly hood: boolean;
  readonly sunroof: boolean;
  /** The lock: its state from the car; it locks and unlocks only over MyBMW. */
  readonly lock: boolean;
  /** Occupancy sensor "Plugged in". */
  readonly pluggedIn: boolean;
  /** Occupancy sensor "Charging". */
  readonly charging: boolean;
  /** Occupancy sensor "At home" (needs a home geofence). */
  readonly atHome: boolean;
  /** Motion sensor "In use" (a trip started, until it ends). */
  readonly inUse: boolean;
  /** Climate: a switch over MyBMW, a read-only sensor over CarData. */
  readonly climate: boolean;
}

/** The name of a toggle. */
export type ServiceToggleName = keyof ServiceToggles;

/** What every vehicle shows unless the configuration says otherwise. */
export const DEFAULT_SERVICE_TOGGLES: ServiceToggles = {
  battery: true,
  stateOfChargeSensor: false,
  doors: true,
  doorsPerDoor: false,
  windows: true,
  trunk: true,
  hood: true,
  sunroof: true,
  lock: true,
  pluggedIn: true,
  charging: true,
  atHome: true,
  inUse: true,
  climate: true,
};

/** Every toggle name, in the order the settings page lists them. */
export const SERVICE_TOGGLE_NAMES = Object.keys(DEFAULT_SERVICE_TOGGLES) as ServiceToggleName[];
