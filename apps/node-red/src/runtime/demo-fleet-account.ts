import {
  BimmerUnsupportedError,
  type LiveAccount,
  type LiveAccountEventName,
  type LiveAccountEvents,
  type LiveBudget,
  type LiveConnection,
  type LiveRefreshOptions,
  type LiveVehicle,
} from '@bimmer/core';
import type { MyBMWLiveAccount, MyBMWVehicle } from '@bimmer/mybmw';
import type { RemoteServiceAccount } from '../remote/remote-commander';

/** The events both parts of the fleet tell; `connection` and `budget` are the CarData part's. */
const SHARED_EVENTS: ReadonlySet<LiveAccountEventName> = new Set(['change', 'event', 'warning']);

/**
 * The demo's one fleet: the simulator's BMW CarData cars (stream, REST budget; read-only) and its
 * MyBMW car (polled; remote commands) behind one live account, so every car the demo can command is
 * a car its nodes watch, and a command's effect reaches the watch and event nodes (the MyBMW live
 * account refreshes the car after each command). A remote command for a CarData car is refused as
 * CarData refuses it: read-only, nothing sent.
 *
 * The connection and the budget shown are the CarData part's (the stream the demo car's day plays
 * on); the MyBMW part's trouble arrives as warnings, as its failed polls are told.
 */
export class DemoFleetAccount implements LiveAccount, RemoteServiceAccount {
  readonly kind = 'cardata' as const;
  readonly #carData: LiveAccount;
  readonly #myBMW: MyBMWLiveAccount;

  constructor(carData: LiveAccount, myBMW: MyBMWLiveAccount) {
    this.#carData = carData;
    this.#myBMW = myBMW;
  }

  /** The CarData cars first, then the MyBMW car. */
  get vehicles(): readonly LiveVehicle[] {
    return [...this.#carData.vehicles, ...this.#myBMW.vehicles];
  }

  getVehicle(vin: string): LiveVehicle | undefined {
    return this.#carData.getVehicle(vin) ?? this.#myBMW.getVehicle(vin);
  }

  get connection(): LiveConnection {
    return this.#carData.connection;
  }

  get budget(): LiveBudget | undefined {
    return this.#carData.budget;
  }

  async start(): Promise<void> {
    await Promise.all([this.#carData.start(), this.#myBMW.start()]);
  }

  /** Stops both parts, also when one of them fails to. */
  async stop(): Promise<void> {
    const results = await Promise.allSettled([this.#carData.stop(), this.#myBMW.stop()]);
    const failed = results.find((result) => result.status === 'rejected');
    if (failed !== undefined) throw failed.reason;
  }

  /** Reads the car (over the part that holds it), or every car of both parts. */
  async refresh(vin?: string, options?: LiveRefreshOptions): Promise<readonly LiveVehicle[]> {
    if (vin !== undefined) return this.#partOf(vin).refresh(vin, options);
    const [carData, myBMW] = await Promise.all([
      this.#carData.refresh(undefined, options),
      this.#myBMW.refresh(undefined, options),
    ]);
    return [...carData, ...myBMW];
  }

  /** Runs a remote command on the MyBMW car; a CarData car refuses it before anything is sent. */
  runRemoteService<T>(vin: string, command: (vehicle: MyBMWVehicle) => Promise<T>): Promise<T> {
    if (this.#carData.getVehicle(vin) !== undefined) {
      const mybmw = this.#myBMW.vehicles.map((vehicle) => vehicle.vin).join(', ');
      return Promise.reject(
        new BimmerUnsupportedError(
          `${vin} is a BMW CarData car of the demo, and CarData is read-only: no remote command was sent.`,
          {
            feature: 'remote-services',
            action: 'check-vin',
            hint: `Send remote commands to the demo's MyBMW car (${mybmw || 'WBA00000BIMMER001'}).`,
          },
        ),
      );
    }
    return this.#myBMW.runRemoteService(vin, command);
  }

  on<E extends LiveAccountEventName>(
    event: E,
    listener: (payload: LiveAccountEvents[E]) => void,
  ): () => void {
    const offCarData = this.#carData.on(event, listener);
    if (!SHARED_EVENTS.has(event)) return offCarData;
    const offMyBMW = this.#myBMW.on(event, listener);
    return () => {
      offCarData();
      offMyBMW();
    };
  }

  #partOf(vin: string): LiveAccount {
    return this.#myBMW.getVehicle(vin) !== undefined ? this.#myBMW : this.#carData;
  }
}
