import * as v from 'valibot';
import { carDataAccountKey } from './account-key';

const CachedValueSchema = v.object({ value: v.unknown(), fetchedAt: v.number() });

/** One account's entry of the state file. */
export const CarDataAccountStateSchema = v.object({
  /** Epoch ms of every REST call sent in the current quota window(s). */
  calls: v.array(v.number()),
  /** BMW said the quota is used up (429 / CU-429): no call before this time (epoch ms). */
  blockedUntil: v.optional(v.number()),
  /** When BMW last told the state of the budget itself (a 429 with its Retry-After), epoch ms. */
  bmwReportedAt: v.optional(v.number()),
  /** `GET /customers/vehicles/mappings`, as BMW sent it. */
  mappings: v.optional(CachedValueSchema),
  /** `GET /customers/vehicles/{vin}/basicData` by VIN, as BMW sent it. */
  basicData: v.optional(v.record(v.string(), CachedValueSchema)),
  /** Our container: its id and the signature of the descriptors it was created with. */
  container: v.optional(v.object({ id: v.string(), signature: v.string() })),
  /**
   * A live account's last known values, event memory and policy bookkeeping. Read leniently by the
   * live account itself (a damaged value drops that value only), so it never makes the ledger beside
   * it unreadable.
   */
  live: v.optional(v.unknown()),
});

/** A state file that could not be read, kept aside: the calls it counted are unknown. */
export const LostLedgerSchema = v.object({
  /** When the unreadable file was last written (epoch ms): every call it counted was sent before. */
  lastWrittenAt: v.number(),
  /** Where the unreadable file was kept (renamed beside the state file). */
  keptAs: v.string(),
  /** When bimmer found it unreadable (epoch ms). */
  foundAt: v.number(),
});

/** The state file's layout version; a file of another version is kept aside, never trusted. */
export const CARDATA_STATE_VERSION = 2;

const StateV2Schema = v.object({
  version: v.literal(CARDATA_STATE_VERSION),
  accounts: v.record(v.string(), CarDataAccountStateSchema),
  lost: v.optional(LostLedgerSchema),
});

/** Version 1 kept one entry per gcid, all of them BMW's. */
const StateV1Schema = v.object({
  version: v.literal(1),
  accounts: v.record(v.string(), CarDataAccountStateSchema),
});

/** The result of reading the text of a state file. */
export type StateFileReading =
  | { readonly ok: true; readonly state: v.InferOutput<typeof StateV2Schema>; readonly migrated: boolean }
  | { readonly ok: false; readonly reason: string };

/**
 * Reads the text of a state file. Version 1 (entries keyed by gcid) is migrated: its entries were
 * BMW's, so they move to BMW's base URL. Anything else that does not match exactly (empty,
 * truncated, another version, a malformed entry) is unreadable, with the reason in words: the
 * caller keeps such a file aside instead of half-trusting it, since a dropped entry would forget
 * quota already spent.
 */
export function readStateFile(text: string): StateFileReading {
  if (text.trim() === '') return { ok: false, reason: 'it is empty' };
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch {
    return { ok: false, reason: 'it is not valid JSON (truncated?)' };
  }
  const version =
    typeof data === 'object' && data !== null ? (data as { version?: unknown }).version : undefined;
  if (version === 1) {
    const v1 = v.safeParse(StateV1Schema, data);
    if (!v1.success)
      return { ok: false, reason: `it does not have the expected layout (${issuePath(v1.issues)})` };
    const accounts = Object.fromEntries(
      Object.entries(v1.output.accounts).map(([gcid, account]) => [carDataAccountKey(gcid), account]),
    );
    return { ok: true, state: { version: CARDATA_STATE_VERSION, accounts }, migrated: true };
  }
  if (version !== CARDATA_STATE_VERSION) {
    return {
      ok: false,
      reason:
        typeof version === 'number'
          ? `it has version ${version}, and this bimmer reads versions 1 and ${CARDATA_STATE_VERSION}`
          : 'it has no version',
    };
  }
  const v2 = v.safeParse(StateV2Schema, data);
  if (!v2.success)
    return { ok: false, reason: `it does not have the expected layout (${issuePath(v2.issues)})` };
  return { ok: true, state: v2.output, migrated: false };
}

/** Record keys that are account ids or VINs, which never reach a message. */
const REDACTED_AFTER: Record<string, string> = { accounts: '<account>', basicData: '<vin>' };

/** The dot path of the first issue (keys only, never values; account ids and VINs replaced). */
function issuePath(issues: readonly v.BaseIssue<unknown>[]): string {
  const keys = (issues[0]?.path ?? []).map((item, index, all) => {
    const parent = all[index - 1]?.key;
    return typeof parent === 'string' && parent in REDACTED_AFTER ? REDACTED_AFTER[parent] : String(item.key);
  });
  return keys.length === 0 ? 'at the top' : `at ${keys.join('.')}`;
}
