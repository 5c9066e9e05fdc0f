import { type SplitPositionals, splitPositionals } from '../credentials/split-positionals';

/** Positionals of a vehicle command: the VIN and the command's own, with the credentials prefix taken off. */
export interface RemotePositionals {
  readonly credentials: SplitPositionals['credentials'];
  /** The VIN as typed (empty when missing; commander reports a missing one first). */
  readonly vin: string;
  readonly rest: readonly string[];
}

/** Splits a vehicle command's positionals (`[username password region] <vin> ...`). */
export function remotePositionals(positionals: readonly string[], ownRequired: number): RemotePositionals {
  const { credentials, rest } = splitPositionals(positionals, 1 + ownRequired);
  const [vin = '', ...own] = rest;
  return { credentials, vin, rest: own };
}
