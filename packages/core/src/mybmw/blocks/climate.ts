import * as v from 'valibot';
import { buildClimate } from '../../models/derive';
import { ClimateActivityState } from '../../models/enums';
import type { Climate } from '../../models/vehicle';
import type { JsonObject } from '../../util/json-object';
import { addMilliseconds, type Context, enumField } from '../block-context';
import { parseBlock } from '../salvage';
import { anyValue, measured, opt } from '../wire-primitives';

/** State response, `state`: climate. */
export const WireClimate = v.object({
  climateControlState: opt(
    v.object({ activity: opt(anyValue), remainingSeconds: opt(measured('climateSeconds')) }),
  ),
});

/**
 * Climate control: its activity, and when it ends (fetch time plus the whole remaining seconds).
 * A vehicle without `climateControlState` still has a climate block, with activity UNKNOWN.
 */
export function parseClimate(ctx: Context, state: JsonObject): Climate | undefined {
  const block = 'climate';
  const wire = parseBlock(WireClimate, state, block, 'state', ctx.issues);
  if (wire === undefined) return undefined;
  const ccs = wire.climateControlState;
  if (!ccs) return buildClimate(ClimateActivityState.UNKNOWN);
  const activity = enumField(
    ctx,
    block,
    'state.climateControlState.activity',
    ClimateActivityState,
    ccs.activity,
  );
  const endTime =
    ccs.remainingSeconds == null
      ? undefined
      : addMilliseconds(
          ctx,
          block,
          'state.climateControlState.remainingSeconds',
          ctx.fetchedAt,
          Math.trunc(ccs.remainingSeconds) * 1000,
        );
  return buildClimate(activity, endTime);
}
