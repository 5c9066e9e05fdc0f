import type { CliContext } from '../context';
import type { CredentialOptions, PositionalCredentials } from '../credentials/resolve-credentials';

/** The credential options of a run: the global flags plus the compatibility positionals, if any. */
export function credentialOptions(
  context: CliContext,
  positional: PositionalCredentials | undefined,
): CredentialOptions {
  const { username, region, captchaToken, passwordStdin } = context.options;
  return { username, region, captchaToken, passwordStdin, positional };
}
