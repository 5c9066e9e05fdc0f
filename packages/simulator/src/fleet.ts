import { isJsonObject } from '@bimmer/core/internal';
import type { Fingerprint, FingerprintDocument } from '@bimmer/fingerprint';

/** A recorded response as the simulator serves it: the recorded bytes until a command changes it. */
export interface ServedDocument {
  /** The recorded bytes, served as long as nothing changed the document. */
  readonly recorded: Uint8Array;
  readonly contentType: string;
  /** The parsed JSON (mutable copy); undefined for non-JSON recordings such as error texts. */
  json: unknown;
  /** True once a command changed `json`; from then on the JSON is served re-serialised. */
  changed: boolean;
}

/** A POI a client sent to a vehicle (`send-to-car`). */
export interface SentPoi {
  time: string;
  vin: string;
  place: Record<string, unknown>;
}

/** One vehicle of the simulated fleet. */
export interface SimulatedVehicle {
  vin: string;
  brand: string;
  /** Its `mappingInfos` entry in the vehicle list. */
  mappingInfo: Record<string, unknown>;
  profile: ServedDocument | undefined;
  state: ServedDocument | undefined;
  chargingSettings: ServedDocument | undefined;
  image: ServedDocument | undefined;
  /** POIs sent to it, oldest first. */
  pois: SentPoi[];
}

function serve(document: FingerprintDocument | undefined): ServedDocument | undefined {
  if (!document) return undefined;
  return {
    recorded: document.bytes,
    contentType: document.contentType,
    json: document.json === undefined ? undefined : structuredClone(document.json),
    changed: false,
  };
}

/** The bytes to answer with for a served document. */
export function documentBytes(document: ServedDocument): Uint8Array {
  return document.changed ? Buffer.from(JSON.stringify(document.json), 'utf8') : document.recorded;
}

function defaultMappingInfo(vin: string): Record<string, unknown> {
  return {
    isAssociated: false,
    isLmmEnabled: false,
    isPrimaryUser: true,
    mappingStatus: 'CONFIRMED',
    vehicleMappingType: 'CONNECTED',
    vin,
  };
}

/** The vehicles the simulator serves, with the state remote services change. */
export class Fleet {
  readonly #fingerprint: Fingerprint;
  #vehicles = new Map<string, SimulatedVehicle>();

  constructor(fingerprint: Fingerprint) {
    this.#fingerprint = fingerprint;
    this.reset();
  }

  /** Back to the recorded state: every command's effect and every sent POI forgotten. */
  reset(): void {
    this.#vehicles = new Map();
    for (const [key, recorded] of this.#fingerprint.vehicles) {
      // A vehicle needs at least a profile to be listed; lone states cannot be served meaningfully.
      if (!recorded.profile) continue;
      this.#vehicles.set(key, {
        vin: recorded.vin,
        brand: recorded.brand || 'bmw',
        mappingInfo: recorded.mappingInfo
          ? structuredClone(recorded.mappingInfo)
          : defaultMappingInfo(recorded.vin),
        profile: serve(recorded.profile),
        state: serve(recorded.state),
        chargingSettings: serve(recorded.chargingSettings),
        image: serve(recorded.image),
        pois: [],
      });
    }
  }

  /** Every vehicle, sorted by VIN. */
  list(): SimulatedVehicle[] {
    return [...this.#vehicles.values()].sort((a, b) => (a.vin < b.vin ? -1 : a.vin > b.vin ? 1 : 0));
  }

  /** Every VIN, sorted. */
  vins(): string[] {
    return this.list().map((vehicle) => vehicle.vin);
  }

  /** A vehicle by VIN (case-insensitive). */
  get(vin: string | undefined): SimulatedVehicle | undefined {
    return vin === undefined ? undefined : this.#vehicles.get(vin.trim().toUpperCase());
  }
}

/**
 * Changes a JSON document in place through `change` and marks it changed, when it holds a JSON
 * object. Returns false when there is nothing to change.
 */
export function changeDocument(
  document: ServedDocument | undefined,
  change: (json: Record<string, unknown>) => void,
): boolean {
  if (!document || !isJsonObject(document.json)) return false;
  change(document.json);
  document.changed = true;
  return true;
}
