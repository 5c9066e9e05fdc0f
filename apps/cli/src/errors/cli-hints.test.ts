import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import {
  BimmerAuthError,
  BimmerBlockedError,
  BimmerCaptchaRequiredError,
  type BimmerErrorAction,
} from '@bimmer/core';
import type { Command } from 'commander';
import { describe, expect, it } from 'vitest';
import { Cleanups } from '../cleanups';
import { COMMANDS } from '../commands/index';
import { ExitCode } from '../exit-codes';
import { createColors } from '../output/colors';
import { buildProgram } from '../program';
import { reportError } from '../report-error';
import { runCli } from '../run-cli';
import { memoryIo, type RecordedRun, recordingCommands } from '../test-support';
import { CLI_HINTS, cliHintFor } from './cli-hints';

const ACTIONS: readonly BimmerErrorAction[] = [
  'mybmw-login',
  'captcha-token',
  'cardata-login',
  'cardata-portal',
  'use-cardata',
  'use-hub',
  'wait',
  'check-vin',
  'check-input',
  'check-network',
  'check-files',
];

describe('CLI hints', () => {
  it('advise on every action of the SDK', () => {
    expect(Object.keys(CLI_HINTS).sort()).toEqual([...ACTIONS].sort());
  });

  it('name only command lines that the CLI parses and runs', async () => {
    for (const [action, hint] of Object.entries(CLI_HINTS)) {
      for (const args of hint.commands) {
        expect(hint.text, action).toContain(`bimmer ${args.join(' ')}`);
        const runs: RecordedRun[] = [];
        const { io, stderr } = memoryIo();
        const code = await runCli(args, io, recordingCommands(runs));
        expect(code, `${action}: bimmer ${args.join(' ')}: ${stderr.text}`).toBe(ExitCode.ok);
        const asksForHelp = args.includes('--help') || args[0] === 'help';
        expect(
          runs.map((run) => run.name),
          args.join(' '),
        ).toEqual(asksForHelp ? [] : [args[0]]);
      }
    }
  });

  it('name bimmer hub as the fix for a stream another program took over, and how to read through it', () => {
    const hint = CLI_HINTS['use-hub'];
    expect(hint.commands).toContainEqual(['hub']);
    expect(hint.commands).toContainEqual(['stream', '--hub', 'URL']);
    expect(hint.text).toContain('bimmer hub once for the account');
  });

  it('replace the SDK hint when the error carries an action (or a code that implies one)', () => {
    const { io, stderr } = memoryIo();
    reportError(io, createColors(false), new BimmerBlockedError());
    expect(stderr.text).toContain(`hint: ${CLI_HINTS['use-cardata'].text}`);
    expect(cliHintFor('captcha-required', undefined)).toBe(CLI_HINTS['captcha-token']);
    const own = memoryIo();
    reportError(own.io, createColors(false), new BimmerAuthError('Wrong password.', { hint: 'Check it.' }));
    expect(own.stderr.text).toBe('error: Wrong password.\nhint: Check it.\n');
    const withAction = memoryIo();
    reportError(
      withAction.io,
      createColors(false),
      new BimmerCaptchaRequiredError('Captcha needed.', { hint: 'SDK words.', action: 'captcha-token' }),
    );
    expect(withAction.stderr.text).toContain('bimmer login --captcha-token TOKEN');
    expect(withAction.stderr.text).not.toContain('SDK words.');
    // One hint per error: the CLI's for an action (or a code that implies one), else the SDK's.
    for (const error of [
      new BimmerBlockedError(),
      new BimmerAuthError('Refused.', { hint: 'SDK words.', action: 'mybmw-login' }),
      new BimmerAuthError('Refused.', { hint: 'SDK words.' }),
      new BimmerCaptchaRequiredError('Captcha needed.', { hint: 'SDK words.' }),
    ]) {
      const one = memoryIo();
      reportError(one.io, createColors(false), error);
      expect(one.stderr.text.match(/^hint: /gm), error.message).toHaveLength(1);
    }
  });

  it('and every "bimmer <command> --option" the CLI writes anywhere names a real command and option', () => {
    const program = buildProgram(memoryIo().io, COMMANDS, new Cleanups(), () => undefined);
    const globalOptions = new Set([...optionNames(program), '--help', '-h']);
    const sources = fileURLToPath(new URL('..', import.meta.url));
    const problems: string[] = [];
    let mentions = 0;
    for (const file of sourceFiles(sources)) {
      const text = readFileSync(file, 'utf8');
      for (const match of text.matchAll(
        /\bbimmer ([a-z_]+)((?: --?[a-z][a-z-]*(?: [A-Z][A-Za-z0-9_.-]*| cardata| [0-9]+)?)*)/g,
      )) {
        const [, name = '', options = ''] = match;
        const command = program.commands.find((candidate) => candidate.name() === name);
        // Prose ("bimmer shows a code") is no command line; a command name is.
        if (command === undefined) continue;
        mentions += 1;
        // The simulator parses its own flags.
        if (COMMANDS.find((definition) => definition.name === name)?.passThrough === true) continue;
        for (const option of options.match(/--?[a-z][a-z-]*/g) ?? []) {
          if (!optionNames(command).has(option) && !globalOptions.has(option)) {
            problems.push(`${relative(sources, file)}: bimmer ${name} ${option}`);
          }
        }
      }
    }
    expect(mentions).toBeGreaterThan(10);
    expect(problems).toEqual([]);
  });
});

function optionNames(command: Command): Set<string> {
  return new Set(
    command.options.flatMap((option) => [option.long, option.short]).filter((flag) => flag !== undefined),
  );
}

function sourceFiles(directory: string): string[] {
  return readdirSync(directory, { withFileTypes: true }).flatMap((entry) => {
    const path = join(directory, entry.name);
    if (entry.isDirectory()) return sourceFiles(path);
    return entry.name.endsWith('.ts') && !entry.name.endsWith('.test.ts') ? [path] : [];
  });
}
