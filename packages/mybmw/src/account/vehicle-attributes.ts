import type {
  CarBrand,
  ChargingProfile,
  CheckControlMessageReport,
  Climate,
  ConditionBasedServiceReport,
  DoorsAndWindows,
  DriveTrainType,
  FuelAndBattery,
  Headunit,
  LscType,
  Tires,
  ValueWithUnit,
  VehicleLocation,
  VehicleSnapshot,
} from '@bimmer/core';

/**
 * bimmer_connected's vehicle properties (`vehicle.fuel_and_battery`, `vehicle.is_remote_lock_enabled`,
 * `vehicle.available_attributes`, …) in camelCase, as read-only getters over the current `snapshot`.
 * Every property of the reference's JSON output is here, so code written against the Python library
 * translates name by name. The values are @bimmer/core's parsed ones: a block the vehicle did not
 * report is `undefined` (Python keeps an empty default object instead).
 */
export abstract class VehicleAttributes {
  /** The parsed state these getters read; replaced on every successful refresh. */
  abstract get snapshot(): VehicleSnapshot;

  /** The brand (`bmw`, `mini`, `toyota`); decides the `x-user-agent` of this vehicle's requests. */
  get brand(): CarBrand {
    return this.snapshot.brand;
  }

  /** The model name, e.g. `i4 eDrive40` (the profile's `model`; empty when it has none). */
  get name(): string {
    return this.snapshot.name ?? '';
  }

  /** The drive train (`ELECTRIC`, `PLUGIN_HYBRID`, `COMBUSTION`, …; `UNKNOWN` for unknown values). */
  get driveTrain(): DriveTrainType {
    return this.snapshot.driveTrain;
  }

  /** The odometer, in km (`undefined` before the first state). */
  get mileage(): ValueWithUnit | undefined {
    return this.snapshot.mileage;
  }

  /** When the vehicle last reported its state (the latest `lastFetched`). */
  get timestamp(): Date | undefined {
    return this.snapshot.timestamp;
  }

  /** The last-state-call type (`ACTIVATED`, `NOT_CAPABLE`, …). */
  get lscType(): LscType {
    return this.snapshot.lscType;
  }

  // Blocks, in the reference's order.

  /** Fuel, battery, ranges and charging status. */
  get fuelAndBattery(): FuelAndBattery | undefined {
    return this.snapshot.fuelAndBattery;
  }

  /** Position (WGS-84; converted from GCJ-02 for China accounts), heading and its timestamp. */
  get vehicleLocation(): VehicleLocation | undefined {
    return this.snapshot.vehicleLocation;
  }

  /** Lock state, doors, lids and windows. */
  get doorsAndWindows(): DoorsAndWindows | undefined {
    return this.snapshot.doorsAndWindows;
  }

  /** Condition-based services (maintenance items). */
  get conditionBasedServices(): ConditionBasedServiceReport | undefined {
    return this.snapshot.conditionBasedServices;
  }

  /** Check-control messages (instrument-cluster warnings). */
  get checkControlMessages(): CheckControlMessageReport | undefined {
    return this.snapshot.checkControlMessages;
  }

  /** The head unit (iDrive version, type, software version). */
  get headunit(): Headunit | undefined {
    return this.snapshot.headunit;
  }

  /** Climate activity and when it ends. */
  get climate(): Climate | undefined {
    return this.snapshot.climate;
  }

  /** The charging profile; `undefined` when the vehicle has none. */
  get chargingProfile(): ChargingProfile | undefined {
    return this.snapshot.chargingProfile;
  }

  /** Tyre pressures; `undefined` when the vehicle reports none. */
  get tires(): Tires | undefined {
    return this.snapshot.tires;
  }

  // Derived from the drive train.

  /** The drive train has a combustion engine. */
  get hasCombustionDrivetrain(): boolean {
    return this.snapshot.hasCombustionDrivetrain;
  }

  /** The drive train has a high-voltage battery. */
  get hasElectricDrivetrain(): boolean {
    return this.snapshot.hasElectricDrivetrain;
  }

  /** Names (camelCase) of the attributes that exist for this drive train, in the reference's order. */
  get driveTrainAttributes(): readonly string[] {
    return this.snapshot.driveTrainAttributes;
  }

  /** Names (camelCase) of the attributes this vehicle reports, in the reference's order. */
  get availableAttributes(): readonly string[] {
    return this.snapshot.availableAttributes;
  }

  // Capability flags.

  /** The vehicle has a charging plan (`isChargingPlanSupported`). */
  get isChargingPlanSupported(): boolean {
    return this.snapshot.isChargingPlanSupported;
  }

  /** The vehicle has charging settings (`isChargingSettingsEnabled`). */
  get isChargingSettingsSupported(): boolean {
    return this.snapshot.isChargingSettingsSupported;
  }

  /** The vehicle sends its last state (`state.isLscSupported`). */
  get isLscEnabled(): boolean {
    return this.snapshot.isLscEnabled;
  }

  /** Charging can be started remotely. */
  get isRemoteChargeStartEnabled(): boolean {
    return this.snapshot.isRemoteChargeStartEnabled;
  }

  /** Charging can be stopped remotely. */
  get isRemoteChargeStopEnabled(): boolean {
    return this.snapshot.isRemoteChargeStopEnabled;
  }

  /** Climatisation can be started remotely. */
  get isRemoteClimateStartEnabled(): boolean {
    return this.snapshot.isRemoteClimateStartEnabled;
  }

  /** Climatisation can be stopped remotely (the state has a `climateControlState`). */
  get isRemoteClimateStopEnabled(): boolean {
    return this.snapshot.isRemoteClimateStopEnabled;
  }

  /** The horn can be blown remotely. */
  get isRemoteHornEnabled(): boolean {
    return this.snapshot.isRemoteHornEnabled;
  }

  /** The lights can be flashed remotely. */
  get isRemoteLightsEnabled(): boolean {
    return this.snapshot.isRemoteLightsEnabled;
  }

  /** The doors can be locked remotely. */
  get isRemoteLockEnabled(): boolean {
    return this.snapshot.isRemoteLockEnabled;
  }

  /** A point of interest can be sent to the navigation. */
  get isRemoteSendpoiEnabled(): boolean {
    return this.snapshot.isRemoteSendpoiEnabled;
  }

  /** The AC charging current limit can be set remotely. */
  get isRemoteSetAcLimitEnabled(): boolean {
    return this.snapshot.isRemoteSetAcLimitEnabled;
  }

  /** The target state of charge can be set remotely. */
  get isRemoteSetTargetSocEnabled(): boolean {
    return this.snapshot.isRemoteSetTargetSocEnabled;
  }

  /** The doors can be unlocked remotely. */
  get isRemoteUnlockEnabled(): boolean {
    return this.snapshot.isRemoteUnlockEnabled;
  }

  /** Deprecated in the reference: always false. */
  get isVehicleActive(): boolean {
    return this.snapshot.isVehicleActive;
  }

  /** The vehicle finder may return a position (`capabilities.vehicleFinder`). */
  get isVehicleTrackingEnabled(): boolean {
    return this.snapshot.isVehicleTrackingEnabled;
  }
}
