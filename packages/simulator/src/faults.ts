import type { ServerResponse } from 'node:http';
import { QUOTA_MESSAGE, RATE_LIMIT_MESSAGE } from './constants';
import { sendApiError, sendBytes, sendText } from './http';

/** The kinds of fault the simulator can inject. */
export type FaultKind =
  | '429'
  | 'quota'
  | '401'
  | 'blocked'
  | '500'
  | 'slow'
  | 'drop'
  | 'malformed'
  | 'truncated';

/**
 * A parsed fault: what to inject, where, and how often. Grammar (also `--fault` and
 * `POST /_simulator/faults`): `KIND[@PATH_PREFIX][#VIN][*COUNT][%PERCENT[~SEED]]`, e.g. `429`,
 * `quota@/eadrax-vcs/v4/vehicles/state*2`, `500@/eadrax-vcs/v4/vehicles/state#WBA00000BIMMER001`,
 * `slow=250@/eadrax-vcs`, `500%25~7`.
 */
export interface FaultSpec {
  kind: FaultKind;
  /** For `slow`: the added delay in milliseconds. */
  delayMs?: number;
  /** Only requests whose path starts with this; every MyBMW request when absent. */
  pathPrefix?: string;
  /**
   * Only requests for this vehicle: its `bmw-vin` header or a path segment (case-insensitive), so
   * that one vehicle fails while the others load.
   */
  vin?: string;
  /** Inject into at most this many requests; unlimited when absent. */
  count?: number;
  /** Inject with this probability (0..1) per matching request; always when absent. */
  probability?: number;
  /** Seed of the deterministic random sequence that decides `probability`. */
  seed?: number;
}

