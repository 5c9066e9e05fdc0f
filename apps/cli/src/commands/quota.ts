import { ExitCode } from '../exit-codes';
import { formatTime } from '../render/format';
import { defineCommand, example } from './definition';

/** Options of `bimmer quota`. */
export interface QuotaOptions {
  readonly json?: boolean;
}

/**
 * `bimmer quota`: how many of the CarData REST calls of the current window are used, how many are
 * left and when the next one is free. Reads the local ledger only: costs no call.
 */
export const quota = defineCommand<QuotaOptions>({
  name: 'quota',
  group: 'Account:',
  summary: 'show how many CarData calls are left today',
  description:
    'Show how many of the 50 daily CarData REST calls are used and when the next one is free. Costs no call.',
  options: [{ flags: '--json', description: 'print the usage as JSON' }],
  examples: [example('quota --json', 'the CarData budget as JSON')],
  exitCodes: [ExitCode.auth, ExitCode.files],
  async run(context, _positionals, options) {
    const { carDataLedger } = await import('../account/open-cardata-account');
    const usage = await (await carDataLedger(context)).usage();
    const { stdout } = context.io;
    if (options.json === true) {
      const json = {
        limit: usage.limit,
        used: usage.used,
        remaining: usage.remaining,
        window: usage.window,
        nextFreeAt: usage.nextFreeAt.toISOString(),
        ...(usage.blockedUntil === undefined ? {} : { blockedUntil: usage.blockedUntil.toISOString() }),
      };
      stdout.write(`${JSON.stringify(json, null, 2)}\n`);
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
  },
});
