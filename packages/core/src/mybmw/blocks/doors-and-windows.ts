import * as v from 'valibot';
import { buildDoorsAndWindows, buildLid, toCamelCase } from '../../models/derive';
import { LidState, LockState } from '../../models/enums';
import type { DoorsAndWindows, Lid } from '../../models/vehicle';
import type { JsonObject } from '../../util/json-object';
import { type Context, enumField } from '../block-context';
import { parseBlock } from '../salvage';
import { anyValue, opt, str } from '../wire-primitives';

/** State response, `state`: doors, windows, roof. Lid keys are dynamic. */
export const WireDoorsAndWindows = v.object({
  doorsState: opt(v.record(str, anyValue)),
  windowsState: opt(v.record(str, anyValue)),
  roofState: opt(v.object({ roofState: opt(anyValue), roofStateType: opt(str) })),
});

/**
 * Lids, windows and the lock state. Every key of `doorsState` and `windowsState` is a lid or window
 * except the combined states (`combinedSecurityState` is the lock state); INVALID ones (parts the
 * vehicle does not have) are left out; the roof, when there is one, is the last lid.
 */
export function parseDoorsAndWindows(ctx: Context, state: JsonObject): DoorsAndWindows | undefined {
  const block = 'doorsAndWindows';
  const wire = parseBlock(WireDoorsAndWindows, state, block, 'state', ctx.issues);
  if (wire === undefined) return undefined;
  const lids: Lid[] = [];
  const windows: Lid[] = [];
  let doorLockState: LockState = LockState.UNKNOWN;
  if (wire.doorsState) {
    for (const [name, raw] of Object.entries(wire.doorsState)) {
      if (name === 'combinedState') continue;
      if (name === 'combinedSecurityState') {
        doorLockState = enumField(ctx, block, 'state.doorsState.combinedSecurityState', LockState, raw);
        continue;
      }
      const lidState = enumField(ctx, block, `state.doorsState.${name}`, LidState, raw);
      if (lidState !== LidState.INVALID) lids.push(buildLid(name, lidState));
    }
  }
  if (wire.windowsState) {
    for (const [name, raw] of Object.entries(wire.windowsState)) {
      if (name === 'combinedState') continue;
      const windowState = enumField(ctx, block, `state.windowsState.${name}`, LidState, raw);
      if (windowState !== LidState.INVALID) windows.push(buildLid(name, windowState));
    }
  }
  const roof = wire.roofState;
  if (roof && roof.roofStateType != null) {
    lids.push(
      buildLid(
        toCamelCase(roof.roofStateType),
        enumField(ctx, block, 'state.roofState.roofState', LidState, roof.roofState),
      ),
    );
  } else if (roof && roof.roofState != null) {
    ctx.issues.add(
      block,
      'state.roofState.roofStateType',
      'invalid',
      'The roof has no type; it was dropped.',
    );
  }
  return buildDoorsAndWindows({ doorLockState, lids, windows });
}
