import * as v from 'valibot';

/**
 * The valibot schemas of every CarData REST answer, after BMW's Swagger (`customer-api`) and what
 * BMW really sends (an array of mappings where the Swagger says one object, `null` for absent
 * values). The REST client checks every answer against its schema, so the types below are facts,
 * not promises: an answer that does not match is a typed `CarDataApiError`, never a crash or a
 * silent cast. Unknown keys are dropped; descriptive fields are optional and may be `null`, which
 * reads as absent.
 */

/** The schema of {@link optional}: a field that may be absent or `null`, read as `undefined` then. */
export type OptionalField<Schema extends v.GenericSchema> = v.OptionalSchema<
  v.SchemaWithPipe<
    readonly [
      v.NullableSchema<Schema, undefined>,
      v.TransformAction<v.InferOutput<Schema> | null, v.InferOutput<Schema> | undefined>,
    ]
  >,
  undefined
>;

/** A field BMW may leave out or send as `null`; both read as absent. */
function optional<const Schema extends v.GenericSchema>(schema: Schema): OptionalField<Schema> {
  return v.optional(
    v.pipe(
      v.nullable(schema),
      v.transform(
        (value: v.InferOutput<Schema> | null): v.InferOutput<Schema> | undefined => value ?? undefined,
      ),
    ),
  );
}

/** A string BMW may leave out or send as `null`; both read as `fallback`. */
function text(fallback: string) {
  return v.nullish(v.string(), fallback);
}

/** A list BMW may leave out or send as `null`; both read as an empty list. */
function list<const Item extends v.GenericSchema>(item: Item) {
  return v.nullish(v.array(item), () => []);
}

/** One vehicle mapped to the account (`GET /customers/vehicles/mappings`). */
export const VehicleMappingSchema = v.object({
  vin: v.pipe(v.string(), v.nonEmpty()),
  mappedSince: optional(v.string()),
  /** Only PRIMARY users get data; a missing type reads as `UNKNOWN`. */
  mappingType: v.pipe(
    v.nullish(v.string(), 'UNKNOWN'),
    v.transform((value) => (value === '' ? 'UNKNOWN' : value)),
  ),
});
export type VehicleMappingDto = v.InferOutput<typeof VehicleMappingSchema>;

/**
 * The mapping list. BMW's Swagger types it as one object, the live API sends an array; an empty
 * answer is an empty list. Entries without a VIN are left out (they name no vehicle).
 */
export const VehicleMappingsSchema = v.pipe(
  v.union([v.array(v.unknown()), v.looseObject({}), v.null(), v.undefined()]),
  v.transform((body): VehicleMappingDto[] => {
    const list = Array.isArray(body) ? body : body === null || body === undefined ? [] : [body];
    return list.flatMap((item) => {
      const result = v.safeParse(VehicleMappingSchema, item);
      return result.success ? [result.output] : [];
    });
  }),
);

/** `GET /customers/vehicles/{vin}/basicData` (`VehicleDto`); every field may be missing. */
export const VehicleBasicDataSchema = v.object({
  vin: optional(v.string()),
  /** BMW, BMWi, BMW Motorrad, Toyota-Supra, MINI, Rolls-Royce. */
  brand: optional(v.string()),
  isTelematicsCapable: optional(v.boolean()),
  puStep: optional(v.string()),
  modelRange: optional(v.string()),
  series: optional(v.string()),
  seriesDevt: optional(v.string()),
  modelName: optional(v.string()),
  modelKey: optional(v.string()),
  bodyType: optional(v.string()),
  numberOfDoors: optional(v.number()),
  hasNavi: optional(v.boolean()),
  headUnit: optional(v.string()),
  hasSunRoof: optional(v.boolean()),
  countryCodeISO: optional(v.string()),
  countryCode: optional(v.string()),
  steering: optional(v.string()),
  engine: optional(v.string()),
  /** e.g. CONV, PHEV, BEV. */
  driveTrain: optional(v.string()),
  chargingModes: optional(v.array(v.string())),
  /** Not dependable: a petrol car reports "BE" (Benzin). */
  propulsionType: optional(v.string()),
  colourCode: optional(v.string()),
  colourCodeRaw: optional(v.string()),
  colourDescription: optional(v.string()),
  constructionDate: optional(v.string()),
  fullSAList: optional(v.string()),
  hvsMaxEnergyAbsolute: optional(v.string()),
  simStatus: optional(v.string()),
  reessNominalCapacityGross: optional(v.string()),
});
export type VehicleBasicDataDto = v.InferOutput<typeof VehicleBasicDataSchema>;

