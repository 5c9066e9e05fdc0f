import { isJsonObject } from '@bimmer/core/internal';
import type { DoctorCheck } from './cardata-setup-checks';

/** What `--base-url` points at: a bimmer simulator (which answers `/_simulator/info`), or another server. */
export interface ServerCheck {
  readonly check: DoctorCheck;
  /** True when the server is the bimmer simulator: BMW's block of MyBMW clients does not apply there. */
  readonly simulator: boolean;
}

/** How long a server gets to answer the doctor. */
const TIMEOUT_MS = 5000;

/** Asks the `--base-url` server whether it answers, and whether it is the bimmer simulator. */
export async function serverCheck(baseUrl: string): Promise<ServerCheck> {
  try {
    const response = await fetch(`${baseUrl}/_simulator/info`, { signal: AbortSignal.timeout(TIMEOUT_MS) });
    const info: unknown = response.ok ? await response.json().catch(() => undefined) : undefined;
    await response.body?.cancel().catch(() => undefined);
    if (isJsonObject(info) && Array.isArray(info.vins)) {
      return {
        simulator: true,
        check: {
          verdict: 'ok',
          text: `${baseUrl} is the bimmer simulator (${info.vins.length} MyBMW vehicles); BMW's block does not apply to it`,
        },
      };
    }
    const root = await fetch(baseUrl, { signal: AbortSignal.timeout(TIMEOUT_MS) });
    await root.body?.cancel().catch(() => undefined);
    return { simulator: false, check: { verdict: 'ok', text: `${baseUrl} answers (HTTP ${root.status})` } };
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    return { simulator: false, check: { verdict: 'fail', text: `${baseUrl} does not answer: ${reason}` } };
  }
}
