import { CAR_BRAND_NAMES, type VehicleSnapshot } from '@bimmer/core';
import { maskVin } from '../log/mask-vin';

/** What AccessoryInformation shows. */
export interface InformationValues {
  readonly manufacturer: string;
  readonly model: string;
  /** The VIN masked: the serial is visible to everyone in the home. */
  readonly serialNumber: string;
  /** The head unit's software as HAP's dotted version (`2021.11.70` for `11/2021.70`), when known. */
  readonly firmwareRevision: string | undefined;
}

/** Brand, model, masked serial and head-unit software of a vehicle. */
export function informationValues(snapshot: VehicleSnapshot): InformationValues {
  const manufacturer = CAR_BRAND_NAMES[snapshot.brand] ?? 'BMW';
  return {
    manufacturer,
    model: snapshot.name ?? snapshot.bodyType ?? manufacturer,
    serialNumber: maskVin(snapshot.vin),
    firmwareRevision: firmwareOf(snapshot.headunit?.softwareVersion),
  };
}

/**
 * HAP wants `major.minor.patch` numbers; BMW writes `MM/YYYY.ISTEP` (`11/2021.70`). Other shapes
 * keep their leading dotted numbers, or none.
 */
export function firmwareOf(version: string | undefined): string | undefined {
  if (version === undefined) return undefined;
  const bmw = /^(\d{1,2})\/(\d{4})\.(\d+)$/.exec(version.trim());
  if (bmw !== null) return `${Number(bmw[2])}.${Number(bmw[1])}.${Number(bmw[3])}`;
  const dotted = /^\d+(\.\d+){0,2}/.exec(version.trim());
  return dotted?.[0];
}
