import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import {
  BimmerApiError,
  BimmerAuthError,
  BimmerBlockedError,
  BimmerCaptchaRequiredError,
  BimmerNotFoundError,
  BimmerQuotaError,
  BimmerRemoteServiceError,
  BimmerUnsupportedError,
  BimmerValidationError,
} from '@bimmer/core';
import { describe, expect, it } from 'vitest';
import { PromptCancelledError } from './credentials/prompt';
import { CliFileError } from './errors/cli-file-error';
import { CliUsageError } from './errors/cli-usage-error';
import { exitCodeForError } from './errors/exit-code-for-error';
import { IncompleteLoadError } from './errors/incomplete-load-error';
import { NothingCachedError } from './errors/nothing-cached-error';
import { ExitCode, exitCodeHelp } from './exit-codes';

describe('exit codes', () => {
  it('give every kind of failure its own code', () => {
    const cases: Array<[unknown, number]> = [
      [new BimmerAuthError('wrong password'), ExitCode.auth],
      [new BimmerCaptchaRequiredError('captcha'), ExitCode.captchaRequired],
      [new BimmerQuotaError('quota'), ExitCode.quota],
      [new BimmerBlockedError(), ExitCode.blocked],
      [new BimmerRemoteServiceError('failed'), ExitCode.remoteService],
      [new BimmerNotFoundError('no such VIN'), ExitCode.notFound],
      [new BimmerUnsupportedError('no horn'), ExitCode.unsupported],
      [new BimmerValidationError('bad soc'), ExitCode.usage],
      [new CliUsageError('bad flag'), ExitCode.usage],
      [new PromptCancelledError(), ExitCode.interrupted],
      [new IncompleteLoadError([{ what: 'WBA00000000000001', reason: 'HTTP 500' }]), ExitCode.partial],
      [new CliFileError('folder', { path: '/x' }), ExitCode.files],
      [new NothingCachedError('nothing kept yet'), ExitCode.nothingCached],
      [new BimmerApiError('unwritable', { action: 'check-files' }), ExitCode.files],
      [new BimmerApiError('500'), ExitCode.error],
      [new Error('bug'), ExitCode.error],
      ['a string', ExitCode.error],
    ];
    for (const [error, code] of cases) expect(exitCodeForError(error)).toBe(code);
    const failureCodes = cases
      .map(([, code]) => code)
      .filter((code) => code !== ExitCode.usage && code !== ExitCode.interrupted);
    expect(new Set(failureCodes).size).toBe(new Set(Object.values(ExitCode)).size - 3);
  });

  it('are all listed in the help text', () => {
    const help = exitCodeHelp();
    for (const code of Object.values(ExitCode)) expect(help).toMatch(new RegExp(`^\\s+${code}\\s`, 'm'));
  });
});

describe('the README', () => {
  it('lists every exit code with its meaning', () => {
    const readme = readFileSync(fileURLToPath(new URL('../README.md', import.meta.url)), 'utf8');
    for (const code of Object.values(ExitCode))
      expect(readme).toMatch(new RegExp(`^\\| ${code} \\| \\S`, 'm'));
  });
});
