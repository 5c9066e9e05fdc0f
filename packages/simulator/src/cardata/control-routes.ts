import type { ServerResponse } from 'node:http';
import type { CarDataBroker } from './broker';
import { readJson, sendJson } from './http';
import { playScenario, readScenario, type ScenarioStep } from './scenario';
import { type CarDataSimState, type CarDataSimulatorConfig, ensureVehicle } from './state';

/** What the control routes need besides the state. */
export interface ControlContext {
  state: CarDataSimState;
  broker: CarDataBroker;
  /** Keeps the cancel function of a scenario so reset and stop can cancel it. */
  addScenario: (cancel: () => void) => void;
}

/** Publishes a message on `<gcid>/<vin>` and mirrors its values into the REST data (as strings). */
export async function publishMessage(
  context: ControlContext,
  raw: string,
  vinHint?: string,
): Promise<string | undefined> {
  const parsed = safeParse(raw);
  const vin =
    vinHint ??
    (typeof parsed === 'object' && parsed !== null ? (parsed as { vin?: unknown }).vin : undefined);
  if (typeof vin !== 'string' || vin === '') return undefined;
  const vehicle = ensureVehicle(context.state, vin);
  const data =
    typeof parsed === 'object' && parsed !== null ? (parsed as { data?: unknown }).data : undefined;
  if (typeof data === 'object' && data !== null) {
    for (const [key, entry] of Object.entries(
      data as Record<string, { value?: unknown; unit?: unknown; timestamp?: unknown }>,
    )) {
      if (typeof entry !== 'object' || entry === null) continue;
      vehicle.telematic[key] = {
        value: entry.value === undefined || entry.value === null ? null : String(entry.value),
        unit: typeof entry.unit === 'string' ? entry.unit : null,
        timestamp: typeof entry.timestamp === 'string' ? entry.timestamp : null,
      };
    }
  }
  await context.broker.publish(`${context.state.gcid}/${vin}`, raw);
  return vin;
}

