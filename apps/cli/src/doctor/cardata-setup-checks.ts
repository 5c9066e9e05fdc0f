import { CARDATA_REQUIRED_SCOPES, missingCarDataScopes, type StoredTokens } from '@bimmer/auth';
import { type CarDataAccountState, cachedMappingsOf } from '@bimmer/cardata';

/** One line of `bimmer doctor`: a verdict and what it means (with the fix, when something is wrong). */
export interface DoctorCheck {
  readonly verdict: 'ok' | 'warn' | 'fail';
  readonly text: string;
}

type CarDataTokens = Extract<StoredTokens, { kind: 'cardata' }>;

/** The bimmer command that fails without each feature's scope, as the doctor names it. */
const NEEDED_FOR = { rest: 'status --transport cardata', stream: 'stream' } as const;

/**
 * The granted scopes of a stored CarData login, judged by the SDK (`missingCarDataScopes`, one
 * rule for every adapter). A missing one is the portal pitfall of subscribing after logging in:
 * tokens issued before a subscription never work for it.
 */
export function carDataScopeChecks(tokens: CarDataTokens): DoctorCheck[] {
  const missing = missingCarDataScopes(tokens);
  if (missing === undefined) {
    return [{ verdict: 'warn', text: 'CarData scopes unknown (BMW sent none with the tokens).' }];
  }
  return CARDATA_REQUIRED_SCOPES.map(({ scope, service, feature }) =>
    missing.some((requirement) => requirement.scope === scope)
      ? {
          verdict: 'fail',
          text:
            `CarData scope ${scope} missing, so bimmer ${NEEDED_FOR[feature]} fails. In the MyBMW portal subscribe ` +
            `"${service}" for the client ID, wait 30-120 s, then bimmer login --cardata again.`,
        }
      : { verdict: 'ok', text: `CarData scope ${scope} granted (${service})` },
  );
}

/**
 * What the cached CarData state says about the set-up, without a REST call: the vehicle mappings
 * (only PRIMARY users get data) and bimmer's container.
 */
export function carDataCacheChecks(state: CarDataAccountState | undefined): DoctorCheck[] {
  const cached = cachedMappingsOf(state);
  if (cached === undefined) {
    return [
      {
        verdict: 'warn',
        text: 'CarData vehicles not read yet: run bimmer status --transport cardata (1 + 2N calls the first time).',
      },
    ];
  }
  const primary = cached.mappings.filter((mapping) => mapping.readable);
  const others = cached.mappings.filter((mapping) => !mapping.readable);
  const checks: DoctorCheck[] = [];
  if (primary.length > 0) {
    checks.push({
      verdict: 'ok',
      text: `CarData vehicles: ${primary.map((mapping) => mapping.vin).join(', ')} (PRIMARY)`,
    });
  } else {
    checks.push({
      verdict: 'fail',
      text:
        'CarData lists no vehicle you can read. The car needs an active SIM, an EU market and ConnectedDrive, ' +
        'and you must be its PRIMARY user; once it is mapped, run bimmer status --transport cardata --refresh.',
    });
  }
  for (const mapping of others) {
    checks.push({
      verdict: 'warn',
      text: `CarData vehicle ${mapping.vin} gets no data: ${mapping.reason ?? 'it is not PRIMARY'}.`,
    });
  }
  checks.push(
    state?.container === undefined
      ? {
          verdict: 'warn',
          text: "bimmer's CarData container is not set up yet (the first status creates it).",
        }
      : { verdict: 'ok', text: `bimmer's CarData container ${state.container.id} is set up` },
  );
  return checks;
}
