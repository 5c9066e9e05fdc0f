import { CarDataApiError } from '../errors/cardata-errors';

/** The short reason of a `kicked` state change, for status lines. */
export const KICKED_REASON =
  "another program connected to this account's stream (BMW allows one connection per account)";

/** The warning a stream connection gives once when it is kicked: what happened and the fix. */
export const KICKED_WARNING =
  "Another program is using this account's CarData stream: BMW allows one stream connection per " +
  'account and closed ours when the other connected. bimmer backs off and retries less and less often. ' +
  'To use the stream in several programs at once, run `bimmer hub` for the account and connect the ' +
  'programs to the hub instead of to BMW.';

/**
 * The error behind a `kicked` state change: code `api`, action `use-hub`, so that adapters can word
 * the fix themselves (the CLI names `bimmer hub`, Node-RED its hub node).
 */
export function streamKickedError(): CarDataApiError {
  return new CarDataApiError(`BMW closed the CarData stream: ${KICKED_REASON}.`, {
    hint: "Share one stream connection through `bimmer hub` instead of connecting several programs to BMW's broker.",
    action: 'use-hub',
  });
}
