// Writes `fixtures/cardata/scenarios/commuter-week.json` to stdout: a week of our BEV
// (WBASIMCARDATA0001, an i4 eDrive40) driving to work and back on weekdays, a longer trip on
// Saturday, an errand on Sunday, and charging at home on the evenings its battery is at 50 % or
// less (it stays plugged in until it leaves again). Every value is invented. Regenerate with
//   node packages/simulator/scripts/commuter-week.mjs > fixtures/cardata/scenarios/commuter-week.json
// (a test checks that the committed file is this script's output).
//
// The timeline starts at midnight (set the simulator clock to a Monday 00:00 first when days
// matter); no step carries a timestamp, so the simulator stamps each with its time on its clock.

const VIN = 'WBASIMCARDATA0001';
const HOUR = 3_600_000;
const DAY = 24 * HOUR;
const HOME = { latitude: 52.5163, longitude: 13.3777 };
const WORK = { latitude: 52.4862, longitude: 13.4213 };
const LAKE = { latitude: 52.4213, longitude: 13.1792 };
const BAKERY = { latitude: 52.5208, longitude: 13.3902 };
/** Consumption in battery percent per km (about 17 kWh/100 km of an 81 kWh battery). */
const PERCENT_PER_KM = 0.2;
/** Electric range per battery percent, in km. */
const KM_PER_PERCENT = 4.5;
/** Charging at home: 11 kW AC, about 13 % an hour. */
const PERCENT_PER_HOUR = 13;
const TARGET = 80;

const steps = [];
const car = { soc: 64, mileage: 23512, plugged: false, at: HOME };

function send(at, data) {
  const entries = Object.fromEntries(
    Object.entries(data).map(([descriptor, [value, unit]]) => [
      descriptor,
      unit === undefined ? { value } : { value, unit },
    ]),
  );
  steps.push({ afterMs: Math.round(at), message: { vin: VIN, data: entries } });
}

function position(place, heading) {
  return {
    'vehicle.cabin.infotainment.navigation.currentLocation.latitude': [place.latitude, 'degrees'],
    'vehicle.cabin.infotainment.navigation.currentLocation.longitude': [place.longitude, 'degrees'],
    'vehicle.cabin.infotainment.navigation.currentLocation.heading': [heading, 'degrees'],
  };
}

function battery() {
  const soc = Math.round(car.soc);
  return {
    'vehicle.drivetrain.batteryManagement.header': [soc, 'percent'],
    'vehicle.drivetrain.electricEngine.kombiRemainingElectricRange': [Math.round(soc * KM_PER_PERCENT), 'km'],
  };
}

/** Unlock, unplug when plugged, get in, drive `km` to `to`, get out, lock. */
function trip(start, km, minutes, to, heading) {
  send(start, {
    'vehicle.cabin.door.status': ['ASN_unlocked'],
    'vehicle.body.trunk.isLocked': [false],
  });
  if (car.plugged) {
    car.plugged = false;
    send(start + 30_000, {
      'vehicle.body.chargingPort.status': ['DISCONNECTED'],
      'vehicle.drivetrain.electricEngine.charging.status': ['NOCHARGING'],
    });
  }
  send(start + 60_000, { 'vehicle.cabin.door.row1.driver.isOpen': ['OPEN'] });
  send(start + 80_000, {
    'vehicle.cabin.door.row1.driver.isOpen': ['CLOSED'],
    'vehicle.drivetrain.engine.isIgnitionOn': ['ASN_isTrue'],
  });
  const departed = start + 120_000;
  send(departed, { 'vehicle.isMoving': ['ASN_isTrue'] });
  const middle = {
    latitude: Number(((car.at.latitude + to.latitude) / 2).toFixed(4)),
    longitude: Number(((car.at.longitude + to.longitude) / 2).toFixed(4)),
  };
  send(departed + (minutes / 2) * 60_000, position(middle, heading));
  const arrived = departed + minutes * 60_000;
  car.soc -= km * PERCENT_PER_KM;
  car.mileage += km;
  car.at = to;
  send(arrived, {
    'vehicle.isMoving': ['ASN_isFalse'],
    'vehicle.drivetrain.engine.isIgnitionOn': ['ASN_isFalse'],
    'vehicle.vehicle.travelledDistance': [car.mileage, 'km'],
    ...position(to, heading),
    ...battery(),
  });
  send(arrived + 20_000, { 'vehicle.cabin.door.row1.driver.isOpen': ['OPEN'] });
  send(arrived + 40_000, { 'vehicle.cabin.door.row1.driver.isOpen': ['CLOSED'] });
  send(arrived + 60_000, {
    'vehicle.cabin.door.status': ['ASN_secured'],
    'vehicle.body.trunk.isLocked': [true],
  });
  return arrived + 60_000;
}

/** Plugs in at home when the battery is at 50 % or less and charges to the target, hour by hour. */
function chargeIfLow(start) {
  if (car.soc > 50) return;
  car.plugged = true;
  send(start, { 'vehicle.body.chargingPort.status': ['CONNECTED'] });
  const hoursLeft = () => Math.round(((TARGET - car.soc) / PERCENT_PER_HOUR) * 60);
  send(start + 60_000, {
    'vehicle.drivetrain.electricEngine.charging.hvStatus': ['CHARGING'],
    'vehicle.drivetrain.electricEngine.charging.status': ['CHARGINGACTIVE'],
    'vehicle.drivetrain.electricEngine.charging.timeRemaining': [hoursLeft(), 'min'],
  });
  let at = start + 60_000;
  while (car.soc < TARGET) {
    at += HOUR;
    car.soc = Math.min(TARGET, car.soc + PERCENT_PER_HOUR);
    const done = car.soc >= TARGET;
    send(at, {
      ...battery(),
      'vehicle.drivetrain.electricEngine.charging.timeRemaining': [hoursLeft(), 'min'],
      ...(done
        ? {
            'vehicle.drivetrain.electricEngine.charging.hvStatus': ['NOT_CHARGING'],
            'vehicle.drivetrain.electricEngine.charging.status': ['CHARGINGENDED'],
          }
        : {}),
    });
  }
}

for (let day = 0; day < 7; day++) {
  const midnight = day * DAY;
  if (day < 5) {
    trip(midnight + 7.5 * HOUR, 18, 28, WORK, 135);
    const home = trip(midnight + 17.25 * HOUR, 18, 33, HOME, 315);
    chargeIfLow(home + 40 * 60_000);
  } else if (day === 5) {
    trip(midnight + 10 * HOUR, 40, 45, LAKE, 240);
    const home = trip(midnight + 15 * HOUR, 40, 50, HOME, 60);
    chargeIfLow(home + 30 * 60_000);
  } else {
    trip(midnight + 11 * HOUR, 2, 8, BAKERY, 70);
    trip(midnight + 11.5 * HOUR, 2, 8, HOME, 250);
  }
}

const lines = steps.map((step) => `    ${JSON.stringify(step)}`);
process.stdout.write(
  `{\n  "name": "commuter-week",\n  "speed": 1,\n  "steps": [\n${lines.join(',\n')}\n  ]\n}\n`,
);
