import { CarBrand, DriveTrainType, parseCarBrand } from '@bimmer/core';
import type { VehicleBasicDataDto } from '../rest/schemas';

/**
 * basicData `brand` onto the core brand, read as everywhere else (`parseCarBrand`); what it does not
 * know (BMW Motorrad, Rolls-Royce) counts as BMW, whose app and API serve it.
 */
export function brandOf(basicData: VehicleBasicDataDto | undefined): CarBrand {
  return parseCarBrand(basicData?.brand) ?? CarBrand.BMW;
}

/**
 * basicData `driveTrain` onto the core drive train. `propulsionType` is not used: a petrol car
 * reports "BE" there.
 */
export function driveTrainOf(basicData: VehicleBasicDataDto | undefined): DriveTrainType {
  switch ((basicData?.driveTrain ?? '').toUpperCase()) {
    case 'CONV':
    case 'COMBUSTION':
      return DriveTrainType.COMBUSTION;
    case 'PHEV':
      return DriveTrainType.PLUGIN_HYBRID;
    case 'BEV':
      return DriveTrainType.ELECTRIC;
    case 'REX':
    case 'BEV_REX':
      return DriveTrainType.ELECTRIC_WITH_RANGE_EXTENDER;
    case 'MHEV':
      return DriveTrainType.MILD_HYBRID;
    case 'HEV':
    case 'HYBRID':
      return DriveTrainType.HYBRID;
    default:
      return DriveTrainType.UNKNOWN;
  }
}

/** The construction year from basicData (`2022-10-17T00:00:00.000+0000`). */
export function constructionYearOf(basicData: VehicleBasicDataDto | undefined): number | undefined {
  const match = /^(\d{4})-/.exec(basicData?.constructionDate ?? '');
  return match === null ? undefined : Number(match[1]);
}
