/**
 * Helpers shared between bimmer's own packages (`@bimmer/cardata/internal`). Not part of the public
 * API: they may change in any release without notice. Applications import from `@bimmer/cardata`.
 * Only what another of our packages imports is here; the export snapshot in `index.test.ts` keeps it so.
 */
export { carDataReadOnlyError } from './account/read-only-remote-services';
export { carDataErrorFromResponse } from './errors/error-from-response';
