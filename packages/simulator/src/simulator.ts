import { existsSync } from 'node:fs';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { isJsonObject } from '@bimmer/core/internal';
import { emptyFingerprint, type Fingerprint, readFingerprintDirectories } from '@bimmer/fingerprint';
import { Accounts, type SimulatorAccountOptions } from './accounts';
import { type AdminActions, addAdminRoutes } from './admin-routes';
import { addAuthRoutes, oauthClientsFrom } from './auth-routes';
import { type CaptchaPolicy, CaptchaTokens, DEFAULT_CAPTCHA_POLICY } from './captcha-tokens';
import { startVehicles } from './cardata/fixture-vehicles';
import { startCarDataSimulator } from './cardata/index';
import { parseScenario, type Scenario } from './cardata/scenario';
import type { ScenarioPlayback } from './cardata/scenario-player';
import { addChinaRoutes, type ChinaCaptchaSource, ChinaLogin } from './china-routes';
import { SimulatorClock } from './clock';
import { DEFAULT_TOKEN_LIFETIME_SECONDS, DEMO_ACCOUNT } from './constants';
import type { SimulatorContext } from './context';
import { type ActiveFault, FaultSet, type FaultSpec, injectFault } from './faults';
import { Fleet, type SentPoi } from './fleet';
import { fleetRoot } from './fleet-location';
import { addGeocodingRoutes } from './geocoding';
import { delay, readBody, sendApiError, sendJson } from './http';
import type { FinderPosition } from './remote-effects';
import {
  type RemoteEvent,
  RemoteEvents,
  type RemoteOutcome,
  type RemoteServiceBehaviour,
} from './remote-events';
import { addRemoteRoutes } from './remote-routes';
import { type LoggedRequest, RequestLog, trackRequest } from './request-log';
import { Router } from './router';
import { changeInstant, changeVehicleState, type VehicleStateChange } from './state-change';
import { TokenStore } from './tokens';
import { addVehicleRoutes } from './vehicle-routes';

/** Options of {@link startSimulator}; every one has a default. */
export interface SimulatorOptions {
  /**
   * Fingerprint directories to serve, read recursively (later ones add vehicles and override
   * files). Default: our own fleet ({@link DEFAULT_FINGERPRINTS}).
   */
  fingerprints?: string | readonly string[];
  /** Accounts that can log in. Default: the demo account `demo@bimmer.dev` / `bimmer-demo` owning every vehicle. */
  accounts?: readonly SimulatorAccountOptions[];
  /** Interface to listen on. Default `127.0.0.1`. */
  host?: string;
  /** Port; `0` (the default) picks a free one. */
  port?: number;
  /** Delay added to every response (MyBMW and CarData, not the admin endpoints), in milliseconds. Default 0. */
  latencyMs?: number;
  /** Faults armed at start (and again after a reset), in the `--fault` grammar or parsed. */
  faults?: readonly (string | FaultSpec)[];
  /**
   * Source of now in epoch ms; default `Date.now`. The simulator's clock can still be moved. Clients
   * whose requests the simulator checks against its clock (China login nonces) share it through
   * {@link Simulator.clock}.
   */
  clock?: () => number;
  /**
   * hCaptcha tokens of NA / rest-of-world logins: `single-use` refuses a token presented before, as
   * BMW does; `reusable` (the default) accepts any non-empty token any number of times.
   */
  captcha?: CaptchaPolicy;
  /** Access-token lifetime in seconds. Default 28799, BMW's `expires_in`. */
  tokenLifetimeSeconds?: number;
  /**
   * The vehicles of the CarData side, served at start and again after every reset: a directory of
   * `<VIN>.json` files shaped like the repository's `fixtures/cardata/rest`. Default: those vehicles
   * ({@link DEFAULT_CARDATA_VEHICLES}: `WBASIMCARDATA0001` BEV and `WBASIMCARDATA0002` petrol,
   * PRIMARY; `WBASIMCARDATA0003` SECONDARY); `false` starts with no CarData vehicle (tests that add their own).
   */
  cardataVehicles?: string | false;
  /** How remote commands progress. Default: PENDING, DELIVERED, EXECUTED, one poll each. */
  remoteServices?: RemoteServiceBehaviour;
  /** China captcha images: `recorded` serves a loaded `auth/auth_slider_captcha.json` when there is one (default), `generated` always renders one. */
  chinaCaptcha?: ChinaCaptchaSource;
  /** Where the vehicle finder finds each vehicle, by VIN (default: its recorded location, else a spot in Munich). */
  vehiclePositions?: Record<string, Partial<FinderPosition>>;
}

