/**
 * One MyBMW response as `@bimmer/mybmw` hands it to its `onResponse` option: @bimmer/core's
 * `CapturedResponse`, the one definition of that contract (this package still does not depend on the
 * transport).
 */
export type { CapturedResponse } from '@bimmer/core';
