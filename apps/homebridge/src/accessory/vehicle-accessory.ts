import {
  isRemoteOutcomeUnknown,
  type LiveConnection,
  type LiveVehicle,
  staleSince,
  type VehicleEvent,
} from '@bimmer/core';
import type {
  API,
  Characteristic,
  CharacteristicValue,
  PlatformAccessory,
  Service,
  WithUUID,
} from 'homebridge';
import type { VehicleSettings } from '../config/platform-config';
import type { VehicleCommands } from '../live/vehicle-commands';
import { maskVin } from '../log/mask-vin';
import type { PluginLog } from '../log/plugin-log';
import { HapValue } from '../mapping/hap-values';
import {
  type PlannedService,
  planServices,
  type ServiceKind,
  type TransportAbilities,
} from '../mapping/service-plan';
import { statusValues } from '../mapping/status-values';
import { type TileCharacteristic, tileValues } from '../mapping/tile-values';
import { type VehicleValues, vehicleValues } from '../mapping/vehicle-values';
import { isServiceWanted } from './service-toggle-of';
import { VehiclePresence } from './vehicle-presence';

/** HAP's status for "the accessory cannot be reached" (`HAPStatus.SERVICE_COMMUNICATION_FAILURE`). */
const SERVICE_COMMUNICATION_FAILURE = -70402;

/** What a vehicle accessory needs from the platform. */
export interface VehicleAccessoryContext {
  readonly api: API;
  readonly log: PluginLog;
  readonly settings: VehicleSettings;
  readonly commands: VehicleCommands | undefined;
  /** The name of the vehicle's home in the account's geofences (`arrived` / `left`), if it has one. */
  readonly homeGeofence: string | undefined;
  /** The vehicle as the live account holds it now. */
  readonly vehicle: () => LiveVehicle | undefined;
  /** The live account's connection now. */
  readonly connection: () => LiveConnection;
  readonly now?: (() => number) | undefined;
}

type ServiceClass = WithUUID<typeof Service>;

/**
 * One car's accessory: plans its tiles from the settings and the car's data, answers every read at
 * once from the live state (never the network), and pushes changes with `updateCharacteristic`.
 * Locking reaches the car only over MyBMW; over CarData a tap is answered with the car's state.
 */
export class VehicleAccessory {
  readonly accessory: PlatformAccessory;
  readonly #context: VehicleAccessoryContext;
  readonly #now: () => number;
  readonly #abilities: TransportAbilities;
  readonly #pushed = new Map<string, CharacteristicValue>();
  readonly #name: string;
  readonly #presence: VehiclePresence;
  #commandRunning = false;

