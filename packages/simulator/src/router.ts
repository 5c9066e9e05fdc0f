import type { IncomingMessage, ServerResponse } from 'node:http';

/** What a route handler gets: the request, its parsed URL and body, and the path parameters. */
export interface RouteRequest {
  request: IncomingMessage;
  response: ServerResponse;
  url: URL;
  body: Buffer;
  /** Values of the `:name` segments of the route pattern. */
  params: Record<string, string>;
}

/** Handles one matched request. */
export type RouteHandler = (route: RouteRequest) => void | Promise<void>;

interface Route {
  method: string;
  segments: string[];
  handler: RouteHandler;
}

/**
 * A minimal method + path router. Patterns are literal paths whose `:name` segments match one path
 * segment each, e.g. `/eadrax-crccs/v1/vehicles/:vin/charging-settings`.
 */
export class Router {
  readonly #routes: Route[] = [];

  /** Adds a route; the first added route that matches wins. */
  add(method: string, pattern: string, handler: RouteHandler): this {
    this.#routes.push({ method: method.toUpperCase(), segments: pattern.split('/'), handler });
    return this;
  }

  /**
   * Finds the handler for a request: `{handler, params}`, or `{allowed}` listing the methods of the
   * routes whose path matched (empty when none did).
   */
  match(
    method: string,
    path: string,
  ): { handler: RouteHandler; params: Record<string, string> } | { allowed: string[] } {
    const segments = path.split('/');
    const allowed: string[] = [];
    for (const route of this.#routes) {
      const params = matchSegments(route.segments, segments);
      if (!params) continue;
      if (route.method === method.toUpperCase()) return { handler: route.handler, params };
      allowed.push(route.method);
    }
    return { allowed };
  }
}

function matchSegments(pattern: string[], path: string[]): Record<string, string> | undefined {
  if (pattern.length !== path.length) return undefined;
  const params: Record<string, string> = {};
  for (let index = 0; index < pattern.length; index++) {
    const expected = pattern[index] ?? '';
    const actual = path[index] ?? '';
    if (expected.startsWith(':')) {
      if (actual === '') return undefined;
      params[expected.slice(1)] = decodeURIComponent(actual);
    } else if (expected !== actual) {
      return undefined;
    }
  }
  return params;
}