const KINDS = new Set<string>(['429', 'quota', '401', 'blocked', '500', 'drop', 'malformed', 'truncated']);
const GRAMMAR =
  /^([a-z0-9]+)(?:=(\d+))?(?:@([^*%~#\s]+))?(?:#([A-Za-z0-9]+))?(?:\*(\d+))?(?:%(\d+(?:\.\d+)?)(?:~(\d+))?)?$/;

/** The documented fault grammar, for error messages and `--help`. */
export const FAULT_GRAMMAR =
  'KIND[@PATH_PREFIX][#VIN][*COUNT][%PERCENT[~SEED]] with KIND one of 429, quota, 401, blocked, 500, slow=MS, drop, malformed, truncated';

/** Parses one fault spec; throws a `TypeError` saying what is wrong. */
export function parseFaultSpec(spec: string): FaultSpec {
  const match = GRAMMAR.exec(spec.trim());
  if (!match) throw new TypeError(`Invalid fault "${spec}": expected ${FAULT_GRAMMAR}.`);
  const [, name = '', delay, pathPrefix, vin, count, percent, seed] = match;
  let fault: FaultSpec;
  if (name === 'slow') {
    if (delay === undefined)
      throw new TypeError(`Invalid fault "${spec}": slow needs a delay, e.g. slow=500.`);
    fault = { kind: 'slow', delayMs: Number(delay) };
  } else if (KINDS.has(name) && delay === undefined) {
    fault = { kind: name as FaultKind };
  } else {
    throw new TypeError(`Invalid fault "${spec}": unknown kind "${name}"; expected ${FAULT_GRAMMAR}.`);
  }
  if (pathPrefix !== undefined) {
    if (!pathPrefix.startsWith('/'))
      throw new TypeError(`Invalid fault "${spec}": the path prefix must start with /.`);
    fault.pathPrefix = pathPrefix;
  }
  if (vin !== undefined) fault.vin = vin;
  if (count !== undefined) fault.count = Number(count);
  if (percent !== undefined) {
    const probability = Number(percent) / 100;
    if (probability > 1) throw new TypeError(`Invalid fault "${spec}": the percentage must be at most 100.`);
    fault.probability = probability;
    fault.seed = seed === undefined ? 1 : Number(seed);
  }
  return fault;
}

/** Formats a fault back into the grammar (`parseFaultSpec(formatFaultSpec(f))` equals `f`). */
export function formatFaultSpec(fault: FaultSpec): string {
  let text = fault.kind === 'slow' ? `slow=${fault.delayMs ?? 0}` : fault.kind;
  if (fault.pathPrefix !== undefined) text += `@${fault.pathPrefix}`;
  if (fault.vin !== undefined) text += `#${fault.vin}`;
  if (fault.count !== undefined) text += `*${fault.count}`;
  if (fault.probability !== undefined) {
    text += `%${fault.probability * 100}`;
    if (fault.seed !== undefined) text += `~${fault.seed}`;
  }
  return text;
}

/** mulberry32: a tiny deterministic PRNG, enough to make `%PERCENT` faults reproducible. */
function seededRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** An active fault with its remaining count and random sequence. */
export interface ActiveFault extends FaultSpec {
  /** The spec in the grammar. */
  spec: string;
  /** How many more requests it will hit; undefined for unlimited. */
  remaining?: number;
}

interface FaultState {
  fault: ActiveFault;
  random: (() => number) | undefined;
}

/** The faults currently armed, consulted in the order they were added. */
export class FaultSet {
  #faults: FaultState[] = [];

  /** Arms a fault (a spec string or a parsed spec). */
  add(fault: string | FaultSpec): ActiveFault {
    const spec = typeof fault === 'string' ? parseFaultSpec(fault) : fault;
    const active: ActiveFault = { ...spec, spec: formatFaultSpec(spec) };
    if (spec.count !== undefined) active.remaining = spec.count;
    this.#faults.push({
      fault: active,
      random: spec.probability === undefined ? undefined : seededRandom(spec.seed ?? 1),
    });
    return { ...active };
  }

  /** The armed faults (copies). */
  list(): ActiveFault[] {
    return this.#faults.map((state) => ({ ...state.fault }));
  }

  /** Disarms every fault. */
  clear(): void {
    this.#faults = [];
  }

  /**
   * The fault to inject into a request to `path` (for the vehicle `vin`, when it names one), if any:
   * the first armed fault whose prefix and VIN match and whose dice (for `%PERCENT`) say yes. Counts
   * it and disarms it when its count is used up.
   */
  take(path: string, vin?: string): FaultSpec | undefined {
    for (const state of this.#faults) {
      const { fault } = state;
      if (fault.pathPrefix !== undefined && !path.startsWith(fault.pathPrefix)) continue;
      if (fault.vin !== undefined && !targetsVin(fault.vin, path, vin)) continue;
      if (state.random && state.random() >= (fault.probability ?? 1)) continue;
      if (fault.remaining !== undefined) {
        fault.remaining -= 1;
        if (fault.remaining <= 0) this.#faults = this.#faults.filter((other) => other !== state);
      }
      return fault;
    }
    return undefined;
  }
}

/** Whether a request to `path` with the `bmw-vin` header `header` is for the vehicle `vin`. */
function targetsVin(vin: string, path: string, header: string | undefined): boolean {
  const wanted = vin.toUpperCase();
  if (header?.toUpperCase() === wanted) return true;
  return path
    .toUpperCase()
    .split('/')
    .some((segment) => segment === wanted);
}

/**
 * Answers a request with the fault instead of the real response, or prepares the response for it.
 * Returns `'continue'` when the real handler must still run (`slow` after its delay, `truncated`,
 * which cuts the real body), `'done'` when the fault answered.
 */
export function injectFault(fault: FaultSpec, response: ServerResponse): 'continue' | 'done' {
  switch (fault.kind) {
    case '429':
      sendApiError(response, 429, RATE_LIMIT_MESSAGE);
      return 'done';
    case 'quota':
      sendApiError(response, 403, QUOTA_MESSAGE);
      return 'done';
    case '401':
      sendApiError(response, 401, 'Access denied due to invalid or expired access token.');
      return 'done';
    case 'blocked':
      sendText(response, 489, 'Blocked');
      return 'done';
    case '500':
      sendText(response, 500, 'Internal Server Error');
      return 'done';
    case 'malformed':
      sendBytes(response, 200, 'application/json; charset=utf-8', '{"statusCode": 200, "data": [{"vin": }');
      return 'done';
    case 'drop':
      response.socket?.destroy();
      return 'done';
    case 'truncated':
      truncateResponse(response);
      return 'continue';
    case 'slow':
      return 'continue';
  }
}

/**
 * Makes the next `end(body)` send the headers (with the full `content-length`) and only the first
 * half of the body, then close the connection: the client sees a body cut short.
 */
function truncateResponse(response: ServerResponse): void {
  response.end = ((chunk?: unknown) => {
    const body =
      typeof chunk === 'string'
        ? Buffer.from(chunk)
        : chunk instanceof Uint8Array
          ? Buffer.from(chunk)
          : Buffer.alloc(0);
    const socket = response.socket;
    response.write(body.subarray(0, Math.floor(body.length / 2)), () => socket?.destroy());
    return response;
  }) as ServerResponse['end'];
}
