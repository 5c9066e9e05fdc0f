import { randomBytes, randomUUID } from 'node:crypto';

/** Behaviour knobs tests set with `POST /_simulator/cardata/config`. */
export interface CarDataSimulatorConfig {
  /** The device-code poll interval the simulator announces, in seconds (fractions allowed). */
  pollIntervalSeconds: number;
  /** How long a device code stays valid, in seconds. */
  deviceCodeLifetimeSeconds: number;
  /** How a pending poll is answered: RFC 8628 `authorization_pending`, or BMW's bare 403. */
  pendingResponse: 'authorization_pending' | 'bare-403';
  /** The next N polls of a pending code answer `slow_down`. */
  slowDownPolls: number;
  /** Access and ID token lifetime, in seconds. */
  tokenLifetimeSeconds: number;
  /** REST calls allowed per window. */
  quotaLimit: number;
  /** How the simulator's own quota window works. */
  quotaWindow: 'rolling' | 'utc-midnight';
  /** BMW has been seen answering an exhausted quota with 403 + CU-429 and with 429. */
  rateLimitStatus: 403 | 429;
  /**
   * The next N stream logins are refused with "Not authorized" even with a valid ID token, as BMW's
   * broker does for a while after a token rotation. Counts down with each refused login.
   */
  refuseStreamLogins: number;
}

/** A device code waiting for approval. */
export interface PendingCode {
  deviceCode: string;
  userCode: string;
  clientId: string;
  challenge: string;
  scope: string;
  expiresAt: number;
  status: 'pending' | 'approved' | 'denied';
  slowDownLeft: number;
}

/** An issued access or ID token. */
export interface IssuedToken {
  expiresAt: number;
  scope: string;
  revoked: boolean;
}

/** One simulated vehicle. */
export interface SimulatedVehicle {
  mappingType: 'PRIMARY' | 'SECONDARY';
  mappedSince: string;
  basicData: Record<string, unknown>;
  /** REST telematic data as BMW returns it: string values. */
  telematic: Record<string, { value: string | null; unit: string | null; timestamp: string | null }>;
  chargingHistory: unknown[];
  tyreDiagnosis: unknown;
  chargingSettings: unknown[];
}

/** A container. */
export interface SimulatedContainer {
  containerId: string;
  name: string;
  purpose: string;
  state: 'ACTIVE' | 'DELETED';
  created: string;
  technicalDescriptors: string[];
}

/** A request the simulator served, for tests that count calls. */
export interface LoggedRequest {
  kind: 'oauth' | 'rest' | 'control';
  method: string;
  path: string;
  status: number;
  at: number;
}

/** Everything the CarData simulator holds. */
export interface CarDataSimState {
  gcid: string;
  config: CarDataSimulatorConfig;
  codes: Map<string, PendingCode>;
  accessTokens: Map<string, IssuedToken>;
  idTokens: Map<string, IssuedToken>;
  /** refresh token → still usable. */
  refreshTokens: Map<string, { clientId: string; scope: string; valid: boolean }>;
  vehicles: Map<string, SimulatedVehicle>;
  containers: Map<string, SimulatedContainer>;
  /** Times of counted REST calls. */
  calls: number[];
  requests: LoggedRequest[];
}

/** The config a fresh simulator starts with (BMW's real numbers except where tests need speed). */
export function defaultConfig(tokenLifetimeSeconds: number): CarDataSimulatorConfig {
  return {
    pollIntervalSeconds: 5,
    deviceCodeLifetimeSeconds: 300,
    pendingResponse: 'authorization_pending',
    slowDownPolls: 0,
    tokenLifetimeSeconds,
    quotaLimit: 50,
    quotaWindow: 'rolling',
    rateLimitStatus: 403,
    refuseStreamLogins: 0,
  };
}

/** A fresh state with a new gcid and a copy of `vehicles` (none by default). */
export function createState(
  tokenLifetimeSeconds: number,
  vehicles: ReadonlyMap<string, SimulatedVehicle> = new Map(),
): CarDataSimState {
  return {
    gcid: randomUUID(),
    config: defaultConfig(tokenLifetimeSeconds),
    codes: new Map(),
    accessTokens: new Map(),
    idTokens: new Map(),
    refreshTokens: new Map(),
    vehicles: new Map(structuredClone([...vehicles])),
    containers: new Map(),
    calls: [],
    requests: [],
  };
}

/** An opaque random token. */
export function opaqueToken(prefix: string): string {
  return `${prefix}${randomBytes(24).toString('base64url')}`;
}

/** A user code like BMW's: 8 letters and digits. */
export function userCode(): string {
  const alphabet = 'ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnpqrstuvwxyz23456789';
  return Array.from(randomBytes(8), (byte) => alphabet[byte % alphabet.length]).join('');
}

/** A 13-character container id. */
export function containerId(): string {
  return randomBytes(10).toString('hex').slice(0, 13).toUpperCase();
}

/** Our own default basic data for a vehicle added without any (a BEV, so every block has data). */
export function defaultBasicData(vin: string): Record<string, unknown> {
  return {
    vin,
    brand: 'BMW',
    isTelematicsCapable: true,
    modelName: 'iX xDrive50',
    modelKey: '21CF',
    series: 'iX',
    seriesDevt: 'I20',
    bodyType: 'SAV',
    numberOfDoors: 5,
    hasNavi: true,
    hasSunRoof: true,
    headUnit: 'HU_MGU',
    countryCodeISO: 'DE',
    steering: 'LL',
    driveTrain: 'BEV',
    propulsionType: 'BEV',
    chargingModes: ['AC', 'DC'],
    constructionDate: '2023-04-12T00:00:00.000Z',
    simStatus: 'ACTIVE',
  };
}

/** Adds a PRIMARY vehicle when the VIN is not known yet. */
export function ensureVehicle(state: CarDataSimState, vin: string): SimulatedVehicle {
  let vehicle = state.vehicles.get(vin);
  if (vehicle === undefined) {
    vehicle = {
      mappingType: 'PRIMARY',
      mappedSince: '2024-01-15T10:00:00.000Z',
      basicData: defaultBasicData(vin),
      telematic: {},
      chargingHistory: [],
      tyreDiagnosis: { errors: [], passengerCar: {} },
      chargingSettings: [],
    };
    state.vehicles.set(vin, vehicle);
  }
  return vehicle;
}