/** A container as listed (`ContainerDto`); other apps' containers may lack a name or purpose. */
export const ContainerSchema = v.object({
  containerId: v.pipe(v.string(), v.nonEmpty()),
  name: text(''),
  purpose: text(''),
  /** ACTIVE or DELETED. */
  state: text('UNKNOWN'),
  created: optional(v.string()),
});
export type ContainerDto = v.InferOutput<typeof ContainerSchema>;

/** `GET /customers/containers`. */
export const ContainerListSchema = v.object({
  containers: list(ContainerSchema),
});

/** A container with its descriptors (`ContainerDetailsDto`), also the answer of creating one. */
export const ContainerDetailsSchema = v.object({
  ...ContainerSchema.entries,
  technicalDescriptors: list(v.string()),
});
export type ContainerDetailsDto = v.InferOutput<typeof ContainerDetailsSchema>;

/** The body of `POST /customers/containers`. */
export interface CreateContainerRequest {
  readonly name: string;
  readonly purpose: string;
  readonly technicalDescriptors: readonly string[];
}

/**
 * One telematic value as REST returns it: BMW documents strings (numbers and booleans are read as
 * well), and `null` for a value the car never sent.
 */
export const TelematicDataEntrySchema = v.object({
  value: v.nullish(v.union([v.string(), v.number(), v.boolean()]), null),
  unit: v.nullish(v.string(), null),
  timestamp: v.nullish(v.string(), null),
});
export type TelematicDataEntryDto = v.InferOutput<typeof TelematicDataEntrySchema>;

/** `GET /customers/vehicles/{vin}/telematicData`. */
export const TelematicDataResponseSchema = v.object({
  telematicData: v.record(v.string(), TelematicDataEntrySchema),
});
export type TelematicDataResponseDto = v.InferOutput<typeof TelematicDataResponseSchema>;

/** One charging session (`ChargingSessionDto`); `chargingCostInformation` is gone from the newer Swagger. */
export const ChargingSessionSchema = v.object({
  /** Epoch seconds. */
  startTime: optional(v.number()),
  endTime: optional(v.number()),
  displayedStartSoc: optional(v.number()),
  displayedSoc: optional(v.number()),
  totalChargingDurationSec: optional(v.number()),
  energyConsumedFromPowerGridKwh: optional(v.number()),
  energyDecreaseHvbKwh: optional(v.number()),
  energyDischargedKwh: optional(v.number()),
  isPreconditioningActivated: optional(v.boolean()),
  mileage: optional(v.number()),
  /** `MileageUnits.KM` or `MileageUnits.MI`. */
  mileageUnits: optional(v.string()),
  timeZone: optional(v.string()),
  chargingLocation: optional(
    v.object({
      municipality: optional(v.string()),
      formattedAddress: optional(v.string()),
      streetAddress: optional(v.string()),
      mapMatchedLatitude: optional(v.number()),
      mapMatchedLongitude: optional(v.number()),
    }),
  ),
  chargingBlocks: optional(
    v.array(
      v.object({
        startTime: optional(v.number()),
        endTime: optional(v.number()),
        averagePowerGridKw: optional(v.number()),
      }),
    ),
  ),
  publicChargingPoint: optional(
    v.object({
      potentialChargingPointMatches: optional(
        v.array(
          v.object({
            postalCode: optional(v.string()),
            streetAddress: optional(v.string()),
            providerName: optional(v.string()),
            city: optional(v.string()),
          }),
        ),
      ),
    }),
  ),
  businessErrors: optional(
    v.array(v.object({ creationTime: optional(v.string()), hint: optional(v.string()) })),
  ),
  chargingCostInformation: optional(
    v.object({
      currency: optional(v.string()),
      calculatedChargingCost: optional(v.number()),
      calculatedSavings: optional(v.number()),
    }),
  ),
});
export type ChargingSessionDto = v.InferOutput<typeof ChargingSessionSchema>;

