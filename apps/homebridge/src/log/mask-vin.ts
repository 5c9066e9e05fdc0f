/**
 * A VIN as the plugin may show it: the manufacturer prefix and the last four characters, the rest
 * starred (`WBA**********0001`). Enough to tell two cars of one account apart in a log or in the
 * Home app's serial number, never enough to identify the car.
 */
export function maskVin(vin: string): string {
  if (vin.length <= 7) return '*'.repeat(vin.length);
  return `${vin.slice(0, 3)}${'*'.repeat(vin.length - 7)}${vin.slice(-4)}`;
}
