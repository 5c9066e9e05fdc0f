import { carDataLedger } from '../account/open-cardata-account';
import type { CommandHandler, QuotaOptions } from '../program';
import { formatTime } from '../render/format';

/**
 * `bimmer quota`: how many of the CarData REST calls of the current window are used, how many are
 * left and when the next one is free. Reads the local ledger only: costs no call.
 */
export const quotaCommand: CommandHandler<QuotaOptions> = async (context, _positionals, options) => {
  const usage = await (await carDataLedger(context)).usage();
  const { stdout } = context.io;
  if (options.json === true) {
    stdout.write(
      `${JSON.stringify(
        {
          limit: usage.limit,
          used: usage.used,
          remaining: usage.remaining,
          window: usage.window,
          nextFreeAt: usage.nextFreeAt.toISOString(),
          ...(usage.blockedUntil === undefined ? {} : { blockedUntil: usage.blockedUntil.toISOString() }),
        },
        null,
        2,
      )}\n`,
    );
    return undefined;
  }
  const window = usage.window === 'rolling' ? 'in the last 24 hours' : 'since midnight UTC';
  const lines = [
    `CarData calls ${window}: ${usage.used} of ${usage.limit} used, ${usage.remaining} left.`,
    usage.remaining > 0 ? 'Next call: now.' : `Next call: ${formatTime(usage.nextFreeAt)}.`,
  ];
  if (usage.blockedUntil !== undefined)
    lines.push(`BMW reported the quota reached until ${formatTime(usage.blockedUntil)}.`);
  stdout.write(`${lines.join('\n')}\n`);
  return undefined;
};
