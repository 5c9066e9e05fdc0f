import type { CarBrand } from './enums';

/**
 * One MyBMW response as a transport hands it to its `onResponse` observer and the fingerprint
 * recorder stores it: plain data, the contract between `@bimmer/mybmw` and `@bimmer/fingerprint`.
 *
 * - `path` is the request's path without host or query (`/eadrax-vcs/v4/vehicles/state`);
 * - `vinHeader` is the request's `bmw-vin` header, when it had one;
 * - `body` is text for JSON and text responses and bytes for anything else (vehicle images).
 *
 * Request headers are absent on purpose: they carry the bearer token.
 */
export interface CapturedResponse {
  /** The brand the request was made for (the second field of its `x-user-agent`). */
  readonly brand: CarBrand;
  /** The HTTP method, upper case. */
  readonly method: string;
  /** The request path, no host and no query. */
  readonly path: string;
  /** The request's query parameters. */
  readonly query: Readonly<Record<string, string>>;
  /** The request's `bmw-vin` header. */
  readonly vinHeader?: string | undefined;
  /** The HTTP status of the response. */
  readonly status: number;
  /** The response's content type, or an empty string when it had none. */
  readonly contentType: string;
  /** The response body: text for JSON/text, bytes otherwise. */
  readonly body: string | Uint8Array;
  /** When the response arrived. */
  readonly fetchedAt: Date;
}
