import type { BimmerErrorAction } from '@bimmer/core';

/** Which CarData error class a CU code becomes. */
export type CuErrorKind = 'auth' | 'quota' | 'not-found' | 'validation' | 'api';

/** What one CU code means for the user: the error kind, a message, an SDK-worded hint and an action. */
export interface CuCodeMeaning {
  readonly kind: CuErrorKind;
  readonly message: string;
  readonly hint: string;
  readonly action?: BimmerErrorAction | undefined;
}

/** What each documented CU code means for the user (the package README groups them by error class). */
export const CU_CODES: Readonly<Record<string, CuCodeMeaning>> = {
  'CU-100': {
    kind: 'auth',
    message: 'CarData received no access token.',
    hint: 'Run the CarData device-code login again.',
    action: 'cardata-login',
  },
  'CU-101': {
    kind: 'auth',
    message: 'CarData rejected the access token.',
    hint: 'Run the CarData device-code login again; the refresh token may have been revoked.',
    action: 'cardata-login',
  },
  'CU-102': {
    kind: 'auth',
    message: 'The CarData access token has expired.',
    hint: 'The token is refreshed automatically; try again.',
  },
  'CU-103': {
    kind: 'auth',
    message: 'The access token lacks the CarData scope (cardata:api:read).',
    hint: 'Subscribe "CarData API" for the client ID in the CarData portal, wait two minutes, then run the device-code login again; bimmer always requests the scope explicitly.',
    action: 'cardata-portal',
  },
  'CU-104': {
    kind: 'api',
    message: 'This account may not read that vehicle.',
    hint: 'Only the PRIMARY user of a vehicle gets CarData; check the mapping in the MyBMW app.',
    action: 'check-vin',
  },
  'CU-105': {
    kind: 'api',
    message: 'This account may not use that container.',
    hint: 'The container belongs to someone else or was deleted; bimmer creates a new one on the next call.',
  },
  'CU-120': {
    kind: 'validation',
    message: 'The VIN is malformed.',
    hint: 'A VIN has 17 upper-case letters and digits.',
    action: 'check-vin',
  },
  'CU-121': {
    kind: 'validation',
    message: 'The container id is malformed.',
    hint: 'A container id has 13 characters.',
  },
  'CU-122': {
    kind: 'api',
    message: 'The container is already being deleted.',
    hint: 'Nothing to do; it disappears within 29 days.',
  },
  'CU-124': {
    kind: 'api',
    message: 'The account already has the maximum of 10 containers.',
    hint: "Delete containers you no longer use (bimmer only deletes its own); other apps' containers count too.",
    action: 'cardata-portal',
  },
  'CU-125': {
    kind: 'validation',
    message: 'The pagination token has expired.',
    hint: 'Start the listing again from the first page.',
  },
  'CU-126': {
    kind: 'not-found',
    message: 'BMW has no image of this vehicle.',
    hint: 'Nothing to do; not every vehicle has one.',
  },
  'CU-127': {
    kind: 'not-found',
    message: 'BMW has no location-based charging settings for this vehicle.',
    hint: 'They appear after the car has charged at a location a few times.',
  },
  'CU-400': {
    kind: 'validation',
    message: 'CarData rejected the request as malformed.',
    hint: 'Please report this as a bimmer bug.',
  },
  'CU-401': {
    kind: 'validation',
    message: 'CarData rejected a request parameter.',
    hint: 'Check the VIN, dates and container id.',
    action: 'check-input',
  },
  'CU-402': {
    kind: 'validation',
    message: 'CarData rejected a descriptor key.',
    hint: 'Remove unknown telematic descriptors from the container definition.',
    action: 'check-input',
  },
  'CU-429': {
    kind: 'quota',
    message: "BMW's CarData rate limit (50 calls a day) is reached.",
    hint: 'Use the stream for live data; REST calls are available again after the reset.',
    action: 'wait',
  },
  'CU-500': {
    kind: 'api',
    message: 'CarData had an internal error.',
    hint: 'Try again later.',
    action: 'wait',
  },
  'CU-503': {
    kind: 'api',
    message: 'CarData is unavailable.',
    hint: 'Try again later; BMW may be doing maintenance.',
    action: 'wait',
  },
};