/** Time as a client sees it: the `{ now, sleep }` shape of `@bimmer/auth`'s `AuthClock`. */
export interface SimulatorClientClock {
  /** Now on the simulator clock, epoch ms. */
  now(): number;
  /** Resolves after `milliseconds` of real time. */
  sleep(milliseconds: number): Promise<void>;
}

/** A running simulator. */
export interface Simulator {
  /** `http://127.0.0.1:<port>`, without trailing slash: every region's base URL. */
  readonly url: string;
  /** The interface it listens on (the `host` option). */
  readonly host: string;
  /** The port it listens on (the free one picked for `port: 0`). */
  readonly port: number;
  /** `mqtt://127.0.0.1:<port>` of the CarData broker, once the CarData side runs one. */
  readonly mqttUrl: string | undefined;
  /** Whether an hCaptcha token may be presented more than once (`single-use` or `reusable`). */
  readonly captcha: CaptchaPolicy;
  /**
   * The simulator clock for clients, shaped like `@bimmer/auth`'s `AuthClock`: `now()` is
   * {@link Simulator.now} (it follows `advanceClock` and `setClock`), `sleep(ms)` really waits. Pass
   * it as `clock: sim.clock` to a China authenticator so its login nonces stay fresh when a test
   * moves the simulator clock.
   */
  readonly clock: SimulatorClientClock;
  /** The demo account's credentials when no accounts were configured. */
  readonly demoAccount: { username: string; password: string } | undefined;
  /** The accounts: username, gcid and owned VINs. */
  readonly accounts: ReadonlyArray<{ username: string; gcid: string; vins: string[] }>;
  /** The served VINs, sorted. */
  vins(): string[];
  /** The VINs the CarData side serves now (PRIMARY and SECONDARY), sorted. */
  cardataVins(): string[];
  /** Every request so far (the same log as `GET /_simulator/requests`), secrets masked. */
  requests(): LoggedRequest[];
  /** Empties the request log. */
  clearRequests(): void;
  /** Back to the start: recorded state, no tokens or spent captcha tokens, start-up faults, empty log, unmoved clock. */
  reset(): void;
  /** Arms a fault (`KIND[@PATH_PREFIX][*COUNT][%PERCENT[~SEED]]`). */
  addFault(spec: string | FaultSpec): ActiveFault;
  /** The armed faults. */
  faults(): ActiveFault[];
  /** Disarms every fault. */
  clearFaults(): void;
  /** The vehicle state document (`{capabilities, state}`) served now; undefined for an unknown VIN. */
  state(vin: string): unknown;
  /** The charging-settings document served now. */
  chargingSettings(vin: string): unknown;
  /**
   * Makes the car report something new: merges `change.patch` (a JSON merge patch of the state
   * document) into the served state and sets its report time (`state.lastFetched`) to `change.at`
   * (default now). Returns the state document served from now on; undefined for a VIN without a
   * state. Throws a `TypeError` for an `at` that is no instant or a patch that is no object.
   */
  changeState(vin: string, change: VehicleStateChange): unknown;
  /** POIs sent to a vehicle (or all vehicles). */
  sentPois(vin?: string): SentPoi[];
  /** Remote commands triggered so far. */
  events(): RemoteEvent[];
  /** Changes how remote commands triggered from now on progress. */
  setRemoteServices(behaviour: RemoteServiceBehaviour): RemoteServiceBehaviour;
  /** Now on the simulator clock, epoch ms. */
  now(): number;
  /** Moves the clock, e.g. past the token lifetime. */
  advanceClock(ms: number): void;
  /** Sets the clock (keeps ticking from there). */
  setClock(at: number | Date): void;
  /**
   * Plays a scenario on the CarData side (stream messages and REST data over time) on the
   * simulator clock: every step `afterMs` after now, so `advanceClock`/`setClock` play the steps they
   * pass at once, each stamped with its own time (`await playback.settled()` waits for them).
   * `reset()` and `stop()` cancel it. Files: {@link DEFAULT_SCENARIOS}, `readScenarioFile(path)`.
   *
   * @throws TypeError when the scenario is malformed, naming the step.
   */
  playScenario(scenario: Scenario): ScenarioPlayback;
  /** Stops the server (and the CarData broker). */
  stop(): Promise<void>;
}