  constructor(accessory: PlatformAccessory, context: VehicleAccessoryContext) {
    this.accessory = accessory;
    this.#context = context;
    this.#now = context.now ?? Date.now;
    this.#abilities = {
      canLock: context.commands?.canLock === true,
      canClimate: context.commands?.canClimate === true,
    };
    this.#name = accessory.displayName;
    this.#presence = new VehiclePresence(context.homeGeofence);
    this.update();
  }

  /** The values of the car now (At home after the last arrived / left), or undefined before any data. */
  values(): VehicleValues | undefined {
    const vehicle = this.#context.vehicle();
    if (vehicle === undefined) return undefined;
    const values = vehicleValues(vehicle.snapshot, this.#context.settings);
    const atHome = this.#presence.atHome(values.occupancy.atHome);
    return atHome === values.occupancy.atHome
      ? values
      : { ...values, occupancy: { ...values.occupancy, atHome } };
  }

  /** Re-plans the tiles and pushes every value that changed. Never throws. */
  update(): void {
    try {
      const values = this.values();
      this.#updateInformation(values);
      const plan = values === undefined ? [] : planServices(values, this.#context.settings, this.#abilities);
      this.#reconcile(plan);
      this.#pushAll(values);
    } catch (error) {
      this.#context.log.warn(
        `update:${this.accessory.UUID}`,
        `${this.#name}: could not update the tiles: ${messageOf(error)}`,
      );
    }
  }

  /** A derived vehicle event: trips switch "In use", arrived / left at its home switch "At home". */
  onEvent(event: VehicleEvent): void {
    if (this.#presence.take(event)) this.update();
  }

  #hap() {
    return this.#context.api.hap;
  }

  #serviceClass(kind: ServiceKind): ServiceClass {
    const { Service: S } = this.#hap();
    switch (kind) {
      case 'battery':
        return S.Battery;
      case 'humidity':
        return S.HumiditySensor;
      case 'contact':
        return S.ContactSensor;
      case 'lock':
        return S.LockMechanism;
      case 'occupancy':
        return S.OccupancySensor;
      case 'motion':
        return S.MotionSensor;
      case 'switch':
        return S.Switch;
    }
  }

  #kindOf(service: Service): ServiceKind | undefined {
    const kinds: ServiceKind[] = ['battery', 'humidity', 'contact', 'lock', 'occupancy', 'motion', 'switch'];
    return kinds.find((kind) => this.#serviceClass(kind).UUID === service.UUID);
  }

  #updateInformation(values: VehicleValues | undefined): void {
    const { Service: S, Characteristic: C } = this.#hap();
    const info =
      this.accessory.getService(S.AccessoryInformation) ?? this.accessory.addService(S.AccessoryInformation);
    const information = values?.information;
    info.updateCharacteristic(C.Manufacturer, information?.manufacturer ?? 'BMW');
    info.updateCharacteristic(C.Model, information?.model ?? 'Vehicle');
    info.updateCharacteristic(
      C.SerialNumber,
      information?.serialNumber ?? maskVin(String(this.accessory.context.vin ?? '')),
    );
    if (information?.firmwareRevision !== undefined)
      info.updateCharacteristic(C.FirmwareRevision, information.firmwareRevision);
  }

  #reconcile(plan: readonly PlannedService[]): void {
    const planned = new Map(plan.map((service) => [service.subtype, service]));
    for (const service of [...this.accessory.services]) {
      const kind = this.#kindOf(service);
      if (kind === undefined || service.subtype === undefined) continue;
      const wanted = planned.get(service.subtype);
      const keep =
        wanted === undefined
          ? isServiceWanted(service.subtype, kind, this.#context.settings, this.#abilities)
          : wanted.kind === kind;
      if (!keep) {
        this.accessory.removeService(service);
        this.#context.log.debug(`${this.#name}: removed the tile ${service.displayName}.`);
      }
    }
    for (const service of plan) this.#ensure(service);
  }

  #ensure(planned: PlannedService): Service {
    const serviceClass = this.#serviceClass(planned.kind);
    const existing = this.accessory.getServiceById(serviceClass, planned.subtype);
    const service = existing ?? this.accessory.addService(serviceClass, planned.name, planned.subtype);
    const { Characteristic: C } = this.#hap();
    if (!service.testCharacteristic(C.ConfiguredName)) service.addOptionalCharacteristic(C.ConfiguredName);
    if (existing === undefined) {
      service.setCharacteristic(C.Name, planned.name);
      service.setCharacteristic(C.ConfiguredName, planned.name);
      this.#bindHandlers(service, planned);
      this.#context.log.debug(`${this.#name}: added the tile ${planned.name}.`);
    } else if (!this.#bound.has(service)) {
      this.#bindHandlers(service, planned);
    }
    return service;
  }

  readonly #bound = new WeakSet<Service>();

  #bindHandlers(service: Service, planned: PlannedService): void {
    this.#bound.add(service);
    const C = this.#hap().Characteristic as unknown as Record<
      TileCharacteristic,
      WithUUID<new () => Characteristic>
    >;
    const sample = this.#tile(planned);
    for (const name of Object.keys(sample) as TileCharacteristic[]) {
      const characteristic = service.getCharacteristic(C[name]);
      characteristic.onGet(() => this.#read(planned, name));
    }
    if (planned.kind === 'lock') {
      service.getCharacteristic(C.LockTargetState).onSet((value) => this.#setLock(planned, value));
    }
    if (planned.kind === 'switch') {
      service.getCharacteristic(C.On).onSet((value) => this.#setClimate(planned, value));
    }
  }

  #tile(planned: PlannedService) {
    const values = this.values();
    if (values === undefined)
      return tileValues(planned.subtype, planned.kind, emptyValues, this.#tileContext());
    return tileValues(planned.subtype, planned.kind, values, this.#tileContext());
  }

  #tileContext() {
    const vehicle = this.#context.vehicle();
    const now = this.#now();
    return {
      inUse: this.#presence.inUse(vehicle?.snapshot),
      status: statusValues({
        staleSince:
          vehicle === undefined
            ? new Date(now)
            : staleSince(vehicle.snapshot, this.#context.settings.staleAfterMs, now),
        connection: this.#context.connection(),
        now,
      }),
    };
  }

  #read(planned: PlannedService, name: TileCharacteristic): CharacteristicValue {
    const value = this.#tile(planned)[name];
    if (value === undefined) {
      throw new this.#context.api.hap.HapStatusError(SERVICE_COMMUNICATION_FAILURE);
    }
    return value;
  }

  #pushAll(values: VehicleValues | undefined): void {
    if (values === undefined) return;
    const C = this.#hap().Characteristic as unknown as Record<
      TileCharacteristic,
      WithUUID<new () => Characteristic>
    >;
    const context = this.#tileContext();
    for (const service of this.accessory.services) {
      const kind = this.#kindOf(service);
      if (kind === undefined || service.subtype === undefined) continue;
      const tile = tileValues(service.subtype, kind, values, context);
      for (const [name, value] of Object.entries(tile) as [
        TileCharacteristic,
        CharacteristicValue | undefined,
      ][]) {
        if (value === undefined) continue;
        const key = `${service.subtype}:${name}`;
        if (this.#pushed.get(key) === value) continue;
        this.#pushed.set(key, value);
        service.updateCharacteristic(C[name], value);
      }
    }
  }

  #setLock(planned: PlannedService, value: CharacteristicValue): void {
    const wanted = value === HapValue.SECURED;
    const commands = this.#context.commands;
    const current = this.values()?.lock;
    if (commands?.canLock !== true) {
      this.#context.log.info(
        `${planned.name}: BMW CarData cannot ${wanted ? 'lock' : 'unlock'} the car (it only reads); the lock shows the car's own state${current === undefined ? '' : current.current === HapValue.SECURED ? ' (locked)' : ' (not locked)'}.`,
      );
      this.#revert(planned);
      return;
    }
    this.#runCommand(planned, wanted ? 'lock' : 'unlock', (vin, onProgress) =>
      commands.setLocked(vin, wanted, onProgress),
    );
  }

  #setClimate(planned: PlannedService, value: CharacteristicValue): void {
    const commands = this.#context.commands;
    if (commands?.canClimate !== true) {
      this.#revert(planned);
      return;
    }
    const on = value === true;
    this.#runCommand(planned, on ? 'start climate' : 'stop climate', (vin, onProgress) =>
      commands.setClimate(vin, on, onProgress),
    );
  }

  /** Pushes the car's own state back after a tap that cannot be (or was not) carried out. */
  #revert(planned: PlannedService): void {
    setImmediate(() => {
      for (const key of [...this.#pushed.keys()])
        if (key.startsWith(`${planned.subtype}:`)) this.#pushed.delete(key);
      this.update();
    });
  }

  #runCommand(
    planned: PlannedService,
    what: string,
    run: (vin: string, onProgress: (progress: { state: string; elapsedMs: number }) => void) => Promise<void>,
  ): void {
    const vin = this.#context.vehicle()?.vin;
    if (vin === undefined || this.#commandRunning) {
      this.#context.log.info(
        `${planned.name}: ${what} not sent (${vin === undefined ? 'the car is not loaded yet' : 'another command is still running'}).`,
      );
      this.#revert(planned);
      return;
    }
    this.#commandRunning = true;
    this.#context.log.info(`${planned.name}: sending ${what} to the car…`);
    run(vin, (progress) =>
      this.#context.log.info(
        `${planned.name}: ${what} ${progress.state} after ${Math.round(progress.elapsedMs / 1000)} s`,
      ),
    )
      .then(() => this.#context.log.info(`${planned.name}: ${what} done.`))
      .catch((error: unknown) => {
        if (isRemoteOutcomeUnknown(error)) {
          this.#context.log.warn(
            `command:${this.accessory.UUID}`,
            `${planned.name}: whether ${what} reached the car is unknown: ${messageOf(error)} The tile shows the car's state once it is read again.`,
          );
        } else {
          this.#context.log.error(`${planned.name}: ${what} did not complete: ${messageOf(error)}`);
        }
      })
      .finally(() => {
        this.#commandRunning = false;
        this.#revert(planned);
      });
  }
}

const emptyValues: VehicleValues = {
  information: { manufacturer: 'BMW', model: 'Vehicle', serialNumber: '', firmwareRevision: undefined },
  battery: undefined,
  stateOfCharge: undefined,
  contacts: {
    doors: undefined,
    perDoor: [],
    windows: undefined,
    trunk: undefined,
    hood: undefined,
    sunroof: undefined,
  },
  lock: undefined,
  occupancy: { pluggedIn: undefined, charging: undefined, atHome: undefined },
  climateOn: undefined,
  reportsTrips: false,
};

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
