import type { IncomingMessage, ServerResponse } from 'node:http';
import { type CarDataBroker, startBroker } from './broker';
import { type ControlContext, handleControl, playStep } from './control-routes';
import { handleDeviceCode, handleToken, isCarDataTokenRequest } from './oauth-routes';
import { handleRest } from './rest-routes';
import type { Scenario } from './scenario';
import { playScenario, type ScenarioPlayback } from './scenario-player';
import { type CarDataSimState, createState, type LoggedRequest, type SimulatedVehicle } from './state';

export type { CarDataSimulatorConfig, LoggedRequest, SimulatedVehicle } from './state';

/** What the MyBMW side of the simulator hands to the CarData side. */
export interface CarDataSimulatorContext {
  /** The simulator's clock in epoch milliseconds (tests move it). */
  now: () => number;
  /** Calls `listener` whenever the simulator clock is moved (scenarios play on it); none by default. */
  onClockMove?: ((listener: () => void) => () => void) | undefined;
  /** The host the simulator listens on (the MQTT broker listens there too). */
  host: string;
  /** Access and ID token lifetime in seconds (`--token-lifetime`). */
  tokenLifetimeSeconds: number;
  /** The vehicles served at start and after every reset (copied; default none). */
  vehicles?: ReadonlyMap<string, SimulatedVehicle>;
}

/** The CarData part of the simulator: device-code login, REST API and the MQTT broker. */
export interface CarDataSimulator {
  /**
   * Handles the request when it is a CarData one and returns true; returns false to let the MyBMW
   * routes handle it. `body` is the whole request body, already read.
   */
  handle(request: IncomingMessage, response: ServerResponse, url: URL, body: Buffer): Promise<boolean>;
  /** `mqtt://<host>:<port>` of the broker, once started. */
  readonly mqttUrl: string | undefined;
  /** The gcid of the simulated CarData account (the MQTT username). */
  readonly gcid: string;
  /** Every CarData request served since the last reset (tests count REST calls with it). */
  requests(): readonly LoggedRequest[];
  /** The VINs served now (PRIMARY and SECONDARY), sorted. */
  vins(): string[];
  /** Plays a scenario on the simulator clock (see `scenario.ts` for the format). */
  playScenario(scenario: Scenario): ScenarioPlayback;
  /** Forgets tokens, codes, quota use, published state and scenarios, back to the start vehicles (POST /_simulator/reset). */
  reset(): void;
  /** Stops the broker. */
  stop(): Promise<void>;
}

/**
 * Starts the CarData side: the device-code and token endpoints, the REST API under `/customers/…`
 * with BMW's quota and CU errors, test controls under `/_simulator/cardata/…`, and an MQTT broker
 * on `<host>:0`.
 */
export async function startCarDataSimulator(context: CarDataSimulatorContext): Promise<CarDataSimulator> {
  const fresh = () => createState(context.tokenLifetimeSeconds, context.vehicles);
  let state: CarDataSimState = fresh();
  const broker: CarDataBroker = await startBroker(() => state, context.host, context.now);
  let scenarios: ScenarioPlayback[] = [];
  const cancelScenarios = () => {
    for (const playback of scenarios) playback.cancel();
    scenarios = [];
  };
  const control = (): ControlContext => ({
    state,
    broker,
    playScenario: (scenario) => {
      const playback = playScenario(scenario, {
        now: context.now,
        onClockMove: context.onClockMove ?? (() => () => {}),
        run: (step, at) => playStep(control(), step, at),
        onError: (error) => console.error('cardata scenario step failed:', error),
      });
      scenarios.push(playback);
      return playback;
    },
    scenarios: () => [...scenarios],
  });

  const log = (kind: LoggedRequest['kind'], method: string, path: string, status: number) => {
    state.requests.push({ kind, method, path, status, at: context.now() });
  };

  return {
    get mqttUrl() {
      return broker.url;
    },
    get gcid() {
      return state.gcid;
    },
    requests: () => [...state.requests],
    vins: () => [...state.vehicles.keys()].sort(),
    playScenario: (scenario) => control().playScenario(scenario),
    async handle(
      request: IncomingMessage,
      response: ServerResponse,
      url: URL,
      body: Buffer,
    ): Promise<boolean> {
      const method = request.method ?? 'GET';
      const path = url.pathname;
      const now = context.now();
      if (method === 'POST' && path === '/gcdm/oauth/device/code') {
        handleDeviceCode(state, now, `http://${request.headers.host ?? context.host}`, body, response);
        log('oauth', method, path, response.statusCode);
        return true;
      }
      if (method === 'POST' && path === '/gcdm/oauth/token') {
        if (!isCarDataTokenRequest(state, request, body)) return false;
        handleToken(state, now, body, response);
        log('oauth', method, path, response.statusCode);
        return true;
      }
      if (method === 'GET' && path === '/oneid/link') {
        const text =
          'Simulated BMW login page: approve pending codes with POST /_simulator/cardata/approve.\n';
        response.writeHead(200, { 'content-type': 'text/plain; charset=utf-8' }).end(text);
        return true;
      }
      if (path.startsWith('/customers/')) {
        const status = handleRest(state, now, request, url, body, response);
        log('rest', method, path, status);
        return true;
      }
      if (path.startsWith('/_simulator/cardata/')) {
        const status = await handleControl(control(), method, url, body, response);
        return status !== undefined;
      }
      return false;
    },
    reset() {
      cancelScenarios();
      broker.disconnectAll();
      state = fresh();
    },
    async stop() {
      cancelScenarios();
      await broker.stop();
    },
  };
}