const FLEET = fleetRoot();

/**
 * Our own MyBMW fleet (eleven vehicles, `fixtures/mybmw` in the repository, shipped inside this
 * package), served by default; undefined only when this module was bundled without its files.
 */
export const DEFAULT_FINGERPRINTS: string | undefined = FLEET && join(FLEET, 'mybmw');

/**
 * Our own CarData vehicles (`fixtures/cardata/rest` in the repository, shipped inside this
 * package), served by default; undefined only when this module was bundled without its files.
 */
export const DEFAULT_CARDATA_VEHICLES: string | undefined = FLEET && join(FLEET, 'cardata', 'rest');

/**
 * Our own CarData scenario files (`fixtures/cardata/scenarios` in the repository, shipped inside this
 * package): `charging-session.json`, `trip-doors-locks.json` and `commuter-week.json` (a week of a
 * charging-and-commuting car). Play one with `sim.playScenario(await readScenarioFile(path))`.
 */
export const DEFAULT_SCENARIOS: string | undefined = FLEET && join(FLEET, 'cardata', 'scenarios');

const OUTCOMES: readonly RemoteOutcome[] = ['EXECUTED', 'ERROR', 'STALL'];

async function loadFingerprints(option: SimulatorOptions['fingerprints']): Promise<Fingerprint> {
  if (option === undefined) {
    return DEFAULT_FINGERPRINTS !== undefined && existsSync(DEFAULT_FINGERPRINTS)
      ? readFingerprintDirectories([DEFAULT_FINGERPRINTS])
      : emptyFingerprint();
  }
  const directories = typeof option === 'string' ? [option] : [...option];
  for (const directory of directories) {
    if (!existsSync(directory)) throw new TypeError(`Fingerprint directory ${directory} does not exist.`);
  }
  return readFingerprintDirectories(directories);
}

function checkBehaviour(behaviour: RemoteServiceBehaviour): void {
  const outcomes = [
    behaviour.outcome,
    ...Object.values(behaviour.services ?? {}).map((service) => service.outcome),
  ];
  for (const outcome of outcomes) {
    if (outcome !== undefined && !OUTCOMES.includes(outcome)) {
      throw new TypeError(`Unknown remote-service outcome ${String(outcome)}: use EXECUTED, ERROR or STALL.`);
    }
  }
}

function urlHost(host: string): string {
  if (host === '0.0.0.0' || host === '::' || host === '') return '127.0.0.1';
  return host.includes(':') ? `[${host}]` : host;
}

/**
 * Starts a local MyBMW backend (plus the CarData side) that replays fingerprint directories.
 * `await startSimulator()` serves our own fleet on a free port with the demo account.
 */
