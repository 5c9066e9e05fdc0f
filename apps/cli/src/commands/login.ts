import type { CliContext } from '../context';
import { CliUsageError } from '../errors/cli-usage-error';
import { ExitCode } from '../exit-codes';
import { debugFetch } from '../output/debug-fetch';
import { formatTime } from '../render/format';
import { nonEmpty } from '../util/non-empty';
import { type ActionResult, CREDENTIALS_USAGE, defineCommand, example } from './definition';

/** Options of `bimmer login`. */
export interface LoginOptions {
  readonly cardata?: boolean;
  readonly clientId?: string;
}

/**
 * `bimmer login`: logs in, asks BMW whether the session works (one read-only request) and only then
 * says "logged in" and keeps the tokens, so later commands need no password or captcha. Stored tokens
 * BMW refuses lead to a fresh login (the password is asked for; outside China a captcha token is
 * needed, and the error says so).
 * With `--cardata --client-id ID`, runs BMW CarData's device-code login instead: shows the code and
 * the page to enter it on, waits for the approval and stores the CarData tokens.
 */
export const login = defineCommand<LoginOptions>({
  name: 'login',
  group: 'Account:',
  summary: 'log in once and keep the tokens (MyBMW, or CarData with --cardata)',
  description:
    'Log in and store the tokens, so later commands need neither password nor captcha. With --cardata, ' +
    "run BMW CarData's device-code login: bimmer shows a code and the page to enter it on, waits for " +
    'your approval and keeps the CarData tokens (for status --transport cardata, stream and quota).',
  usage: `[options] ${CREDENTIALS_USAGE}`,
  credentialPositionals: true,
  options: [
    { flags: '--cardata', description: 'log in to BMW CarData instead of MyBMW' },
    {
      flags: '--client-id <id>',
      description: 'your CarData client ID from the MyBMW portal (default: BIMMER_CARDATA_CLIENT_ID)',
    },
  ],
  examples: [
    example('login --username me@example.com --captcha-token P1_eY...', 'the first MyBMW login'),
    example('login --cardata --client-id 3f1c2b7a-0d4e-4c55-9a51-6d0e8f2b1c90', 'BMW CarData'),
  ],
  exitCodes: [ExitCode.auth, ExitCode.captchaRequired, ExitCode.quota, ExitCode.blocked, ExitCode.files],
  async run(context, positionals, options) {
    if (options.cardata === true) return loginCarData(context, options);
    if (options.clientId !== undefined) throw new CliUsageError('--client-id belongs to --cardata.');
    const { splitPositionals } = await import('../credentials/split-positionals');
    const { credentials, rest } = splitPositionals(positionals, 0);
    if (rest.length > 0) throw new CliUsageError(`Unexpected arguments: ${rest.join(' ')}.`);
    const [{ openMyBMWAccount }, { credentialOptions }, { isBimmerError }] = await Promise.all([
      import('../account/open-mybmw-account'),
      import('../credentials/credential-options'),
      import('@bimmer/core'),
    ]);
    /** A refused session, or a login that now needs a captcha: what a fresh login with the password fixes. */
    const isLoginRefusal = (error: unknown) =>
      isBimmerError(error, 'auth') || isBimmerError(error, 'captcha-required');
    const login = credentialOptions(context, credentials);
    let opened = await openMyBMWAccount(context, login);
    const progress = context.progress();
    const stop = context.cleanups.add(() => progress.stop());
    progress.start(`Logging in as ${opened.identity.username}…`);
    try {
      try {
        await opened.verify();
      } catch (error) {
        // BMW refused the stored session and no password was at hand: log in afresh, asking for it.
        if (!opened.resumingStoredSession || !isLoginRefusal(error)) throw error;
        progress.stop();
        context.log.warn('BMW no longer accepts the stored session; logging in again.');
        opened = await openMyBMWAccount(context, login, { freshLogin: true });
        progress.start(`Logging in as ${opened.identity.username}…`);
        await opened.verify();
      }
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
  },
});

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
  const [{ CarDataSession, FileTokenStore }, { compact }, { FlushableTokenStore }, { carDataTokenFile }] =
    await Promise.all([
      import('@bimmer/auth'),
      import('@bimmer/core/internal'),
      import('../account/flushable-token-store'),
      import('../account/open-cardata-account'),
    ]);
  const tokenFile = carDataTokenFile(context);
  const { checkTokenFileLocation } = await import('../files/token-file-preflight');
  await checkTokenFileLocation(tokenFile);
  const store = new FlushableTokenStore(new FileTokenStore(tokenFile));
  context.cleanups.add(() => store.flush());
  const { log, stderrColors: colors } = context;
  const progress = context.progress();
  const stop = context.cleanups.add(() => progress.stop());
  try {
    await CarDataSession.login(
      compact({
        tokenStore: store,
        baseUrl: context.options.baseUrl,
        fetch: debugFetch(context.options, (line) => log.debug(`CarData ${line}`)),
      }),
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