/** One page of `GET /customers/vehicles/{vin}/chargingHistory`. */
export const ChargingHistoryPageSchema = v.object({
  data: list(ChargingSessionSchema),
  next_token: optional(v.string()),
});
export type ChargingHistoryPageDto = v.InferOutput<typeof ChargingHistoryPageSchema>;

const labelled = <const Entries extends v.ObjectEntries>(entries: Entries) =>
  optional(v.object({ label: optional(v.string()), value: optional(v.string()), ...entries }));

/** Tyre data of one wheel (`TyreDataDto`); zeros and missing values mean "no data". */
export const TyreDataSchema = v.object({
  label: optional(v.string()),
  dimension: labelled({
    aspectRatio: optional(v.number()),
    loadIndex: optional(v.number()),
    rimDiameter: optional(v.number()),
    sectionWidth: optional(v.number()),
    speedRating: optional(v.string()),
    constructionType: optional(v.string()),
  }),
  mountingDate: labelled({ mountingDate: optional(v.string()) }),
  partNumber: labelled({ partNumber: optional(v.string()) }),
  runFlat: labelled({ runFlat: optional(v.boolean()) }),
  season: labelled({ season: optional(v.string()) }),
  tread: labelled({
    manufacturer: optional(v.string()),
    treadDesign: optional(v.string()),
    carcass: optional(v.string()),
  }),
  tyreDefect: labelled({ status: optional(v.string()), statusColor: optional(v.string()) }),
  tyreProductionDate: labelled({ statusColor: optional(v.string()) }),
  tyreWear: labelled({
    dueMileage: optional(v.number()),
    status: optional(v.string()),
    statusColor: optional(v.string()),
    unit: optional(v.string()),
  }),
  qualityStatus: labelled({ qualityStatus: optional(v.string()) }),
  optimizedForOem: labelled({ optimizedForOem: optional(v.string()) }),
});
export type TyreDataDto = v.InferOutput<typeof TyreDataSchema>;

/** A set of four wheels. */
export const TyreSetSchema = v.object({
  label: optional(v.string()),
  frontLeft: optional(TyreDataSchema),
  frontRight: optional(TyreDataSchema),
  rearLeft: optional(TyreDataSchema),
  rearRight: optional(TyreDataSchema),
});
export type TyreSetDto = v.InferOutput<typeof TyreSetSchema>;

/** `GET /customers/vehicles/{vin}/smartMaintenanceTyreDiagnosis`. */
export const TyreDiagnosisSchema = v.object({
  errors: optional(v.array(v.unknown())),
  passengerCar: optional(
    v.object({ mountedTyres: optional(TyreSetSchema), unmountedTyres: optional(TyreSetSchema) }),
  ),
});
export type TyreDiagnosisDto = v.InferOutput<typeof TyreDiagnosisSchema>;

const timeWindowEntries = {
  startChargingTimePeriodHour: optional(v.number()),
  startChargingTimePeriodMinute: optional(v.number()),
  stopChargingTimePeriodHour: optional(v.number()),
  stopChargingTimePeriodMinute: optional(v.number()),
};

/** One location of `GET /customers/vehicles/{vin}/locationBasedChargingSettings`. */
export const LocationBasedChargingSettingSchema = v.object({
  id: optional(v.string()),
  latitude: optional(v.number()),
  longitude: optional(v.number()),
  visits: optional(v.number()),
  lastVisit: optional(v.string()),
  lastUpdated: optional(v.string()),
  chargingMode: optional(v.string()),
  optimizedChargingPreference: optional(v.string()),
  ...timeWindowEntries,
  chargingTimeWindows: optional(v.array(v.object(timeWindowEntries))),
  acCurrentLimitFlag: optional(v.string()),
  acCurrentLimit: optional(v.number()),
  acousticLimit: optional(v.string()),
  flapLock: optional(v.string()),
  chargingPlug: optional(v.string()),
});
export type LocationBasedChargingSettingDto = v.InferOutput<typeof LocationBasedChargingSettingSchema>;

/** One page of location-based charging settings. */
export const LocationBasedChargingSettingsPageSchema = v.object({
  nextToken: optional(v.string()),
  data: list(LocationBasedChargingSettingSchema),
});
export type LocationBasedChargingSettingsPageDto = v.InferOutput<
  typeof LocationBasedChargingSettingsPageSchema
>;
