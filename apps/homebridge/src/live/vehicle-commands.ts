/** A step of a command, for the log ("lock: DELIVERED after 2 s"). */
export interface CommandProgress {
  readonly state: string;
  readonly elapsedMs: number;
}

/**
 * What the plugin can ask the car to do beyond reading. Not part of the live-account contract
 * (CarData is read-only); the MyBMW transport provides it through `@bimmer/remote`.
 */
export interface VehicleCommands {
  /** Lock and unlock reach the car. */
  readonly canLock: boolean;
  /** Climate can be started and stopped. */
  readonly canClimate: boolean;
  /** Locks (`true`) or unlocks the doors; resolves once the car executed it, rejects otherwise. */
  setLocked(vin: string, locked: boolean, onProgress: (progress: CommandProgress) => void): Promise<void>;
  /** Starts (`true`) or stops climatisation. */
  setClimate(vin: string, on: boolean, onProgress: (progress: CommandProgress) => void): Promise<void>;
}
