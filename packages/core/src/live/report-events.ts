import { formatInstant } from '../json/to-json';
import { isJsonObject } from '../util/json-object';
import { messageRank, serviceRank, WATCHED } from './event-readings';
import { type EventRuleContext, transition } from './event-rule-context';

const statesOf = (value: unknown): Readonly<Record<string, string>> =>
  isJsonObject(value) ? (value as Readonly<Record<string, string>>) : {};

const stateIn = (states: Readonly<Record<string, string>>, key: string): string | undefined =>
  Object.hasOwn(states, key) ? states[key] : undefined;

/**
 * - `service-due`: a condition-based service became due (PENDING) or overdue (OVERDUE), or went
 *   from due to overdue, compared with the services held; `detail.service` is its type (`OIL`).
 * - `check-control-message`: a check-control message appeared, or its severity rose;
 *   `detail.message` is its short description.
 * The first report read is where watching starts: services already due then are no event.
 */
export function reportEvents(context: EventRuleContext): void {
  const services = transition(context, WATCHED.services);
  if (services !== undefined) {
    const before = statesOf(services.before.value);
    for (const [service, state] of Object.entries(statesOf(services.reading.value))) {
      if (serviceRank(state) <= serviceRank(stateIn(before, service))) continue;
      const item = context.next.conditionBasedServices?.messages.find(
        (message) => message.serviceType === service && message.state === state,
      );
      context.emit('service-due', services.reading.at, WATCHED.services, {
        service,
        state,
        dueDate: item?.dueDate === undefined ? undefined : formatInstant(item.dueDate),
        dueDistance: item?.dueDistance === undefined ? undefined : { ...item.dueDistance },
      });
    }
  }
  const messages = transition(context, WATCHED.messages);
  if (messages !== undefined) {
    const before = statesOf(messages.before.value);
    for (const [message, state] of Object.entries(statesOf(messages.reading.value))) {
      if (messageRank(state) <= messageRank(stateIn(before, message))) continue;
      const item = context.next.checkControlMessages?.messages.find(
        (candidate) => candidate.descriptionShort === message && candidate.state === state,
      );
      context.emit('check-control-message', messages.reading.at, WATCHED.messages, {
        message,
        state,
        description: item?.descriptionLong,
      });
    }
  }
}
