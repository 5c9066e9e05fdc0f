import type { MyBMWAccount, MyBMWVehicle } from '@bimmer/mybmw';
import type { CliContext } from '../context';

/**
 * Loads the account's vehicles with a progress line, and warns about vehicles that failed to load
 * (the others are still shown; the account fails only when all fail).
 */
export async function loadVehicles(
  context: CliContext,
  account: MyBMWAccount,
  options: { quiet?: boolean } = {},
): Promise<readonly MyBMWVehicle[]> {
  const progress = options.quiet === true ? undefined : context.progress();
  progress?.start('Logging in and loading vehicles…');
  const stop = context.cleanups.add(() => progress?.stop());
  try {
    const vehicles = await account.getVehicles();
    progress?.stop();
    for (const failure of account.lastLoad?.failures ?? []) {
      context.log.warn(`${failure.subject} could not be loaded: ${failure.error.message}`);
    }
    return vehicles;
  } catch (error) {
    progress?.fail('Could not load the vehicles.');
    throw error;
  } finally {
    stop();
  }
}
