import {
  buildCheckControlMessageReport,
  buildConditionBasedServiceReport,
  type CheckControlMessage,
  type CheckControlMessageReport,
  CheckControlStatus,
  type ConditionBasedService,
  type ConditionBasedServiceReport,
  ConditionBasedServiceStatus,
  parseEnum,
} from '@bimmer/core';

/**
 * CarData CBS ids onto the service types MyBMW reports (inferred from the titles BMW sends with
 * them); other ids use their title in UPPER_SNAKE_CASE.
 */
const CBS_TYPES: Record<number, string> = {
  1: 'OIL',
  2: 'BRAKE_PADS_FRONT',
  3: 'BRAKE_FLUID',
  4: 'BRAKE_PADS_REAR',
  32: 'VEHICLE_TUV',
  100: 'VEHICLE_CHECK',
};

function upperSnake(text: string): string {
  return text
    .trim()
    .replace(/[^\p{L}\p{N}]+/gu, '_')
    .replace(/^_|_$/g, '')
    .toUpperCase();
}

/** "2027-01" or "2027-01-17" → that day (first of the month) at 00:00 UTC. */
function dueDate(raw: unknown): Date | undefined {
  if (typeof raw !== 'string') return undefined;
  const match = /^(\d{4})-(\d{2})(?:-(\d{2}))?/.exec(raw);
  if (match === null) return undefined;
  return new Date(Date.UTC(Number(match[1]), Number(match[2]) - 1, Number(match[3] ?? '1')));
}

/**
 * `vehicle.status.conditionBasedServices` (a JSON array BMW sends inside a string) onto the core
 * report. Items without a title or id are skipped.
 */
export function mapConditionBasedServices(items: unknown): ConditionBasedServiceReport | undefined {
  if (!Array.isArray(items)) return undefined;
  const messages: ConditionBasedService[] = [];
  for (const item of items) {
    if (typeof item !== 'object' || item === null) continue;
    const record = item as Record<string, unknown>;
    const id = typeof record.id === 'number' ? record.id : Number(record.id);
    const title = typeof record.title === 'string' ? record.title : undefined;
    const serviceType = CBS_TYPES[id] ?? (title === undefined ? undefined : upperSnake(title));
    if (serviceType === undefined || serviceType === '') continue;
    const distance = Number(record.unitOfLengthRemaining);
    messages.push({
      serviceType,
      state: parseEnum(ConditionBasedServiceStatus, record.status),
      dueDate: dueDate(record.date),
      dueDistance:
        typeof record.unitOfLengthRemaining === 'string' && /^\d+$/.test(record.unitOfLengthRemaining)
          ? { value: distance, unit: 'km' }
          : undefined,
    });
  }
  return buildConditionBasedServiceReport(messages);
}

/**
 * `vehicle.status.checkControlMessages` onto the core report. BMW publishes no example of this
 * value, so common field names are accepted (type/title/name, severity/status, description/text).
 */
export function mapCheckControlMessages(items: unknown): CheckControlMessageReport | undefined {
  if (!Array.isArray(items)) return undefined;
  const messages: CheckControlMessage[] = [];
  for (const item of items) {
    if (typeof item !== 'object' || item === null) continue;
    const record = item as Record<string, unknown>;
    const short = [record.type, record.title, record.name].find((value) => typeof value === 'string') as
      | string
      | undefined;
    if (short === undefined) continue;
    const long = [record.description, record.text].find((value) => typeof value === 'string') as
      | string
      | undefined;
    messages.push({
      descriptionShort: short,
      descriptionLong: long,
      state: parseEnum(CheckControlStatus, record.severity ?? record.status),
    });
  }
  return buildCheckControlMessageReport(messages);
}
