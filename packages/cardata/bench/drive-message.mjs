// One message of a long drive, shared by the benchmark and its simulator child.
const VIN = 'WBASIMCARDATA0001';

/** Message `index` of a long drive: a new state of charge, mileage and position each time, the trunk every 10th. */
export function driveMessage(base, index) {
  const timestamp = new Date(base + index * 1000).toISOString();
  const entry = (value) => ({ value, timestamp });
  return {
    vin: VIN,
    topic: VIN,
    timestamp,
    data: {
      'vehicle.drivetrain.batteryManagement.header': entry(20 + (index % 70)),
      'vehicle.vehicle.travelledDistance': entry(30_000 + index),
      'vehicle.cabin.infotainment.navigation.currentLocation.latitude': entry(52.4 + (index % 1000) / 10_000),
      'vehicle.cabin.infotainment.navigation.currentLocation.longitude': entry(
        13.3 + (index % 1000) / 10_000,
      ),
      'vehicle.body.trunk.isOpen': entry(Math.floor(index / 10) % 2 === 1),
    },
  };
}
