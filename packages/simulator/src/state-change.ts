import { isJsonObject } from '@bimmer/core/internal';
import { changeDocument, type ServedDocument } from './fleet';

/** A change of a served vehicle state, as tests make the car report something new. */
export interface VehicleStateChange {
  /**
   * A JSON merge patch (RFC 7386) of the state document `{ capabilities, state }`: objects merge
   * key by key, `null` removes a key, anything else (arrays included) replaces the value, e.g.
   * `{ state: { doorsState: { trunk: 'OPEN' } } }`.
   */
  readonly patch?: unknown;
  /**
   * When the car reported it: `state.lastFetched` (and `state.lastUpdatedAt` when the recording has
   * one) are set to this instant. Default: now on the simulator clock.
   */
  readonly at?: Date | number | string | undefined;
}

/** Applies a JSON merge patch (RFC 7386) to `target` in place; returns the patched value. */
export function applyMergePatch(target: unknown, patch: unknown): unknown {
  if (!isJsonObject(patch)) return structuredClone(patch);
  const result: Record<string, unknown> = isJsonObject(target) ? target : {};
  for (const [key, value] of Object.entries(patch)) {
    if (value === null) delete result[key];
    else result[key] = applyMergePatch(result[key], value);
  }
  return result;
}

/** The instant of a change (`at`), or a text saying why it is not one. */
export function changeInstant(at: VehicleStateChange['at'], now: number): number | string {
  if (at === undefined) return now;
  const instant = at instanceof Date ? at.getTime() : typeof at === 'number' ? at : Date.parse(at);
  return Number.isFinite(instant) ? instant : 'at must be an ISO-8601 time or epoch milliseconds.';
}

/**
 * Changes a served state document as the car reporting new values would: the patch is merged into
 * it and its report time set to `at` (epoch ms). From then on the document is served re-serialised.
 * Returns false when the vehicle has no JSON state document.
 */
export function changeVehicleState(
  document: ServedDocument | undefined,
  patch: unknown,
  at: number,
): boolean {
  return changeDocument(document, (json) => {
    if (patch !== undefined) applyMergePatch(json, patch);
    const state = json.state;
    if (!isJsonObject(state)) return;
    const iso = new Date(at).toISOString();
    state.lastFetched = iso;
    if ('lastUpdatedAt' in state) state.lastUpdatedAt = iso;
  });
}
