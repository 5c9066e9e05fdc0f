import * as v from 'valibot';
import { buildConditionBasedServiceReport } from '../../models/derive';
import { ConditionBasedServiceStatus } from '../../models/enums';
import type { ConditionBasedService, ConditionBasedServiceReport } from '../../models/vehicle';
import type { JsonObject } from '../../util/json-object';
import { type Context, enumField, timeField } from '../block-context';
import { parseBlock } from '../salvage';
import { anyValue, list, measured, opt, str } from '../wire-primitives';

/** State response, `state`: condition-based services. */
export const WireConditionBasedServices = v.object({
  requiredServices: opt(
    list(
      v.object({
        type: str,
        status: anyValue,
        dateTime: opt(str),
        mileage: opt(measured('serviceDistanceKm')),
      }),
    ),
  ),
});

/**
 * The maintenance items. A service without a type is dropped (with an issue); a due distance of 0
 * counts as none, as in bimmer_connected.
 */
export function parseConditionBasedServices(
  ctx: Context,
  state: JsonObject,
): ConditionBasedServiceReport | undefined {
  const block = 'conditionBasedServices';
  const wire = parseBlock(WireConditionBasedServices, state, block, 'state', ctx.issues);
  if (wire === undefined) return undefined;
  const messages: ConditionBasedService[] = (wire.requiredServices ?? []).flatMap((service, index) => {
    if (service === null) return [];
    const path = `state.requiredServices.${index}`;
    return {
      serviceType: service.type,
      state: enumField(ctx, block, `${path}.status`, ConditionBasedServiceStatus, service.status),
      dueDate: timeField(ctx, block, `${path}.dateTime`, service.dateTime),
      dueDistance: service.mileage ? { value: service.mileage, unit: 'km' } : undefined,
    };
  });
  return buildConditionBasedServiceReport(messages);
}
