import type { CarBrand } from '@bimmer/core';
import { MyBMWEndpoints } from '../endpoints';
import type { MyBMWRequest } from '../http/client';

/** The vehicle list of one brand (a POST without body that only reads). */
export function vehicleListRequest(brand: CarBrand): MyBMWRequest {
  return { method: 'POST', path: MyBMWEndpoints.vehicleList, brand, idempotent: true };
}

/** The static profile of one vehicle. */
export function profileRequest(brand: CarBrand, vin: string): MyBMWRequest {
  return { method: 'GET', path: MyBMWEndpoints.vehicleProfile, brand, vin, idempotent: true };
}

/** The state and capabilities of one vehicle, as of `fetchedAt` (whole seconds). */
export function stateRequest(brand: CarBrand, vin: string, fetchedAt: Date): MyBMWRequest {
  return {
    method: 'GET',
    path: MyBMWEndpoints.vehicleState,
    brand,
    vin,
    query: { apptimezone: '0', appDateTime: String(fetchedAt.getTime()) },
    idempotent: true,
  };
}

/** The charging profile and settings of one vehicle. */
export function chargingDetailsRequest(
  brand: CarBrand,
  vin: string,
  fetchedAt: Date,
  hasChargingSettings: boolean,
): MyBMWRequest {
  return {
    method: 'GET',
    path: MyBMWEndpoints.chargingDetails,
    brand,
    vin,
    query: { fields: 'charging-profile', has_charging_settings_capabilities: String(hasChargingSettings) },
    // ISO 8601 with +00:00 and no fraction, e.g. 2021-11-28T21:28:59+00:00.
    headers: { 'bmw-current-date': fetchedAt.toISOString().replace(/\.\d{3}Z$/, '+00:00') },
    idempotent: true,
  };
}

/** The PNG render of one vehicle from one direction. */
export function imageRequest(brand: CarBrand, vin: string, carView: string): MyBMWRequest {
  return {
    method: 'GET',
    path: MyBMWEndpoints.vehicleImage,
    brand,
    vin,
    query: { carView, toCrop: 'true' },
    headers: { accept: 'image/png', 'bmw-app-vehicle-type': 'connected' },
    idempotent: true,
  };
}
