import type { PositionalCredentials } from './resolve-credentials';
import { looksLikeRegion } from './resolve-credentials';

/** Positionals with the bimmer_connected-compatible credential prefix taken off. */
export interface SplitPositionals {
  /** `username password region`, when the command line started with them. */
  readonly credentials: PositionalCredentials | undefined;
  /** The command's own positionals (VIN, action, coordinates...). */
  readonly rest: readonly string[];
}

/**
 * bimmer_connected puts `username password region` before every command's own positionals; we accept
 * that form for compatibility but never require it. The prefix is recognised when there are enough
 * positionals for it plus the command's required ones and the third one names a region (a VIN, a
 * coordinate or an action never does).
 */
export function splitPositionals(args: readonly string[], requiredCount: number): SplitPositionals {
  const [username, password, region] = args;
  if (
    args.length >= 3 + requiredCount &&
    username !== undefined &&
    password !== undefined &&
    region !== undefined &&
    looksLikeRegion(region)
  ) {
    return { credentials: { username, password, region }, rest: args.slice(3) };
  }
  return { credentials: undefined, rest: args };
}
