import { BimmerValidationError } from '@bimmer/core';

/** What may not appear in a topic prefix: MQTT wildcards and empty levels (the null character is checked apart). */
const BAD_PREFIX = /[+#]|^\/|\/$|\/\//;

/**
 * The names of every topic the hub publishes, in one place (the README's topic table describes the
 * same): `<prefix>/status`, `<prefix>/budget`, `<prefix>/connection`, `<prefix>/raw/<VIN>`, and per
 * vehicle `<prefix>/<VIN>/state`, `<prefix>/<VIN>/event` and one topic per leaf of the JSON form
 * (`<prefix>/<VIN>/fuelAndBattery/remainingBatteryPercent`). Home Assistant's discovery topics sit
 * under their own prefix: `<discovery prefix>/device/bimmer_<VIN>/config`.
 */
export class HubTopics {
  readonly prefix: string;
  readonly discoveryPrefix: string;

  constructor(prefix: string, discoveryPrefix: string) {
    for (const [name, value] of [
      ['prefix', prefix],
      ['discoveryPrefix', discoveryPrefix],
    ] as const) {
      if (typeof value !== 'string' || value === '' || value.includes('\0') || BAD_PREFIX.test(value)) {
        throw new BimmerValidationError(
          `The topic ${name} "${String(value)}" is not usable: it must be non-empty, without + or #, and neither start nor end with /.`,
          { paths: [name], action: 'check-input' },
        );
      }
    }
    this.prefix = prefix;
    this.discoveryPrefix = discoveryPrefix;
  }

  /** `online` / `offline`, retained; the hub's last will. */
  get status(): string {
    return `${this.prefix}/status`;
  }

  /** The REST budget, retained. */
  get budget(): string {
    return `${this.prefix}/budget`;
  }

  /** The BMW stream's state and reason, retained. */
  get connection(): string {
    return `${this.prefix}/connection`;
  }

  /** Home Assistant's birth and last will (`online` / `offline`). */
  get homeAssistantStatus(): string {
    return `${this.discoveryPrefix}/status`;
  }

  /** BMW's stream messages of a vehicle, unchanged. */
  raw(vin: string): string {
    return `${this.prefix}/raw/${vin}`;
  }

  /** The vehicle's JSON form, retained, at most once a second. */
  state(vin: string): string {
    return `${this.prefix}/${vin}/state`;
  }

  /** Derived vehicle events, not retained. */
  event(vin: string): string {
    return `${this.prefix}/${vin}/event`;
  }

  /** One leaf of the JSON form: the dot path with `/` for `.`. */
  field(vin: string, path: string): string {
    return `${this.prefix}/${vin}/${path.replaceAll('.', '/')}`;
  }

  /** Home Assistant's device-based discovery config of a vehicle. */
  discovery(vin: string): string {
    return `${this.discoveryPrefix}/device/${discoveryDeviceId(vin)}/config`;
  }
}

/** The Home Assistant device id of a vehicle, also the base of its entities' unique ids. */
export function discoveryDeviceId(vin: string): string {
  return `bimmer_${vin}`;
}
