import { openCarDataCliAccount } from '../account/open-cardata-account';
import type { CliContext } from '../context';
import type { DoctorCheck } from './cardata-setup-checks';

/** How long `doctor --stream` waits for the broker to accept the subscription. */
const STREAM_CHECK_TIMEOUT_MS = 10_000;

/**
 * Connects to the CarData stream once and subscribes, as `bimmer stream` does, then disconnects. BMW
 * allows one connection per account, so this knocks another client (Home Assistant, evcc) off for a
 * moment; it runs only when asked for. Costs no REST call.
 */
export async function carDataStreamCheck(context: CliContext): Promise<DoctorCheck> {
  const { account, store } = await openCarDataCliAccount(context);
  const warnings: string[] = [];
  account.on('warning', (text) => warnings.push(text));
  // The first failed attempt is the answer; a doctor does not wait through the reconnect backoff.
  const firstFailure = new Promise<Error>((resolve) => {
    account.on('connection', (change) => {
      if (change.state === 'reconnecting') resolve(new Error(change.reason ?? 'the connection failed'));
    });
  });
  const handle = await account.stream();
  try {
    const failure = await Promise.race([handle.connected(STREAM_CHECK_TIMEOUT_MS), firstFailure]);
    if (failure instanceof Error) throw failure;
    return { verdict: 'ok', text: 'CarData stream: connected and subscribed' };
  } catch (error) {
    const reason = (warnings[0] ?? (error instanceof Error ? error.message : String(error))).replace(
      /^CarData stream: /,
      '',
    );
    return {
      verdict: 'fail',
      text:
        `CarData stream did not connect: ${reason}. Subscribe "CarData Stream" and tick descriptors under ` +
        '"Configure data stream" in the MyBMW portal, then bimmer login --cardata again.',
    };
  } finally {
    await handle.stop();
    await store.flush();
  }
}