export async function startSimulator(options: SimulatorOptions = {}): Promise<Simulator> {
  const host = options.host ?? '127.0.0.1';
  const tokenLifetimeSeconds = options.tokenLifetimeSeconds ?? DEFAULT_TOKEN_LIFETIME_SECONDS;
  if (!(tokenLifetimeSeconds > 0)) throw new TypeError('tokenLifetimeSeconds must be positive.');
  if (options.remoteServices) checkBehaviour(options.remoteServices);
  const fingerprint = await loadFingerprints(options.fingerprints);
  const clock = new SimulatorClock(options.clock);
  const accounts = new Accounts(options.accounts);
  const fleet = new Fleet(fingerprint);
  const faults = new FaultSet();
  const startupFaults = options.faults ?? [];
  const armStartupFaults = () => {
    for (const fault of startupFaults) faults.add(fault);
  };
  armStartupFaults();
  const log = new RequestLog();
  const china = new ChinaLogin(options.chinaCaptcha ?? 'recorded');
  const captcha = new CaptchaTokens(options.captcha ?? DEFAULT_CAPTCHA_POLICY);
  let baseUrl = '';
  const context: SimulatorContext = {
    url: () => baseUrl,
    clock,
    accounts,
    tokens: new TokenStore(clock, tokenLifetimeSeconds),
    fleet,
    fingerprint,
    remote: new RemoteEvents(options.remoteServices),
    captcha,
    oauthClients: oauthClientsFrom(fingerprint),
  };
  const positions = new Map(
    Object.entries(options.vehiclePositions ?? {}).map(([vin, position]) => [vin.toUpperCase(), position]),
  );
  const cardata = await startCarDataSimulator({
    now: () => clock.now(),
    onClockMove: (listener) => clock.onMove(listener),
    host,
    tokenLifetimeSeconds,
    vehicles: startVehicles(options.cardataVehicles, DEFAULT_CARDATA_VEHICLES),
  });

  const router = new Router();
  addAuthRoutes(router, context);
  addChinaRoutes(router, context, china);
  addVehicleRoutes(router, context);
  addRemoteRoutes(router, context, { positions });
  addGeocodingRoutes(router);
  // Filled once the handle exists (below); no request can arrive before startSimulator returns.
  const adminRouter = new Router();

  const latencyMs = options.latencyMs ?? 0;
  const handle = async (request: IncomingMessage, response: ServerResponse): Promise<void> => {
    const arrived = clock.now();
    const target = request.url ?? '/';
    // Concatenate rather than resolve, so a path like `//x` stays a path instead of becoming a host.
    const url = new URL(target.startsWith('/') ? `${baseUrl}${target}` : target);
    const body = await readBody(request);
    const admin = url.pathname.startsWith('/_simulator/');
    let entry: LoggedRequest | undefined;
    if (!admin) {
      entry = trackRequest(log, request, response, url, body, arrived);
      await delay(latencyMs);
      // Before the CarData dispatch, so that faults hit CarData routes too ("per endpoint or global").
      const vinHeader = request.headers['bmw-vin'];
      const fault = faults.take(url.pathname, typeof vinHeader === 'string' ? vinHeader : undefined);
      if (fault) {
        entry.fault = fault.kind;
        await delay(fault.delayMs ?? 0);
        if (injectFault(fault, response) === 'done') return;
      }
    }
    if (await cardata.handle(request, response, url, body)) {
      if (entry) entry.handledBy = 'cardata';
      return;
    }
    const match = (admin ? adminRouter : router).match(request.method ?? 'GET', url.pathname);
    if ('allowed' in match) {
      if (match.allowed.length > 0) {
        sendApiError(
          response,
          405,
          `Method ${request.method ?? ''} not allowed; use ${match.allowed.join(', ')}.`,
        );
      } else {
        sendApiError(response, 404, 'Resource not found.');
      }
      return;
    }
    await match.handler({ request, response, url, body, params: match.params });
  };

  const server = createServer((request, response) => {
    handle(request, response).catch((error: unknown) => {
      if (!response.headersSent) {
        sendJson(response, 500, { statusCode: 500, message: `Simulator error: ${String(error)}` });
      } else {
        response.destroy();
      }
    });
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, host, () => {
      server.off('error', reject);
      resolve();
    });
  });
  const port = (server.address() as AddressInfo).port;
  baseUrl = `http://${urlHost(host)}:${port}`;

  const stateOf = (vin: string, pick: 'state' | 'chargingSettings') => {
    const document = fleet.get(vin)?.[pick];
    return document?.json === undefined ? undefined : structuredClone(document.json);
  };
  const simulator: Simulator = {
    url: baseUrl,
    host,
    port,
    get mqttUrl() {
      return cardata.mqttUrl;
    },
    captcha: captcha.policy,
    clock: { now: () => clock.now(), sleep: (milliseconds) => delay(milliseconds) },
    demoAccount: options.accounts && options.accounts.length > 0 ? undefined : { ...DEMO_ACCOUNT },
    accounts: accounts.list().map((account) => ({
      username: account.username,
      gcid: account.gcid,
      vins: account.vins ? [...account.vins] : fleet.vins(),
    })),
    vins: () => fleet.vins(),
    cardataVins: () => cardata.vins(),
    requests: () => log.list(),
    clearRequests: () => log.clear(),
    reset: () => {
      fleet.reset();
      context.tokens.reset();
      context.remote.reset();
      china.reset();
      captcha.reset();
      faults.clear();
      armStartupFaults();
      log.clear();
      clock.reset();
      cardata.reset();
    },
    addFault: (spec) => faults.add(spec),
    faults: () => faults.list(),
    clearFaults: () => faults.clear(),
    state: (vin) => stateOf(vin, 'state'),
    chargingSettings: (vin) => stateOf(vin, 'chargingSettings'),
    changeState: (vin, change) => {
      const at = changeInstant(change.at, clock.now());
      if (typeof at === 'string') throw new TypeError(at);
      if (change.patch !== undefined && !isJsonObject(change.patch)) {
        throw new TypeError('patch must be a JSON object (a merge patch of {capabilities, state}).');
      }
      if (!changeVehicleState(fleet.get(vin)?.state, change.patch, at)) return undefined;
      return stateOf(vin, 'state');
    },
    sentPois: (vin) =>
      (vin === undefined
        ? fleet.list()
        : [fleet.get(vin)].filter((vehicle) => vehicle !== undefined)
      ).flatMap((vehicle) => structuredClone(vehicle.pois)),
    events: () => context.remote.list(),
    setRemoteServices: (behaviour) => {
      checkBehaviour(behaviour);
      context.remote.configure(behaviour);
      return context.remote.behaviour();
    },
    now: () => clock.now(),
    advanceClock: (ms) => clock.advance(ms),
    setClock: (at) => clock.set(at),
    playScenario: (scenario) => cardata.playScenario(parseScenario(scenario)),
    stop: async () => {
      await new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      });
      await cardata.stop();
    },
  };

  const actions: AdminActions = {
    info: () => ({
      url: baseUrl,
      mqttUrl: cardata.mqttUrl ?? null,
      accounts: simulator.accounts,
      vins: fleet.vins(),
      tokenLifetimeSeconds,
      captcha: captcha.policy,
      now: new Date(clock.now()).toISOString(),
    }),
    requests: simulator.requests,
    clearRequests: simulator.clearRequests,
    reset: simulator.reset,
    addFault: (spec) => faults.add(spec),
    faults: simulator.faults,
    clearFaults: simulator.clearFaults,
    state: simulator.state,
    chargingSettings: simulator.chargingSettings,
    changeState: simulator.changeState,
    sentPois: simulator.sentPois,
    events: simulator.events,
    now: simulator.now,
    advanceClock: simulator.advanceClock,
    setClock: (at) => clock.set(at),
    setRemoteServices: simulator.setRemoteServices,
  };
  addAdminRoutes(adminRouter, actions);
  return simulator;
}
