import * as v from 'valibot';
import { buildCheckControlMessageReport } from '../../models/derive';
import { CheckControlStatus } from '../../models/enums';
import type { CheckControlMessage, CheckControlMessageReport } from '../../models/vehicle';
import type { JsonObject } from '../../util/json-object';
import { type Context, enumField, orUndefined } from '../block-context';
import { parseBlock } from '../salvage';
import { anyValue, list, opt, str } from '../wire-primitives';

/** State response, `state`: check-control messages. */
export const WireCheckControlMessages = v.object({
  checkControlMessages: opt(
    list(
      v.object({
        type: str,
        severity: anyValue,
        longDescription: opt(str),
      }),
    ),
  ),
});

/** The warnings of the instrument cluster; the report drops OK ones and names the urgent ones. */
export function parseCheckControlMessages(
  ctx: Context,
  state: JsonObject,
): CheckControlMessageReport | undefined {
  const block = 'checkControlMessages';
  const wire = parseBlock(WireCheckControlMessages, state, block, 'state', ctx.issues);
  if (wire === undefined) return undefined;
  const messages: CheckControlMessage[] = (wire.checkControlMessages ?? []).flatMap((message, index) => {
    if (message === null) return [];
    return {
      descriptionShort: message.type,
      descriptionLong: orUndefined(message.longDescription),
      state: enumField(
        ctx,
        block,
        `state.checkControlMessages.${index}.severity`,
        CheckControlStatus,
        message.severity,
      ),
    };
  });
  return buildCheckControlMessageReport(messages);
}
