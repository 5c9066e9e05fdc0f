import { describe, expect, it } from 'vitest';
import { Cleanups } from '../cleanups';
import { ExitCode } from '../exit-codes';
import { commandHelpText } from '../help/command-help-text';
import { buildProgram } from '../program';
import { runCli } from '../run-cli';
import { memoryIo, type RecordedRun, recordingCommands } from '../test-support';
import { COMMANDS } from './index';

describe('the command registry', () => {
  const program = buildProgram(memoryIo().io, COMMANDS, new Cleanups(), () => undefined);

  it('registers every definition once, under its group, in the listed order', () => {
    const names = COMMANDS.map((command) => command.name);
    expect(new Set(names).size).toBe(names.length);
    expect(program.commands.map((command) => command.name())).toEqual(names);
    for (const [index, command] of program.commands.entries()) {
      expect(command.helpGroup()).toBe(COMMANDS[index]?.group);
    }
  });

  it('gives every command but simulator examples, each running the command it documents', async () => {
    for (const definition of COMMANDS.filter((command) => command.name !== 'simulator')) {
      expect(definition.examples.length, definition.name).toBeGreaterThan(0);
      for (const example of definition.examples) {
        expect(example.args[0], example.args.join(' ')).toBe(definition.name);
        const runs: RecordedRun[] = [];
        const { io, stderr } = memoryIo();
        const code = await runCli(example.args, io, recordingCommands(runs));
        expect(code, `${example.args.join(' ')}: ${stderr.text}`).toBe(ExitCode.ok);
        expect(runs.map((run) => run.name)).toEqual([definition.name]);
      }
    }
  });

  it('ends each help with its examples and exit codes, in lines of at most 80 characters', async () => {
    for (const definition of COMMANDS.filter((command) => command.examples.length > 0)) {
      const { io, stdout } = memoryIo();
      expect(await runCli([definition.name, '--help'], io, recordingCommands([]))).toBe(ExitCode.ok);
      expect(stdout.text, definition.name).toContain('\nExamples:\n  $ bimmer ');
      expect(stdout.text, definition.name).toMatch(
        /\nExit codes: 0 ok, 1 other error, 2 usage, [\s\S]*130\sCtrl-C/,
      );
      const exitCodeLines = commandHelpText(definition).split('\n\n').at(-1)?.split('\n') ?? [];
      for (const line of exitCodeLines) expect(line.length).toBeLessThanOrEqual(80);
    }
  });

  it('names only the exit codes a command can end with', () => {
    const byName = (name: string) => {
      const definition = COMMANDS.find((command) => command.name === name);
      if (definition === undefined) throw new Error(`no command ${name}`);
      return commandHelpText(definition).replace(/\s+/g, ' ');
    };
    expect(byName('lightflash')).toContain('7 ERROR or no result in time');
    expect(byName('quota')).not.toContain('7 ');
    expect(byName('quota')).toContain('3 login failed');
    expect(byName('status')).toContain('10 incomplete');
    expect(byName('status')).toContain('11 file unusable');
  });
});
