import { describe, expect, it } from 'vitest';
import * as cardata from './index';
import * as internal from './internal';

describe('@bimmer/cardata exports', () => {
  it('offers exactly these runtime names: a new export is a visible, reviewed change', () => {
    expect(Object.keys(cardata).sort()).toMatchInlineSnapshot(`
      [
        "CARDATA_API_BASE_URL",
        "CARDATA_DESCRIPTORS",
        "CARDATA_STREAM_URL",
        "CarDataAccount",
        "CarDataApiError",
        "CarDataAuthError",
        "CarDataLiveAccount",
        "CarDataNotFoundError",
        "CarDataQuotaError",
        "CarDataRestClient",
        "CarDataStreamConnection",
        "CarDataValidationError",
        "CarDataVehicle",
        "DEFAULT_CONTAINER_DESCRIPTORS",
        "DEFAULT_REST_BUDGET",
        "FileCarDataStateStore",
        "MemoryCarDataStateStore",
        "QuotaLedger",
        "REST_ONLY_DESCRIPTORS",
        "RestBudgetPolicy",
        "VehicleTelemetry",
        "acquireCarDataStream",
        "cachedMappingsOf",
        "carDataAccountKey",
        "carDataRefreshLockPathFor",
        "carDataStatePathFor",
        "descriptorKey",
        "isRestOnlyDescriptor",
        "openCarDataAccount",
        "openCarDataLiveAccount",
        "parseStreamMessage",
        "resolveRestBudgetSettings",
        "summarizeTyreDiagnosis",
        "toVehicleSnapshot",
      ]
    `);
  });

  it('keeps the helpers for sibling packages in ./internal, apart from the public names', () => {
    const publicNames = new Set(Object.keys(cardata));
    expect(Object.keys(internal).filter((name) => publicNames.has(name))).toEqual([]);
    expect(Object.keys(internal).sort()).toMatchInlineSnapshot(`
      [
        "carDataErrorFromResponse",
        "carDataReadOnlyError",
      ]
    `);
  });
});