/** `/_simulator/cardata/*`. Returns the status sent, or undefined when the path is not one. */
export async function handleControl(
  context: ControlContext,
  method: string,
  url: URL,
  body: Buffer,
  response: ServerResponse,
): Promise<number | undefined> {
  const { state } = context;
  const path = url.pathname.slice('/_simulator/cardata'.length);
  const json = readJson(body);
  const reply = (status: number, value: unknown) => {
    sendJson(response, status, value);
    return status;
  };

  if (method === 'POST' && (path === '/approve' || path === '/deny')) {
    const wanted = (json as { userCode?: unknown } | undefined)?.userCode;
    let count = 0;
    for (const code of state.codes.values()) {
      if (code.status === 'pending' && (wanted === undefined || wanted === code.userCode)) {
        code.status = path === '/approve' ? 'approved' : 'denied';
        count++;
      }
    }
    return reply(200, { [path === '/approve' ? 'approved' : 'denied']: count });
  }
  if (method === 'POST' && path === '/publish') {
    const messages = Array.isArray(json) ? json.map((item) => JSON.stringify(item)) : [body.toString('utf8')];
    const vins: string[] = [];
    for (const raw of messages) {
      const vin = await publishMessage(context, raw, url.searchParams.get('vin') ?? undefined);
      if (vin === undefined) return reply(400, { error: 'A message needs a vin (in the body or ?vin=).' });
      vins.push(vin);
    }
    return reply(200, { published: vins.length, topics: vins.map((vin) => `${state.gcid}/${vin}`) });
  }
  const telematic = /^\/telematic\/([A-Z0-9]+)$/.exec(path);
  if (method === 'PUT' && telematic?.[1] !== undefined) {
    const vehicle = ensureVehicle(state, telematic[1]);
    const data = (json as { telematicData?: unknown } | undefined)?.telematicData ?? json;
    if (typeof data !== 'object' || data === null)
      return reply(400, { error: 'Expected {telematicData: {...}}.' });
    vehicle.telematic = data as typeof vehicle.telematic;
    return reply(200, { vin: telematic[1], keys: Object.keys(data).length });
  }
  const vehicleMatch = /^\/vehicles\/([A-Z0-9]+)$/.exec(path);
  if (method === 'PUT' && vehicleMatch?.[1] !== undefined) {
    const vehicle = ensureVehicle(state, vehicleMatch[1]);
    const patch = (json ?? {}) as Partial<typeof vehicle>;
    if (patch.mappingType === 'PRIMARY' || patch.mappingType === 'SECONDARY')
      vehicle.mappingType = patch.mappingType;
    if (typeof patch.basicData === 'object' && patch.basicData !== null) vehicle.basicData = patch.basicData;
    if (Array.isArray(patch.chargingHistory)) vehicle.chargingHistory = patch.chargingHistory;
    if (patch.tyreDiagnosis !== undefined) vehicle.tyreDiagnosis = patch.tyreDiagnosis;
    if (Array.isArray(patch.chargingSettings)) vehicle.chargingSettings = patch.chargingSettings;
    return reply(200, { vin: vehicleMatch[1], mappingType: vehicle.mappingType });
  }
  if (method === 'POST' && path === '/config') {
    Object.assign(state.config, pickConfig(json));
    return reply(200, state.config);
  }
  if (method === 'POST' && path === '/scenario') {
    const scenario = readScenario(json);
    if (scenario === undefined)
      return reply(400, { error: 'Expected {steps: [{afterMs, message|telematic}]}.' });
    const run = async (step: ScenarioStep) => {
      if (step.telematic !== undefined)
        ensureVehicle(state, step.telematic.vin).telematic = step.telematic.telematicData as never;
      if (step.message !== undefined) await publishMessage(context, JSON.stringify(step.message));
    };
    context.addScenario(
      playScenario(scenario, run, (error) => console.error('cardata scenario step failed:', error)),
    );
    return reply(202, { steps: scenario.steps.length });
  }
  if (method === 'POST' && path === '/revoke') {
    for (const token of [...state.accessTokens.values(), ...state.idTokens.values()]) token.revoked = true;
    for (const refresh of state.refreshTokens.values()) refresh.valid = false;
    context.broker.disconnectAll();
    return reply(200, { revoked: true });
  }
  if (method === 'POST' && path === '/disconnect') {
    context.broker.disconnectAll();
    return reply(200, { disconnected: true });
  }
  if (method === 'GET' && path === '/state') {
    return reply(200, {
      gcid: state.gcid,
      mqttUrl: context.broker.url,
      config: state.config,
      quotaUsed: state.calls.length,
      kicks: context.broker.kicks,
      streamLogins: context.broker.logins,
      pendingCodes: [...state.codes.values()].filter((code) => code.status === 'pending').length,
      vehicles: [...state.vehicles.keys()],
      containers: [...state.containers.values()].map(({ containerId, name, purpose, state: s }) => ({
        containerId,
        name,
        purpose,
        state: s,
      })),
    });
  }
  if (path === '/requests') {
    if (method === 'DELETE') {
      state.requests = [];
      return reply(200, { cleared: true });
    }
    if (method === 'GET') return reply(200, state.requests);
  }
  return undefined;
}

function pickConfig(value: unknown): Partial<CarDataSimulatorConfig> {
  if (typeof value !== 'object' || value === null) return {};
  const input = value as Record<string, unknown>;
  const result: Partial<CarDataSimulatorConfig> = {};
  const number = (key: keyof CarDataSimulatorConfig) =>
    typeof input[key] === 'number' && (input[key] as number) >= 0 ? (input[key] as number) : undefined;
  const set = <K extends keyof CarDataSimulatorConfig>(key: K, v: CarDataSimulatorConfig[K] | undefined) => {
    if (v !== undefined) result[key] = v;
  };
  set('pollIntervalSeconds', number('pollIntervalSeconds'));
  set('deviceCodeLifetimeSeconds', number('deviceCodeLifetimeSeconds'));
  set('slowDownPolls', number('slowDownPolls'));
  set('tokenLifetimeSeconds', number('tokenLifetimeSeconds'));
  set('quotaLimit', number('quotaLimit'));
  set('refuseStreamLogins', number('refuseStreamLogins'));
  if (input.pendingResponse === 'authorization_pending' || input.pendingResponse === 'bare-403') {
    result.pendingResponse = input.pendingResponse;
  }
  if (input.quotaWindow === 'rolling' || input.quotaWindow === 'utc-midnight')
    result.quotaWindow = input.quotaWindow;
  if (input.rateLimitStatus === 403 || input.rateLimitStatus === 429)
    result.rateLimitStatus = input.rateLimitStatus;
  return result;
}

function safeParse(raw: string): unknown {
  try {
    return JSON.parse(raw);
  } catch {
    return undefined;
  }
}
