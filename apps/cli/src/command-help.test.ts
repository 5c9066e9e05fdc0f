import { describe, expect, it } from 'vitest';
import { Cleanups } from './cleanups';
import { COMMAND_HELP, commandHelpText } from './command-help';
import { ExitCode } from './exit-codes';
import { buildProgram, type CommandHandlers } from './program';
import { runCli } from './run-cli';
import { memoryIo } from './test-support';

const HANDLER_NAMES = [
  'status',
  'fingerprint',
  'remote',
  'chargingSettings',
  'chargingProfile',
  'sendPoi',
  'sendPoiFromAddress',
  'image',
  'simulator',
  'demo',
  'login',
  'stream',
  'quota',
  'doctor',
] as const satisfies ReadonlyArray<keyof CommandHandlers>;

/** Handlers that only count their calls. */
function countingHandlers(calls: string[]): CommandHandlers {
  return Object.fromEntries(
    HANDLER_NAMES.map((name) => [
      name,
      async () => {
        calls.push(name);
        return undefined;
      },
    ]),
  ) as unknown as CommandHandlers;
}

describe('command help', () => {
  const program = buildProgram(memoryIo().io, countingHandlers([]), new Cleanups(), () => undefined);
  const names = program.commands.map((command) => command.name());

  it('has examples and exit codes for every command but simulator (which prints its own flags)', () => {
    expect(Object.keys(COMMAND_HELP).sort()).toEqual(names.filter((name) => name !== 'simulator').sort());
  });

  it('gives examples that run the command they document, without a usage error', async () => {
    for (const [name, help] of Object.entries(COMMAND_HELP)) {
      expect(help.examples.length, name).toBeGreaterThan(0);
      for (const example of help.examples) {
        expect(example.args[0], example.args.join(' ')).toBe(name);
        const calls: string[] = [];
        const { io, stderr } = memoryIo();
        const code = await runCli(example.args, io, countingHandlers(calls));
        expect(code, `${example.args.join(' ')}: ${stderr.text}`).toBe(ExitCode.ok);
        expect(calls, example.args.join(' ')).toHaveLength(1);
      }
    }
  });

  it('ends each help with its examples and exit codes, in lines of at most 80 characters', async () => {
    for (const name of Object.keys(COMMAND_HELP)) {
      const { io, stdout } = memoryIo();
      expect(await runCli([name, '--help'], io, countingHandlers([]))).toBe(ExitCode.ok);
      const text = stdout.text;
      expect(text, name).toContain('\nExamples:\n  $ bimmer ');
      expect(text, name).toMatch(/\nExit codes: 0 ok, 1 other error, 2 usage, [\s\S]*130 Ctrl-C/);
    }
    for (const help of Object.values(COMMAND_HELP)) {
      const exitCodeLines = commandHelpText(help).split('\n\n').at(-1)?.split('\n') ?? [];
      for (const line of exitCodeLines) expect(line.length).toBeLessThanOrEqual(80);
    }
  });

  it('names only the exit codes a command can end with', () => {
    const remote = commandHelpText(COMMAND_HELP.lightflash ?? { examples: [], exitCodes: [] });
    expect(remote).toContain('7 ERROR or no result in time');
    const quota = commandHelpText(COMMAND_HELP.quota ?? { examples: [], exitCodes: [] });
    expect(quota).not.toContain('7 ');
    expect(quota).toContain('3 login failed');
  });
});
