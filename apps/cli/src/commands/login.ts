import { CarDataSession, FileTokenStore } from '@bimmer/auth';
import { FlushableTokenStore } from '../account/flushable-token-store';
import { carDataTokenFile } from '../account/open-cardata-account';
import { openMyBMWAccount } from '../account/open-mybmw-account';
import type { CliContext } from '../context';
import { splitPositionals } from '../credentials/split-positionals';
import { CliUsageError } from '../exit-codes';
import { debugFetchOption } from '../output/debug-fetch';
import type { ActionResult, CommandHandler, LoginOptions } from '../program';
import { formatTime } from '../render/format';
import { nonEmpty } from '../util/non-empty';
import { credentialOptions } from './credential-options';

/**
 * `bimmer login`: logs in and stores the tokens, so later commands need no password or captcha.
 * With `--cardata --client-id ID`, runs BMW CarData's device-code login instead: shows the code and
 * the page to enter it on, waits for the approval and stores the CarData tokens.
 */
export const loginCommand: CommandHandler<LoginOptions> = async (context, positionals, options) => {
  if (options.cardata === true) return loginCarData(context, options);
  if (options.clientId !== undefined) throw new CliUsageError('--client-id belongs to --cardata.');
  const { credentials, rest } = splitPositionals(positionals, 0);
  if (rest.length > 0) throw new CliUsageError(`Unexpected arguments: ${rest.join(' ')}.`);
  const opened = await openMyBMWAccount(context, credentialOptions(context, credentials));
  const progress = context.progress();
  const stop = context.cleanups.add(() => progress.stop());
  progress.start(`Logging in as ${opened.identity.username}…`);
  try {
    await opened.run(() => opened.authenticator.getAccessToken());
    const where =
      opened.tokenFile === undefined
        ? 'kept in memory only (--no-token-store)'
        : `saved to ${opened.tokenFile}`;
    progress.succeed(
      `Logged in as ${opened.identity.username} (${opened.identity.region}); tokens ${where}.`,
    );
    return undefined;
  } catch (error) {
    progress.fail('Login failed.');
    throw error;
  } finally {
    stop();
  }
};

async function loginCarData(context: CliContext, options: LoginOptions): Promise<ActionResult> {
  const clientId = options.clientId ?? nonEmpty(context.io.env.BIMMER_CARDATA_CLIENT_ID);
  if (clientId === undefined) {
    throw new CliUsageError(
      'CarData needs the client ID you created in the MyBMW portal.',
      'Pass --client-id ID or set BIMMER_CARDATA_CLIENT_ID (see the @bimmer/cardata README).',
    );
  }
  if (!context.options.tokenStore)
    throw new CliUsageError('A CarData login must be stored: drop --no-token-store.');
  const tokenFile = carDataTokenFile(context);
  const store = new FlushableTokenStore(new FileTokenStore(tokenFile));
  context.cleanups.add(() => store.flush());
  const { log, stderrColors: colors } = context;
  const progress = context.progress();
  const stop = context.cleanups.add(() => progress.stop());
  try {
    await CarDataSession.login(
      {
        tokenStore: store,
        ...(context.options.baseUrl === undefined ? {} : { baseUrl: context.options.baseUrl }),
        ...debugFetchOption(context.options, (line) => log.debug(`CarData ${line}`)),
      },
      {
        clientId,
        onUserCode: (prompt) => {
          const page = prompt.verificationUriComplete ?? prompt.verificationUri;
          log.info(
            `To connect bimmer to BMW CarData, open\n\n  ${colors.bold(page)}\n\n` +
              `and enter the code ${colors.bold(prompt.userCode)} (valid until ${formatTime(new Date(prompt.expiresAt))}).\n`,
          );
          progress.start('Waiting for you to approve the login…');
        },
        onPoll: (event) =>
          progress.update(
            event.state === 'slow_down'
              ? 'Waiting for you to approve the login… (BMW asked to poll more slowly)'
              : `Waiting for you to approve the login… (check ${event.attempt})`,
          ),
      },
    );
    await store.flush();
    progress.succeed(`Logged in to BMW CarData; tokens saved to ${tokenFile}.`);
    log.info('Next: bimmer status --transport cardata, or bimmer stream.');
    return undefined;
  } catch (error) {
    progress.fail('The CarData login did not complete.');
    throw error;
  } finally {
    stop();
  }
}
