import { CARDATA_API_SCOPE, CARDATA_STREAMING_SCOPE } from './constants';

/** A scope a CarData login needs, with the portal subscription that grants it. */
export interface CarDataScopeRequirement {
  /** The OAuth scope. */
  readonly scope: typeof CARDATA_API_SCOPE | typeof CARDATA_STREAMING_SCOPE;
  /** The subscription for the client ID in BMW's CarData portal that grants the scope. */
  readonly service: 'CarData API' | 'CarData Stream';
  /** What fails without it: `rest` (every REST call answers CU-103) or `stream` (the broker refuses). */
  readonly feature: 'rest' | 'stream';
}

/** Every scope bimmer's CarData features need, with the subscription that grants each. */
export const CARDATA_REQUIRED_SCOPES: readonly CarDataScopeRequirement[] = [
  { scope: CARDATA_API_SCOPE, service: 'CarData API', feature: 'rest' },
  { scope: CARDATA_STREAMING_SCOPE, service: 'CarData Stream', feature: 'stream' },
];

/**
 * The required scopes a stored CarData login lacks (empty when it has them all), or undefined when
 * BMW sent no scopes with the tokens, so nobody can tell. A missing scope is the portal pitfall of
 * subscribing after logging in: tokens issued before a subscription never work for it, and only a
 * new device-code login (after subscribing) fixes it.
 */
export function missingCarDataScopes(tokens: {
  readonly scope?: string | undefined;
}): readonly CarDataScopeRequirement[] | undefined {
  const granted = (tokens.scope ?? '').split(/\s+/).filter((scope) => scope !== '');
  if (granted.length === 0) return undefined;
  return CARDATA_REQUIRED_SCOPES.filter((requirement) => !granted.includes(requirement.scope));
}
