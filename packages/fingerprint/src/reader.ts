import { readdir, readFile } from 'node:fs/promises';
import { basename, join, relative, sep } from 'node:path';
import { isJsonObject } from '@bimmer/core/internal';
import {
  AUTH_DIRECTORY,
  contentTypeForFileName,
  type FingerprintFileKind,
  parseFingerprintFileName,
  REMOTE_SERVICES_DIRECTORY,
} from './layout';

/** One recorded response file, kept byte for byte. */
export interface FingerprintDocument {
  /** Absolute path of the file. */
  path: string;
  /** The file name, e.g. `bmw-eadrax-vcs_v4_vehicles_state_WBA0FINGERPRINT01.json`. */
  fileName: string;
  /** The exact bytes on disk (serve these to replay the recording faithfully). */
  bytes: Uint8Array;
  /** The content type the response had, judged from the extension. */
  contentType: string;
  /** The parsed JSON for `.json` files that parse; undefined otherwise. */
  json: unknown;
}

/** Everything recorded about one vehicle. */
export interface FingerprintVehicle {
  /** The VIN as it appears in the file names. */
  vin: string;
  /** The brand prefix of its files (`bmw`, `mini`, `toyota`); from its vehicle list when it is in one. */
  brand: string;
  /** Its entry in a vehicle list (`mappingInfos[i]`), when a list names it. */
  mappingInfo?: Record<string, unknown>;
  profile?: FingerprintDocument;
  state?: FingerprintDocument;
  chargingSettings?: FingerprintDocument;
  image?: FingerprintDocument;
}

/** A fingerprint directory (or several) loaded into memory. */
export interface Fingerprint {
  /** The directories read, in order. */
  directories: string[];
  /** The vehicle-list files per brand, in the order found. */
  vehicleLists: Map<string, FingerprintDocument[]>;
  /** The vehicles by upper-case VIN, in the order first found. */
  vehicles: Map<string, FingerprintVehicle>;
  /** Files of `auth/` directories by file name (a later directory wins). */
  auth: Map<string, FingerprintDocument>;
  /** Files of `remote_services/` directories by file name (a later directory wins). */
  remoteServices: Map<string, FingerprintDocument>;
}

/** An empty fingerprint, to merge directories into. */
export function emptyFingerprint(): Fingerprint {
  return {
    directories: [],
    vehicleLists: new Map(),
    vehicles: new Map(),
    auth: new Map(),
    remoteServices: new Map(),
  };
}

async function listFiles(directory: string): Promise<string[]> {
  const entries = await readdir(directory, { withFileTypes: true });
  entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  const files: string[] = [];
  for (const entry of entries) {
    const path = join(directory, entry.name);
    if (entry.isDirectory()) files.push(...(await listFiles(path)));
    else if (entry.isFile()) files.push(path);
  }
  return files;
}

async function loadDocument(path: string): Promise<FingerprintDocument> {
  const bytes = new Uint8Array(await readFile(path));
  const fileName = basename(path);
  let json: unknown;
  if (fileName.toLowerCase().endsWith('.json')) {
    try {
      json = JSON.parse(new TextDecoder().decode(bytes));
    } catch {
      json = undefined;
    }
  }
  return { path, fileName, bytes, contentType: contentTypeForFileName(fileName), json };
}

/** The `mappingInfos` entries of a vehicle-list document (none when it is not one). */
export function mappingInfosOf(document: FingerprintDocument): Record<string, unknown>[] {
  const infos = isJsonObject(document.json) ? document.json.mappingInfos : undefined;
  return Array.isArray(infos) ? infos.filter(isJsonObject) : [];
}

type VehicleDocumentKind = Exclude<FingerprintFileKind, 'vehicleList'>;

function vehicleEntry(into: Fingerprint, vin: string, brand: string): FingerprintVehicle {
  const key = vin.toUpperCase();
  let vehicle = into.vehicles.get(key);
  if (!vehicle) {
    vehicle = { vin, brand };
    into.vehicles.set(key, vehicle);
  } else if (!vehicle.brand && brand) {
    vehicle.brand = brand;
  }
  return vehicle;
}

/**
 * Reads one fingerprint directory recursively into `into` (a new fingerprint by default): vehicle
 * lists per brand, and per VIN the profile, state, charging settings and image; `auth/` and
 * `remote_services/` files by name. A later file for the same VIN and kind replaces an earlier one.
 * Files it does not recognise are ignored.
 */
export async function readFingerprintDirectory(
  directory: string,
  into: Fingerprint = emptyFingerprint(),
): Promise<Fingerprint> {
  into.directories.push(directory);
  for (const path of await listFiles(directory)) {
    const parts = relative(directory, path).split(sep);
    const fileName = parts[parts.length - 1] ?? '';
    const parent = parts.length > 1 ? parts[parts.length - 2] : undefined;
    if (parent === AUTH_DIRECTORY) {
      into.auth.set(fileName, await loadDocument(path));
      continue;
    }
    if (parent === REMOTE_SERVICES_DIRECTORY) {
      into.remoteServices.set(fileName, await loadDocument(path));
      continue;
    }
    const parsed = parseFingerprintFileName(fileName);
    if (!parsed) continue;
    const document = await loadDocument(path);
    if (parsed.kind === 'vehicleList') {
      const lists = into.vehicleLists.get(parsed.brand) ?? [];
      lists.push(document);
      into.vehicleLists.set(parsed.brand, lists);
      for (const info of mappingInfosOf(document)) {
        if (typeof info.vin !== 'string') continue;
        const vehicle = vehicleEntry(into, info.vin, parsed.brand);
        vehicle.brand = parsed.brand;
        vehicle.mappingInfo = info;
      }
      continue;
    }
    if (parsed.vin === undefined) continue;
    const vehicle = vehicleEntry(into, parsed.vin, parsed.brand);
    const kind: VehicleDocumentKind = parsed.kind;
    vehicle[kind] = document;
  }
  return into;
}

/** Reads several fingerprint directories into one fingerprint, in order (see {@link readFingerprintDirectory}). */
export async function readFingerprintDirectories(directories: Iterable<string>): Promise<Fingerprint> {
  const fingerprint = emptyFingerprint();
  for (const directory of directories) await readFingerprintDirectory(directory, fingerprint);
  return fingerprint;
}
