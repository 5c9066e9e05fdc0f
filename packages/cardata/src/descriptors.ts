/** How a descriptor's value is typed once read (REST sends every value as a string). */
export type DescriptorKind = 'number' | 'boolean' | 'string' | 'json';

/**
 * The telematic descriptors bimmer maps onto the core models, with the type of their value. Written
 * by us from the published descriptor names; docs/cardata-api-notes.md says which of them stream.
 */
export const CARDATA_DESCRIPTORS = {
  // Battery, range, fuel, mileage
  batteryHeader: ['vehicle.drivetrain.batteryManagement.header', 'number'],
  stateOfChargeDisplayed: ['vehicle.powertrain.electric.battery.stateOfCharge.displayed', 'number'],
  chargingLevel: ['vehicle.drivetrain.electricEngine.charging.level', 'number'],
  electricRange: ['vehicle.drivetrain.electricEngine.kombiRemainingElectricRange', 'number'],
  electricRangeEstimate: ['vehicle.drivetrain.electricEngine.remainingElectricRange', 'number'],
  totalRange: ['vehicle.drivetrain.totalRemainingRange', 'number'],
  lastRemainingRange: ['vehicle.drivetrain.lastRemainingRange', 'number'],
  remainingFuel: ['vehicle.drivetrain.fuelSystem.remainingFuel', 'number'],
  fuelLevel: ['vehicle.drivetrain.fuelSystem.level', 'number'],
  mileage: ['vehicle.vehicle.travelledDistance', 'number'],
  // Charging
  chargingStatus: ['vehicle.drivetrain.electricEngine.charging.status', 'string'],
  chargingHvStatus: ['vehicle.drivetrain.electricEngine.charging.hvStatus', 'string'],
  chargingPortStatus: ['vehicle.body.chargingPort.status', 'string'],
  isPlugged: ['vehicle.powertrain.tractionBattery.charging.port.anyPosition.isPlugged', 'boolean'],
  chargingTimeRemaining: ['vehicle.drivetrain.electricEngine.charging.timeRemaining', 'number'],
  chargingTarget: ['vehicle.powertrain.electric.battery.stateOfCharge.target', 'number'],
  acLimit: ['vehicle.powertrain.electric.battery.charging.acLimit.selected', 'number'],
  // Doors, windows, lids, locks
  lockStatus: ['vehicle.cabin.door.lock.status', 'string'],
  doorStatus: ['vehicle.cabin.door.status', 'string'],
  driverFrontOpen: ['vehicle.cabin.door.row1.driver.isOpen', 'boolean'],
  passengerFrontOpen: ['vehicle.cabin.door.row1.passenger.isOpen', 'boolean'],
  driverRearOpen: ['vehicle.cabin.door.row2.driver.isOpen', 'boolean'],
  passengerRearOpen: ['vehicle.cabin.door.row2.passenger.isOpen', 'boolean'],
  trunkOpen: ['vehicle.body.trunk.isOpen', 'boolean'],
  trunkLocked: ['vehicle.body.trunk.isLocked', 'boolean'],
  hoodOpen: ['vehicle.body.hood.isOpen', 'boolean'],
  windowDriverFront: ['vehicle.cabin.window.row1.driver.status', 'string'],
  windowPassengerFront: ['vehicle.cabin.window.row1.passenger.status', 'string'],
  windowDriverRear: ['vehicle.cabin.window.row2.driver.status', 'string'],
  windowPassengerRear: ['vehicle.cabin.window.row2.passenger.status', 'string'],
  sunroofStatus: ['vehicle.cabin.sunroof.status', 'string'],
  // Position
  latitude: ['vehicle.cabin.infotainment.navigation.currentLocation.latitude', 'number'],
  longitude: ['vehicle.cabin.infotainment.navigation.currentLocation.longitude', 'number'],
  heading: ['vehicle.cabin.infotainment.navigation.currentLocation.heading', 'number'],
  // Climate and activity
  climateActivity: ['vehicle.vehicle.preConditioning.activity', 'string'],
  isMoving: ['vehicle.isMoving', 'boolean'],
  // Tyres
  tireFrontLeftPressure: ['vehicle.chassis.axle.row1.wheel.left.tire.pressure', 'number'],
  tireFrontRightPressure: ['vehicle.chassis.axle.row1.wheel.right.tire.pressure', 'number'],
  tireRearLeftPressure: ['vehicle.chassis.axle.row2.wheel.left.tire.pressure', 'number'],
  tireRearRightPressure: ['vehicle.chassis.axle.row2.wheel.right.tire.pressure', 'number'],
  tireFrontLeftTarget: ['vehicle.chassis.axle.row1.wheel.left.tire.pressureTarget', 'number'],
  tireFrontRightTarget: ['vehicle.chassis.axle.row1.wheel.right.tire.pressureTarget', 'number'],
  tireRearLeftTarget: ['vehicle.chassis.axle.row2.wheel.left.tire.pressureTarget', 'number'],
  tireRearRightTarget: ['vehicle.chassis.axle.row2.wheel.right.tire.pressureTarget', 'number'],
  // Services and check-control messages (REST only)
  conditionBasedServices: ['vehicle.status.conditionBasedServices', 'json'],
  checkControlMessages: ['vehicle.status.checkControlMessages', 'json'],
  // 12 V battery
  lowVoltageSoc: ['vehicle.electricalSystem.battery.stateOfCharge', 'number'],
  lowVoltage: ['vehicle.electricalSystem.battery.voltage', 'number'],
} as const satisfies Record<string, readonly [string, DescriptorKind]>;

/** A short name of a mapped descriptor. */
export type DescriptorName = keyof typeof CARDATA_DESCRIPTORS;

/** The descriptor key of a short name. */
export function descriptorKey(name: DescriptorName): string {
  return CARDATA_DESCRIPTORS[name][0];
}

const KIND_BY_KEY = new Map<string, DescriptorKind>(
  Object.values(CARDATA_DESCRIPTORS).map(([key, kind]) => [key, kind]),
);

/** The value kind of a descriptor key, when bimmer knows it. */
export function descriptorKind(key: string): DescriptorKind | undefined {
  return KIND_BY_KEY.get(key);
}

/** Every mapped descriptor key: the default content of bimmer's container. */
export const DEFAULT_CONTAINER_DESCRIPTORS: readonly string[] = Object.values(CARDATA_DESCRIPTORS).map(
  ([key]) => key,
);
