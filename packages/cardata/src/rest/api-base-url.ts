/** BMW's production CarData REST host. */
export const CARDATA_API_BASE_URL = 'https://api-cardata.bmwgroup.com';

/** A REST base URL without trailing slashes, so `https://host/` and `https://host` are one host. */
export function normalizeApiBaseUrl(baseUrl: string): string {
  return baseUrl.replace(/\/+$/, '');
}
