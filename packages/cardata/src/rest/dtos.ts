/** One vehicle mapped to the account (`GET /customers/vehicles/mappings`). */
export interface VehicleMappingDto {
  vin: string;
  mappedSince?: string;
  /** Only PRIMARY users get data. */
  mappingType: 'PRIMARY' | 'SECONDARY' | (string & {});
}

/** `GET /customers/vehicles/{vin}/basicData` (`VehicleDto`); every field may be missing. */
export interface VehicleBasicDataDto {
  vin?: string;
  brand?: 'BMW' | 'BMWi' | 'BMW Motorrad' | 'Toyota-Supra' | 'MINI' | 'Rolls-Royce' | (string & {});
  isTelematicsCapable?: boolean;
  puStep?: string;
  modelRange?: string;
  series?: string;
  seriesDevt?: string;
  modelName?: string;
  modelKey?: string;
  bodyType?: string;
  numberOfDoors?: number;
  hasNavi?: boolean;
  headUnit?: string;
  hasSunRoof?: boolean;
  countryCodeISO?: string;
  countryCode?: string;
  steering?: string;
  engine?: string;
  /** e.g. CONV, PHEV, BEV. */
  driveTrain?: string;
  chargingModes?: string[];
  /** Not dependable: a petrol car reports "BE" (Benzin). */
  propulsionType?: string;
  colourCode?: string;
  colourCodeRaw?: string;
  colourDescription?: string;
  constructionDate?: string;
  fullSAList?: string;
  hvsMaxEnergyAbsolute?: string;
  simStatus?: string;
  reessNominalCapacityGross?: string;
}

/** A container as listed (`ContainerDto`). */
export interface ContainerDto {
  containerId: string;
  name: string;
  purpose: string;
  state: 'ACTIVE' | 'DELETED' | (string & {});
  created?: string;
}

/** A container with its descriptors (`ContainerDetailsDto`). */
export interface ContainerDetailsDto extends ContainerDto {
  technicalDescriptors: string[];
}

/** The body of `POST /customers/containers`. */
export interface CreateContainerRequest {
  name: string;
  purpose: string;
  technicalDescriptors: string[];
}

/** One telematic value as REST returns it: always a string (or null when never received). */
export interface TelematicDataEntryDto {
  value: string | null;
  unit: string | null;
  timestamp: string | null;
}

/** `GET /customers/vehicles/{vin}/telematicData`. */
export interface TelematicDataResponseDto {
  telematicData: Record<string, TelematicDataEntryDto>;
}

/** One charging session (`ChargingSessionDto`); `chargingCostInformation` is gone from the newer Swagger. */
export interface ChargingSessionDto {
  startTime?: number;
  endTime?: number;
  displayedStartSoc?: number;
  displayedSoc?: number;
  totalChargingDurationSec?: number;
  energyConsumedFromPowerGridKwh?: number;
  energyDecreaseHvbKwh?: number;
  energyDischargedKwh?: number;
  isPreconditioningActivated?: boolean;
  mileage?: number;
  mileageUnits?: 'MileageUnits.KM' | 'MileageUnits.MI' | (string & {});
  timeZone?: string;
  chargingLocation?: {
    municipality?: string;
    formattedAddress?: string;
    streetAddress?: string;
    mapMatchedLatitude?: number;
    mapMatchedLongitude?: number;
  };
  chargingBlocks?: { startTime?: number; endTime?: number; averagePowerGridKw?: number }[];
  publicChargingPoint?: { potentialChargingPointMatches?: unknown[] };
  businessErrors?: { creationTime?: string; hint?: string }[];
  chargingCostInformation?: {
    currency?: string;
    calculatedChargingCost?: number;
    calculatedSavings?: number;
  };
}

/** One page of `GET /customers/vehicles/{vin}/chargingHistory`. */
export interface ChargingHistoryPageDto {
  data: ChargingSessionDto[];
  next_token?: string | null;
}

/** Tyre data of one wheel (`TyreDataDto`); zeros and missing values mean "no data". */
export interface TyreDataDto {
  label?: string;
  dimension?: {
    aspectRatio?: number;
    loadIndex?: number;
    rimDiameter?: number;
    sectionWidth?: number;
    speedRating?: string;
    constructionType?: string;
    value?: string;
  };
  mountingDate?: { value?: string };
  partNumber?: { value?: string };
  runFlat?: { runFlat?: boolean };
  season?: { season?: string; value?: string };
  tread?: { manufacturer?: string; treadDesign?: string; value?: string };
  tyreDefect?: { status?: string; statusColor?: string; value?: string };
  tyreProductionDate?: { value?: string };
  tyreWear?: { dueMileage?: number; status?: string; statusColor?: string; unit?: string; value?: string };
  qualityStatus?: { value?: string };
  optimizedForOem?: { value?: string };
}

/** A set of four wheels. */
export interface TyreSetDto {
  label?: string;
  frontLeft?: TyreDataDto;
  frontRight?: TyreDataDto;
  rearLeft?: TyreDataDto;
  rearRight?: TyreDataDto;
}

/** `GET /customers/vehicles/{vin}/smartMaintenanceTyreDiagnosis`. */
export interface TyreDiagnosisDto {
  errors?: unknown[];
  passengerCar?: { mountedTyres?: TyreSetDto; unmountedTyres?: TyreSetDto };
}

/** One location of `GET /customers/vehicles/{vin}/locationBasedChargingSettings`. */
export interface LocationBasedChargingSettingDto {
  id?: string;
  latitude?: number;
  longitude?: number;
  visits?: number;
  lastVisit?: string;
  chargingMode?: string;
  optimizedChargingPreference?: string;
  startChargingTimePeriodHour?: number;
  startChargingTimePeriodMinute?: number;
  stopChargingTimePeriodHour?: number;
  stopChargingTimePeriodMinute?: number;
  chargingTimeWindows?: {
    startChargingTimePeriodHour?: number;
    startChargingTimePeriodMinute?: number;
    stopChargingTimePeriodHour?: number;
    stopChargingTimePeriodMinute?: number;
  }[];
  acCurrentLimitFlag?: string;
  acCurrentLimit?: number;
  acousticLimit?: string;
  flapLock?: string;
  chargingPlug?: string;
}

/** One page of location-based charging settings. */
export interface LocationBasedChargingSettingsPageDto {
  nextToken?: string | null;
  data: LocationBasedChargingSettingDto[];
}
