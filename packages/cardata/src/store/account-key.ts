import { CARDATA_API_BASE_URL, normalizeApiBaseUrl } from '../rest/api-base-url';

/**
 * The key of one account's entry in the state file: its gcid at one REST base URL
 * (`<gcid>@https://api-cardata.bmwgroup.com`). Quota spent on the simulator is not spent on BMW, and
 * the simulator's vehicles are not BMW's, so each base URL keeps its own ledger and caches.
 */
export function carDataAccountKey(gcid: string, apiBaseUrl: string = CARDATA_API_BASE_URL): string {
  return `${gcid}@${normalizeApiBaseUrl(apiBaseUrl)}`;
}
