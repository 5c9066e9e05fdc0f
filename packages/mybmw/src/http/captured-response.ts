import type { MyBMWBrand } from './brand';

/**
 * One MyBMW response as the fingerprint recorder (and `account.responses`) sees it. The shape is a
 * stable contract: @bimmer/fingerprint consumes it structurally without importing this package.
 *
 * - `path` is the REQUEST's path without host or query (`/eadrax-vcs/v4/vehicles/state`);
 * - `query` holds the request's query parameters;
 * - `vinHeader` is the request's `bmw-vin` header, when it had one;
 * - `body` is text for JSON and text responses and bytes for anything else (vehicle images).
 *
 * Request headers are deliberately absent: they carry the bearer token.
 */
export interface CapturedResponse {
  /** The brand the request was made for (the second field of its `x-user-agent`). */
  readonly brand: MyBMWBrand;
  /** The HTTP method, upper case. */
  readonly method: string;
  /** The request path, no host and no query. */
  readonly path: string;
  /** The request's query parameters. */
  readonly query: Readonly<Record<string, string>>;
  /** The request's `bmw-vin` header. */
  readonly vinHeader?: string;
  /** The HTTP status of the response. */
  readonly status: number;
  /** The response's content type, or an empty string when it had none. */
  readonly contentType: string;
  /** The response body: text for JSON/text, bytes otherwise. */
  readonly body: string | Uint8Array;
  /** When the response arrived. */
  readonly fetchedAt: Date;
}
